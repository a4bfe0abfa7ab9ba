package io.foldersync.watch;

import java.util.List;

import org.apache.camel.component.file.watch.FileWatchConsumer;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A full rescan when the kernel dropped events. Camel's file-watch consumer routes nothing on an inotify OVERFLOW; it
 * logs a WARN that begins "OVERFLOW" (its own text, not the system's), so this listens on its logger (Log4j2 being our
 * backend) for that line and asks for a sync cycle at once. Its other reports go to the route's exception handler
 * ({@link WatchProblems}). Without Log4j2 as the backend, lost events wait for the next periodic cycle.
 */
public class OverflowRescan extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger("folder-sync");
    private static final String WATCH_LOGGER = FileWatchConsumer.class.getName();

    private final List<Runnable> rescans;
    private Listener listener;

    /** @param rescans one per watched pair: the consumer's WARN does not say which watch lost events */
    public OverflowRescan(List<Runnable> rescans) {
        this.rescans = List.copyOf(rescans);
    }

    /** What the watch consumer's logger says goes through here too. */
    private final class Listener extends AbstractAppender {
        Listener() {
            super("folder-sync-overflow", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            if (event.getLevel().isMoreSpecificThan(Level.WARN)
                    && event.getMessage().getFormattedMessage().startsWith("OVERFLOW")) {
                LOG.warn("the watch lost file events: rescanning SOURCE now");
                rescans.forEach(Runnable::run);
            }
        }
    }

    @Override
    protected void doStart() {
        if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
            LOG.warn("Log4j2 is not the logging backend: after lost file events, the next periodic cycle catches up");
            return;
        }
        listener = new Listener();
        listener.start();
        Configuration configuration = context.getConfiguration();
        LoggerConfig config = configuration.getLoggerConfig(WATCH_LOGGER);
        if (!config.getName().equals(WATCH_LOGGER)) {
            config = new LoggerConfig(WATCH_LOGGER, Level.WARN, true);
            configuration.addLogger(WATCH_LOGGER, config);
        }
        config.addAppender(listener, Level.WARN, null);
        context.updateLoggers();
    }

    @Override
    protected void doStop() {
        if (listener != null && LogManager.getContext(false) instanceof LoggerContext context) {
            context.getConfiguration().getLoggerConfig(WATCH_LOGGER).removeAppender(listener.getName());
            context.updateLoggers();
            listener.stop();
            listener = null;
        }
    }
}
