package io.foldersync.camel;

import io.foldersync.cycle.SyncCycle;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.support.DefaultConsumer;

/**
 * The sync route's poll strategy: each poll of its {@code file:} consumer is one {@link SyncCycle} of the pair, whose
 * walk routes its decisions as that consumer's exchanges; the consumer's own listing (every file stat'ed three times
 * and gathered before the first is routed) is not needed, and is not begun. Camel counts the poll all the same, so
 * the route's own health check sees it polling.
 */
public class CyclePollStrategy implements PollingConsumerPollStrategy {

    private final SyncCycle cycle;

    public CyclePollStrategy(SyncCycle cycle) {
        this.cycle = cycle;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        cycle.poll(new RoutedDecisions((DefaultConsumer) consumer));
        return false;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        // never begun
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        return false;
    }
}
