package io.foldersync.watch;

import java.util.List;

import org.apache.camel.component.file.watch.FileWatchConsumer;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A full rescan when the kernel dropped events. Camel's file-watch consumer routes nothing on an inotify OVERFLOW; it
 * logs a WARN that begins "OVERFLOW" (its own text, not the system's), so this listens on its logger for that line and
 * asks for a sync cycle at once. Its other reports go to the route's exception handler ({@link WatchProblems}). The
 * listening is the logging backend's business: Log4j2's is here ({@link Log4jOverflowTap}); with another backend, lost
 * events wait for the next periodic cycle.
 */
public class OverflowRescan extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger("folder-sync");
    static final String WATCH_LOGGER = FileWatchConsumer.class.getName();

    private final List<Runnable> rescans;
    private AutoCloseable tap;

    /** @param rescans one per watched pair: the consumer's WARN does not say which watch lost events */
    public OverflowRescan(List<Runnable> rescans) {
        this.rescans = List.copyOf(rescans);
    }

    /** The consumer said it lost events: every watched pair is walked again. */
    void overflowed() {
        LOG.warn("the watch lost file events: rescanning SOURCE now");
        rescans.forEach(Runnable::run);
    }

    @Override
    protected void doStart() {
        tap = log4jIsThere() && Log4jOverflowTap.isTheBackend() ? Log4jOverflowTap.install(this) : null;
        if (tap == null) {
            LOG.info("the logging backend is not Log4j2: after lost file events, the next periodic cycle catches up");
        }
    }

    /** Asked before the tap's class is touched: it extends one of Log4j2's, which may not be there. */
    private static boolean log4jIsThere() {
        try {
            Class.forName("org.apache.logging.log4j.core.appender.AbstractAppender", false,
                    OverflowRescan.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (tap != null) {
            tap.close();
            tap = null;
        }
    }
}
