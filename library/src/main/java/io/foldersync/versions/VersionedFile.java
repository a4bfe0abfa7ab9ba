package io.foldersync.versions;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.foldersync.settings.SettingsException;
import io.foldersync.settings.SyncPair;
import io.foldersync.settings.VersionSettings;

/**
 * The file a versions command names, as one pair mirrors it: a path relative to SOURCE (with one pair), or an absolute
 * path inside a pair's SOURCE, REPLICA or versions folder. A path to a version itself names that version.
 *
 * @param pair    the pair whose file it is
 * @param path    its path relative to SOURCE
 * @param version the version's file name, when the path named one; else null
 */
public record VersionedFile(SyncPair pair, String path, String version) {

    /** @throws SettingsException when the path names no file of any pair, or the pair keeps no versions */
    public static VersionedFile resolve(String option, String given, List<SyncPair> pairs) {
        Path asGiven = Path.of(given);
        VersionedFile file = asGiven.isAbsolute() ? inside(option, asGiven.normalize(), pairs)
                : relative(option, given, asGiven.normalize(), pairs);
        if (file.pair().settings().versions() == null) {
            throw new SettingsException(option + " needs sync.versions-dir, the folder the mirror keeps versions in:"
                    + " set it as the mirror has it (in --config FILE, SYNC_VERSIONS_DIR or -Dsync.versions-dir=DIR)");
        }
        return file;
    }

    public Path versionsDir() {
        return pair.settings().versions().dir();
    }

    private static VersionedFile relative(String option, String given, Path normalized, List<SyncPair> pairs) {
        if (pairs.size() != 1) {
            throw new SettingsException(option + " " + given + ": with several pairs, give an absolute path inside a "
                    + "pair's SOURCE or REPLICA");
        }
        return new VersionedFile(pairs.get(0), fileOf(option, given, normalized), null);
    }

    private static VersionedFile inside(String option, Path path, List<SyncPair> pairs) {
        for (SyncPair pair : pairs) {
            VersionSettings versions = pair.settings().versions();
            if (versions != null && path.startsWith(versions.dir()) && !path.equals(versions.dir())) {
                Path relative = versions.dir().relativize(path);
                String name = relative.getFileName().toString();
                Optional<VersionName> version = VersionName.parse(name);
                if (version.isEmpty()) {
                    throw new SettingsException(option + " " + path + " is in the versions folder but is not a "
                            + "kept version (name~yyyyMMdd-HHmmss-SSS.ext)");
                }
                Path original = relative.resolveSibling(version.get().original());
                return new VersionedFile(pair, fileOf(option, path.toString(), original), name);
            }
        }
        for (SyncPair pair : pairs) {
            for (Path root : List.of(pair.settings().source(), pair.settings().replica())) {
                if (path.startsWith(root)) {
                    return new VersionedFile(pair, fileOf(option, path.toString(), root.relativize(path)), null);
                }
            }
        }
        throw new SettingsException(option + " " + path + " is not inside SOURCE, REPLICA or the versions folder"
                + (pairs.size() == 1 ? "" : " of any pair") + ": give a path relative to SOURCE, or one inside them");
    }

    /** A relative path to a file: not the root itself, nothing above it. */
    private static String fileOf(String option, String given, Path relative) {
        String path = relative.toString();
        if (path.isEmpty() || relative.startsWith("..")) {
            throw new SettingsException(option + " " + given + " names no file inside SOURCE: give a file's path, "
                    + "relative to SOURCE");
        }
        return path;
    }
}
