package io.foldersync.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * The settings of the process, shared by every pair: the log, the retries of a failed copy, and whether it runs one
 * cycle (--once), changes nothing (--dry-run), or only compares the trees (--verify). Never per pair.
 */
public record RunSettings(Path logFile, long logMaxBytes, int logMaxFiles, int retries, Duration retryDelay,
                          boolean dryRun, boolean once, boolean verify) {

    public static RunSettings from(Function<String, String> lookup) {
        Path logFile = SyncSettings.resolved(SyncSettings.value(lookup, "sync.log-file", "logs/folder-sync.log"));
        if (Files.exists(logFile) ? !Files.isWritable(logFile) : !SyncSettings.isCreatable(logFile)) {
            throw new SettingsException("LOG_FILE " + logFile + " cannot be written by this user: choose another "
                    + "(argument 4, or sync.log-file)");
        }
        return new RunSettings(logFile,
                ByteSize.parse("sync.log-max-size", SyncSettings.value(lookup, "sync.log-max-size", "10MB")),
                SyncSettings.positive(lookup, "sync.log-max-files", "5"),
                SyncSettings.wholeNumber(lookup, "sync.retries", "3"),
                Interval.parse("sync.retry-delay", SyncSettings.value(lookup, "sync.retry-delay", "200ms")),
                SyncSettings.flag(lookup, "sync.dry-run", "false"),
                SyncSettings.flag(lookup, "sync.once", "false"),
                SyncSettings.flag(lookup, "sync.verify", "false"));
    }
}
