package io.foldersync.cli;

import java.io.IOException;
import java.nio.file.Files;

import io.foldersync.SettingsException;
import io.foldersync.SyncSettings;

/**
 * Hands the log settings to log4j2.xml through system properties. Must run before anything asks for a logger, since
 * Log4j reads its configuration once, at the first logger.
 */
final class LogSetup {

    private LogSetup() {
    }

    static void configure(SyncSettings settings, String format) {
        String chosen = format.isBlank() ? "text" : format.trim();
        if (!chosen.equals("text") && !chosen.equals("json")) {
            throw new SettingsException("sync.log-format must be text or json, not '" + format + "'");
        }
        try {
            Files.createDirectories(settings.logFile().getParent());
        } catch (IOException e) {
            throw new SettingsException("cannot create the folder of LOG_FILE " + settings.logFile() + ": " + e);
        }
        System.setProperty("folder-sync.log.file", settings.logFile().toString());
        System.setProperty("folder-sync.log.max-size", String.valueOf(settings.logMaxBytes()));
        System.setProperty("folder-sync.log.max-files", String.valueOf(settings.logMaxFiles()));
        System.setProperty("folder-sync.log.format", chosen);
    }
}
