package io.foldersync.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.foldersync.observe.LogText;
import io.foldersync.settings.SettingsException;
import io.foldersync.settings.SyncPair;
import io.foldersync.versions.VersionHistory;
import io.foldersync.versions.VersionHistory.Version;
import io.foldersync.versions.VersionRestore;
import io.foldersync.versions.VersionTime;
import io.foldersync.versions.VersionedFile;

/**
 * --versions PATH and --restore PATH: lists a file's kept versions, or puts one back. Neither needs Camel, the lock or
 * the log file: the listing touches nothing, and a restore writes only its file (and any folders missing on its way),
 * into SOURCE, where the running mirror, or the next --once, copies it as any change. Usage errors are thrown as
 * {@link SettingsException} before anything is written.
 * Exit codes: 0 listed or restored; 1 no such version, or the restore refused or failed (one line on stderr says why).
 */
final class VersionsCommand {

    private final CommandLine commandLine;
    private final List<SyncPair> pairs;
    private final PrintStream out;
    private final PrintStream err;

    VersionsCommand(CommandLine commandLine, List<SyncPair> pairs, PrintStream out, PrintStream err) {
        this.commandLine = commandLine;
        this.pairs = pairs;
        this.out = out;
        this.err = err;
    }

    int run() {
        return commandLine.versionsOf() != null ? list() : restore();
    }

    private int list() {
        VersionedFile file = VersionedFile.resolve("--versions", commandLine.versionsOf(), pairs);
        try {
            List<Version> versions = VersionHistory.of(file.versionsDir(), file.path()).newestFirst();
            if (versions.isEmpty()) {
                err.println("folder-sync: no kept versions of " + LogText.escape(file.path()) + " in "
                        + file.versionsDir());
                return 1;
            }
            for (Version version : versions) {
                out.println("kept=" + VersionTime.format(version.name().kept()) + " modified="
                        + VersionTime.format(version.modified()) + " size=" + version.size() + " md5=" + version.md5()
                        + " path=" + LogText.escape(version.file().toString()));
            }
            return 0;
        } catch (IOException e) {
            err.println("folder-sync: cannot read the versions of " + LogText.escape(file.path()) + ": " + e);
            return 1;
        }
    }

    private int restore() {
        VersionedFile file = VersionedFile.resolve("--restore", commandLine.restore(), pairs);
        Instant at = commandLine.at() == null ? null : VersionTime.parse("--at", commandLine.at());
        if (at != null && file.version() != null) {
            throw new SettingsException("--at chooses a version, and " + commandLine.restore() + " is one already: "
                    + "give the file's path with --at, or the version's path alone");
        }
        Path root = commandLine.to() == null ? file.pair().settings().source() : restoreFolder(file);
        String relative = commandLine.to() == null ? file.path() : Path.of(file.path()).getFileName().toString();
        try {
            VersionHistory history = VersionHistory.of(file.versionsDir(), file.path());
            Optional<Version> chosen = file.version() != null
                    ? history.newestFirst().stream().filter(v -> v.file().getFileName().toString()
                            .equals(file.version())).findFirst()
                    : at != null ? history.asOf(at) : history.newest();
            if (chosen.isEmpty()) {
                err.println("folder-sync: " + noVersion(file, at, history));
                return 1;
            }
            VersionRestore.Restored restored = VersionRestore.restore(chosen.get(), root, relative,
                    commandLine.force());
            out.println("RESTORE " + LogText.escape(restored.target().toString()) + " from "
                    + LogText.escape(chosen.get().file().toString()) + " modified="
                    + VersionTime.format(chosen.get().modified()) + " size=" + restored.size() + " md5="
                    + restored.md5());
            return 0;
        } catch (VersionRestore.Refused refused) {
            err.println("folder-sync: not restored: " + LogText.escape(refused.getMessage()));
            return 1;
        } catch (IOException e) {
            err.println("folder-sync: cannot restore " + LogText.escape(file.path()) + ": " + e);
            return 1;
        }
    }

    private static String noVersion(VersionedFile file, Instant at, VersionHistory history) {
        String path = LogText.escape(file.path());
        if (file.version() != null) {
            return "the version " + LogText.escape(file.version()) + " is not in " + file.versionsDir();
        }
        if (at == null || history.newestFirst().isEmpty()) {
            return "no kept versions of " + path + " in " + file.versionsDir();
        }
        Instant oldest = history.newestFirst().stream().map(Version::modified).min(Instant::compareTo).orElseThrow();
        return "no version of " + path + " modified at or before " + VersionTime.format(at) + " (the oldest was "
                + "modified at " + VersionTime.format(oldest) + "; --versions lists them)";
    }

    /** --to DIR: an existing folder, outside REPLICA and the versions folder, which a restore never writes into. */
    private Path restoreFolder(VersionedFile file) {
        Path dir = Path.of(commandLine.to()).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new SettingsException("--to " + dir + " is not an existing folder: make it first, or name another");
        }
        for (SyncPair pair : pairs) {
            if (dir.startsWith(pair.settings().replica())) {
                throw new SettingsException("--to " + dir + " is inside REPLICA " + pair.settings().replica()
                        + ", which only the mirror writes: restore into SOURCE (leave out --to) or elsewhere");
            }
        }
        if (dir.startsWith(file.versionsDir())) {
            throw new SettingsException("--to " + dir + " is inside the versions folder: restore elsewhere");
        }
        return dir;
    }
}
