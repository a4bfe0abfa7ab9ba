package io.foldersync.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Function;

import io.foldersync.fs.PathFilter;

/**
 * One pair's {@code sync.*} settings, read from one lookup (Camel's properties, or the command line's merged view) and
 * checked without creating or changing anything; the process's own are {@link RunSettings}. Paths are resolved
 * through links, so "inside" means really inside.
 */
public record SyncSettings(Path source, Path replica, Duration interval, Duration pruneInterval, Path stateDir,
                           int threads, DeleteLimit maxDelete, boolean watch, Duration watchWindow,
                           boolean allowEmptySource, Duration progressInterval, PathFilter filter,
                           boolean deleteExcluded, VersionSettings versions, Fidelity fidelity,
                           Duration verifyInterval, long verifyRate) {

    public static SyncSettings from(Function<String, String> lookup, RunSettings run) {
        Path source = existingFolder(lookup, "sync.source", "SOURCE");
        Path replica = resolved(required(lookup, "sync.replica", "REPLICA"));
        if (Files.exists(replica) && !Files.isDirectory(replica)) {
            throw new SettingsException("REPLICA " + replica + " exists and is not a folder");
        }
        if (!Files.exists(replica) && !isCreatable(replica)) {
            throw new SettingsException("REPLICA " + replica + " cannot be created by this user: choose a REPLICA it "
                    + "may create");
        }
        if (replica.equals(source)) {
            throw new SettingsException("REPLICA must not be the same folder as SOURCE: " + source);
        }
        if (replica.startsWith(source)) {
            throw new SettingsException("REPLICA " + replica + " is inside SOURCE " + source);
        }
        if (source.startsWith(replica)) {
            throw new SettingsException("SOURCE " + source + " is inside REPLICA " + replica);
        }
        Duration interval = Interval.parse("INTERVAL (sync.interval)", value(lookup, "sync.interval", "60"));
        String prune = value(lookup, "sync.prune-interval", "");
        Duration pruneInterval = prune.isEmpty() ? interval : Interval.parse("sync.prune-interval", prune);
        outside("LOG_FILE (sync.log-file)", run.logFile(), source, replica);
        String state = value(lookup, "sync.state-dir", "");
        Path stateDir = state.isEmpty() ? defaultStateDir(source, replica) : resolved(state);
        outside("sync.state-dir", stateDir, source, replica);
        if (!run.dryRun() && (Files.exists(stateDir) ? !Files.isWritable(stateDir) : !isCreatable(stateDir))) {
            throw new SettingsException("the state folder " + stateDir + " cannot be "
                    + (Files.exists(stateDir) ? "written" : "created") + " by this user: set sync.state-dir (or "
                    + "XDG_STATE_HOME) to a folder it may write");
        }
        return new SyncSettings(source, replica, interval, pruneInterval, stateDir,
                positive(lookup, "sync.threads", String.valueOf(Runtime.getRuntime().availableProcessors())),
                DeleteLimit.parse(lookup.apply("sync.max-delete")),
                flag(lookup, "sync.watch", "true"),
                Interval.parse("sync.watch-window", value(lookup, "sync.watch-window", "200ms")),
                flag(lookup, "sync.allow-empty-source", "false"), progressInterval(lookup), filter(lookup),
                flag(lookup, "sync.delete-excluded", "false"),
                VersionSettings.from(lookup, source, replica, run.dryRun()), Fidelity.from(lookup),
                verifyInterval(lookup), verifyRate(lookup));
    }

    /** Null when the daemon does not verify in the background. */
    private static Duration verifyInterval(Function<String, String> lookup) {
        String value = value(lookup, "sync.verify-interval", "");
        return value.isEmpty() ? null : Interval.parseSpan("sync.verify-interval", value);
    }

    /** Bytes a second, "50MB" or "50MB/s"; 0 for no limit. */
    private static long verifyRate(Function<String, String> lookup) {
        String value = value(lookup, "sync.verify-rate", "");
        return value.isEmpty() ? 0 : ByteSize.parse("sync.verify-rate", value.replaceFirst("/s$", ""));
    }

    /** The versions folder's path relative to REPLICA when it is inside it (the prune leaves it alone); else null. */
    public String versionsInsideReplica() {
        return versions == null || !versions.dir().startsWith(replica) ? null
                : replica.relativize(versions.dir()).toString();
    }

    private static PathFilter filter(Function<String, String> lookup) {
        String includes = lookup.apply("sync.include");
        String excludes = lookup.apply("sync.exclude");
        checkPatterns("sync.include (--include)", includes, null);
        checkPatterns("sync.exclude (--exclude)", null, excludes);
        return PathFilter.of(includes, excludes);
    }

    private static void checkPatterns(String key, String includes, String excludes) {
        try {
            PathFilter.of(includes, excludes);
        } catch (IllegalArgumentException e) {
            throw new SettingsException(key + ": " + e.getMessage());
        }
    }

    /** Zero turns the progress lines off. */
    private static Duration progressInterval(Function<String, String> lookup) {
        String value = value(lookup, "sync.progress-interval", "10s");
        return value.equals("0") ? Duration.ZERO : Interval.parse("sync.progress-interval", value);
    }

    private static Path existingFolder(Function<String, String> lookup, String key, String name) {
        Path path = Path.of(required(lookup, key, name)).toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new SettingsException(name + " " + path + " does not exist");
        }
        if (!Files.isDirectory(path)) {
            throw new SettingsException(name + " " + path + " is not a folder");
        }
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new SettingsException(name + " " + path + " cannot be resolved: " + e.getMessage());
        }
    }

    /** The real path of the nearest existing ancestor, plus the components that do not exist yet. */
    static Path resolved(String text) {
        Path path = Path.of(text).toAbsolutePath().normalize();
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(path));
        } catch (IOException e) {
            return path;
        }
    }

    private static void outside(String name, Path path, Path source, Path replica) {
        if (path.startsWith(source)) {
            throw new SettingsException(name + " " + path + " is inside SOURCE " + source);
        }
        if (path.startsWith(replica)) {
            throw new SettingsException(name + " " + path + " is inside REPLICA " + replica);
        }
    }

    /**
     * One state folder per SOURCE and REPLICA pair, under the user's state home as XDG defines it: $XDG_STATE_HOME when
     * it is an absolute path, else $HOME/.local/state. $HOME, not Java's user.home, which comes from the password
     * database and is /nonexistent for many service users.
     */
    private static Path defaultStateDir(Path source, Path replica) {
        String xdg = System.getenv("XDG_STATE_HOME");
        String home = System.getenv("HOME");
        Path base = xdg != null && xdg.startsWith("/") ? Path.of(xdg)
                : Path.of(home != null && home.startsWith("/") ? home : System.getProperty("user.home"),
                ".local", "state");
        return base.resolve("folder-sync").resolve(shortDigest(source + "\0" + replica));
    }

    /** A missing folder or file can be made when its nearest existing ancestor is a folder this user may write. */
    static boolean isCreatable(Path path) {
        Path existing = path.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.isDirectory(existing) && Files.isWritable(existing);
    }

    /** 16 hex digits of SHA-256: a file name for a path, the same in every process. */
    public static String shortDigest(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime ships SHA-256", e);
        }
    }

    private static String required(Function<String, String> lookup, String key, String name) {
        String value = lookup.apply(key);
        if (value == null || value.isBlank()) {
            throw new SettingsException(name + " is not set (argument, or " + key + ")");
        }
        return value.trim();
    }

    static String value(Function<String, String> lookup, String key, String fallback) {
        String value = lookup.apply(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    static boolean flag(Function<String, String> lookup, String key, String fallback) {
        String value = value(lookup, key, fallback);
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new SettingsException(key + " must be true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    static int wholeNumber(Function<String, String> lookup, String key, String fallback) {
        String value = value(lookup, key, fallback);
        if (!value.matches("\\d{1,9}")) {
            throw new SettingsException(key + " must be a whole number (0 or more), not '" + value + "'");
        }
        return Integer.parseInt(value);
    }

    static int positive(Function<String, String> lookup, String key, String fallback) {
        String value = value(lookup, key, fallback);
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new SettingsException(key + " must be a positive whole number, not '" + value + "'");
    }
}
