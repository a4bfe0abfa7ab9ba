package io.foldersync.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * The settings of the process, shared by every pair: the log, the retries of a failed copy, and whether it runs one
 * cycle (--once), changes nothing (--dry-run), only compares the trees (--verify), or runs one cycle and then repairs
 * what a verify finds (--verify --repair). Never per pair.
 */
public record RunSettings(Path logFile, long logMaxBytes, int logMaxFiles, int retries, Duration retryDelay,
                          boolean dryRun, boolean once, boolean verify, boolean repair) {

    public static RunSettings from(Function<String, String> lookup) {
        Path logFile = SyncSettings.resolved(SyncSettings.value(lookup, "sync.log-file", "logs/folder-sync.log"));
        if (Files.exists(logFile) ? !Files.isWritable(logFile) : !SyncSettings.isCreatable(logFile)) {
            throw new SettingsException("LOG_FILE " + logFile + " cannot be written by this user: choose another "
                    + "(argument 4, or sync.log-file)");
        }
        boolean dryRun = SyncSettings.flag(lookup, "sync.dry-run", "false");
        boolean verify = SyncSettings.flag(lookup, "sync.verify", "false");
        boolean repair = SyncSettings.flag(lookup, "sync.repair", "false");
        if (repair && !verify) {
            throw new SettingsException("--repair (sync.repair) repairs what a verify finds: give --verify with it");
        }
        if (repair && dryRun) {
            throw new SettingsException("--repair changes REPLICA and --dry-run changes nothing: give one of them "
                    + "(--verify alone shows the differences)");
        }
        return new RunSettings(logFile,
                ByteSize.parse("sync.log-max-size", SyncSettings.value(lookup, "sync.log-max-size", "10MB")),
                SyncSettings.positive(lookup, "sync.log-max-files", "5"),
                SyncSettings.wholeNumber(lookup, "sync.retries", "3"),
                Interval.parse("sync.retry-delay", SyncSettings.value(lookup, "sync.retry-delay", "200ms")),
                dryRun,
                SyncSettings.flag(lookup, "sync.once", "false") || repair, // a repair runs one cycle first
                verify,
                repair);
    }
}
