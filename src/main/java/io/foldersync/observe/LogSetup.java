package io.foldersync.observe;

import java.io.IOException;
import java.nio.file.Files;

import io.foldersync.SettingsException;
import io.foldersync.SyncSettings;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;

/**
 * Hands the {@code sync.log-*} settings to the packaged log4j2.xml through the {@code folder-sync.log.*} system
 * properties it reads.
 */
public final class LogSetup {

    /** The name log4j2.xml gives its configuration, to tell it from a platform's own. */
    private static final String PACKAGED_CONFIGURATION = "folder-sync";
    private static final String FILE_PROPERTY = "folder-sync.log.file";

    private LogSetup() {
    }

    /**
     * For our command line, before anything asks for a logger: Log4j reads its configuration once, at the first
     * logger.
     */
    public static void configure(SyncSettings settings, String format) {
        String chosen = format.isBlank() ? "text" : format.trim();
        if (!chosen.equals("text") && !chosen.equals("json")) {
            throw new SettingsException("sync.log-format must be text or json, not '" + format + "'");
        }
        try {
            Files.createDirectories(settings.logFile().getParent());
        } catch (IOException e) {
            throw new SettingsException("cannot create the folder of LOG_FILE " + settings.logFile() + ": " + e);
        }
        System.setProperty(FILE_PROPERTY, settings.logFile().toString());
        System.setProperty("folder-sync.log.max-size", String.valueOf(settings.logMaxBytes()));
        System.setProperty("folder-sync.log.max-files", String.valueOf(settings.logMaxFiles()));
        System.setProperty("folder-sync.log.format", chosen);
    }

    /**
     * For a Camel Main other than ours, where logging started before any setting was read: applies the settings by
     * reloading the packaged configuration. A platform's own logging configuration, and log settings already given
     * as system properties (or by our command line), are left as they are.
     */
    public static void adopt(SyncSettings settings, String format) {
        if (System.getProperty(FILE_PROPERTY) != null || !packagedConfigurationIsActive()) {
            return;
        }
        configure(settings, format);
        ((LoggerContext) LogManager.getContext(false)).reconfigure();
    }

    private static boolean packagedConfigurationIsActive() {
        try {
            return LogManager.getContext(false) instanceof LoggerContext context
                    && PACKAGED_CONFIGURATION.equals(context.getConfiguration().getName());
        } catch (LinkageError noLog4jCore) { // the platform logs through another SLF4J backend
            return false;
        }
    }
}
