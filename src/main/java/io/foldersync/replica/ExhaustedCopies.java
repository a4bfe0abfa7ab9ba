package io.foldersync.replica;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;

/**
 * The end of a copy's retries, for every pair: the route configuration that retries copies is shared by all sync
 * routes, so the exchange's route says whose writer reports it.
 */
public class ExhaustedCopies {

    private final Map<String, ReplicaWriter> writersByRoute = new ConcurrentHashMap<>();

    public void add(String routeId, ReplicaWriter writer) {
        writersByRoute.put(routeId, writer);
    }

    public void giveUp(Exchange exchange) {
        ReplicaWriter writer = writersByRoute.get(exchange.getFromRouteId());
        if (writer == null) {
            throw new IllegalStateException("no pair owns route " + exchange.getFromRouteId());
        }
        writer.giveUp(exchange);
    }
}
