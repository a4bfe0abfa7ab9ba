package io.foldersync.camel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.foldersync.cycle.EntryMirror;
import io.foldersync.replica.RetryableCopyException;
import org.apache.camel.Exchange;

/**
 * The end of a copy's retries, for every pair: the route configuration that retries copies is shared by all sync
 * routes, so the exchange's route says whose mirror reports it.
 */
public class ExhaustedCopies {

    private final Map<String, EntryMirror> mirrorsByRoute = new ConcurrentHashMap<>();

    public void add(String routeId, EntryMirror mirror) {
        mirrorsByRoute.put(routeId, mirror);
    }

    public void giveUp(Exchange exchange) {
        EntryMirror mirror = mirrorsByRoute.get(exchange.getFromRouteId());
        if (mirror == null) {
            throw new IllegalStateException("no pair owns route " + exchange.getFromRouteId());
        }
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String path = cause instanceof RetryableCopyException retryable ? retryable.path()
                : exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        mirror.giveUp(path, cause != null && cause.getCause() != null ? cause.getCause() : cause);
    }
}
