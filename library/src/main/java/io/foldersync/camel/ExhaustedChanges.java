package io.foldersync.camel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.foldersync.apply.ChangeApplier;
import io.foldersync.replica.RetryableChangeException;
import org.apache.camel.Exchange;

/**
 * The end of a change's redeliveries, for every pair: the route configuration that retries changes is shared by all
 * apply routes, so the exchange's route says whose applier reports it.
 */
public class ExhaustedChanges {

    private final Map<String, ChangeApplier> appliersByRoute = new ConcurrentHashMap<>();

    public void add(String routeId, ChangeApplier applier) {
        appliersByRoute.put(routeId, applier);
    }

    public void giveUp(Exchange exchange) {
        String route = exchange.getUnitOfWork().getRoute().getRouteId(); // the apply route the change failed in
        ChangeApplier applier = appliersByRoute.get(route);
        if (applier == null) {
            throw new IllegalStateException("no pair applies changes in route " + route);
        }
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (exchange.getIn().getBody() instanceof DecisionBatch batch && !batch.failures().isEmpty()) {
            for (int i = 0; i < batch.decisions().size(); i++) {
                applier.giveUp(batch.decisions().get(i).path(), batch.failures().get(i));
            }
            return;
        }
        String path = cause instanceof RetryableChangeException retryable ? retryable.path()
                : exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        applier.giveUp(path, cause);
    }
}
