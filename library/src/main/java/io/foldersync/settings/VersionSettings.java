package io.foldersync.settings;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * Kept versions: where a file's old content goes before REPLICA loses it to an update, a delete or a type change,
 * and how long it stays there (the newest {@code keep} per file, none older than {@code maxAge}; null for no limit).
 */
public record VersionSettings(Path dir, int keep, Duration maxAge) {

    /** @return null when {@code sync.versions-dir} is empty: no versions are kept */
    static VersionSettings from(Function<String, String> lookup, Path source, Path replica, boolean dryRun) {
        String dir = SyncSettings.value(lookup, "sync.versions-dir", "");
        if (dir.isEmpty()) {
            return null;
        }
        Path versions = SyncSettings.resolved(dir);
        if (versions.startsWith(source) || source.startsWith(versions)) {
            throw new SettingsException("sync.versions-dir " + versions + " overlaps SOURCE " + source
                    + ": choose a folder outside it (inside REPLICA is fine)");
        }
        if (replica.startsWith(versions)) {
            throw new SettingsException("sync.versions-dir " + versions + " holds REPLICA " + replica
                    + ": choose a folder beside it or inside it");
        }
        Path sameInSource = versions.startsWith(replica) ? source.resolve(replica.relativize(versions)) : null;
        if (sameInSource != null && Files.exists(sameInSource, LinkOption.NOFOLLOW_LINKS)) {
            throw new SettingsException("sync.versions-dir " + versions + " is inside REPLICA where SOURCE has "
                    + sameInSource + " of its own, which would be mirrored in among the kept versions: choose "
                    + "another sync.versions-dir");
        }
        if (Files.exists(versions) && !Files.isDirectory(versions)) {
            throw new SettingsException("sync.versions-dir " + versions + " exists and is not a folder");
        }
        if (!dryRun && !Files.exists(versions) && !SyncSettings.isCreatable(versions)
                && !versions.startsWith(replica)) {
            throw new SettingsException("sync.versions-dir " + versions + " cannot be created by this user");
        }
        return new VersionSettings(versions, SyncSettings.positive(lookup, "sync.versions-keep", "10"),
                maxAge(SyncSettings.value(lookup, "sync.versions-max-age", "")));
    }

    private static Duration maxAge(String text) {
        return text.isEmpty() ? null : Interval.parseSpan("sync.versions-max-age", text);
    }
}
