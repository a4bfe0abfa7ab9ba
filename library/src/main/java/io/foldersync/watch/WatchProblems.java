package io.foldersync.watch;

import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

import io.foldersync.observe.ActionLog;
import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;

/**
 * What the watch route's consumer reports: a folder gone before the watch could be put on it is ordinary churn (it is
 * not watched, and its deletion has its own event), said at DEBUG; anything else means part of SOURCE may go unwatched
 * until the next cycle, a WARN.
 */
public class WatchProblems implements ExceptionHandler {

    private final ActionLog log;

    public WatchProblems(ActionLog log) {
        this.log = log;
    }

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && !(cause instanceof NoSuchFileException)) {
            cause = cause.getCause();
        }
        if (cause instanceof NoSuchFileException || cause instanceof NotDirectoryException) {
            log.detail("a folder went before the watch could be put on it: {}", cause.toString());
        } else {
            log.warn("the watch could not follow a change (" + exception + "); the next cycle sees to it");
        }
    }
}
