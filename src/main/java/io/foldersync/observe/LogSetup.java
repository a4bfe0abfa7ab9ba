package io.foldersync.observe;

import java.util.HashMap;
import java.util.Map;

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

    private LogSetup() {
    }

    /**
     * For our command line, before anything asks for a logger: Log4j reads its configuration once, at the first
     * logger.
     */
    public static void configure(SyncSettings settings, String format) {
        properties(settings, format).forEach(System::setProperty);
    }

    /**
     * For a Camel Main other than ours, where logging started before any setting was read: applies the settings by
     * reloading the packaged configuration. A platform's own logging configuration is left as it is, and so is each
     * {@code folder-sync.log.*} system property already given (or set by our command line).
     */
    public static void adopt(SyncSettings settings, String format) {
        LoggerContext context = packagedContext();
        if (context == null) {
            return;
        }
        Map<String, String> missing = new HashMap<>(properties(settings, format));
        missing.keySet().removeAll(System.getProperties().stringPropertyNames());
        if (!missing.isEmpty()) {
            missing.forEach(System::setProperty);
            context.reconfigure();
        }
    }

    private static Map<String, String> properties(SyncSettings settings, String format) {
        String chosen = format.isBlank() ? "text" : format.trim();
        if (!chosen.equals("text") && !chosen.equals("json")) {
            throw new SettingsException("sync.log-format must be text or json, not '" + format + "'");
        }
        return Map.of("folder-sync.log.file", settings.logFile().toString(),
                "folder-sync.log.max-size", String.valueOf(settings.logMaxBytes()),
                "folder-sync.log.max-files", String.valueOf(settings.logMaxFiles()),
                "folder-sync.log.format", chosen);
    }

    /** The Log4j context when it runs the packaged configuration, or null. */
    private static LoggerContext packagedContext() {
        try {
            return LogManager.getContext(false) instanceof LoggerContext context
                    && PACKAGED_CONFIGURATION.equals(context.getConfiguration().getName()) ? context : null;
        } catch (LinkageError noLog4jCore) { // the platform logs through another SLF4J backend
            return null;
        }
    }
}
