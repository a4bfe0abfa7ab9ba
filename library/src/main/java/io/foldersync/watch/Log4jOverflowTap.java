package io.foldersync.watch;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Hears the file-watch consumer's OVERFLOW line where Log4j2 is the logging backend: an appender on that consumer's
 * logger. Only loaded when Log4j2's core is there, which the library does not bring along.
 */
final class Log4jOverflowTap extends AbstractAppender implements AutoCloseable {

    private final OverflowRescan rescan;

    private Log4jOverflowTap(OverflowRescan rescan) {
        super("folder-sync-overflow", null, null, true, Property.EMPTY_ARRAY);
        this.rescan = rescan;
    }

    /** Whether Log4j2's core, there, is what the application logs to. */
    static boolean isTheBackend() {
        return LogManager.getContext(false) instanceof LoggerContext;
    }

    static Log4jOverflowTap install(OverflowRescan rescan) {
        Log4jOverflowTap tap = new Log4jOverflowTap(rescan);
        tap.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        LoggerConfig config = configuration.getLoggerConfig(OverflowRescan.WATCH_LOGGER);
        if (!config.getName().equals(OverflowRescan.WATCH_LOGGER)) {
            config = new LoggerConfig(OverflowRescan.WATCH_LOGGER, Level.WARN, true);
            configuration.addLogger(OverflowRescan.WATCH_LOGGER, config);
        }
        config.addAppender(tap, Level.WARN, null);
        context.updateLoggers();
        return tap;
    }

    @Override
    public void append(LogEvent event) {
        if (event.getLevel().isMoreSpecificThan(Level.WARN)
                && event.getMessage().getFormattedMessage().startsWith("OVERFLOW")) {
            rescan.overflowed();
        }
    }

    @Override
    public void close() {
        if (LogManager.getContext(false) instanceof LoggerContext context) {
            context.getConfiguration().getLoggerConfig(OverflowRescan.WATCH_LOGGER).removeAppender(getName());
            context.updateLoggers();
        }
        stop();
    }
}
