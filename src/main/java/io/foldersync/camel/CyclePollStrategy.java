package io.foldersync.camel;

import io.foldersync.cycle.SyncCycle;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;

/**
 * The sync route's poll strategy: each poll of its consumer is one {@link SyncCycle} of the pair, and a poll that
 * fails outside the cycle's own handling ends that cycle with an error, to be tried at the next one (no retry).
 */
public class CyclePollStrategy implements PollingConsumerPollStrategy {

    private final SyncCycle cycle;

    public CyclePollStrategy(SyncCycle cycle) {
        this.cycle = cycle;
    }

    SyncCycle cycle() {
        return cycle;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return true; // the cycle checks SOURCE and REPLICA itself, and reports a skipped cycle like any other
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        // the cycle saved the index and reported before the poll returned
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        cycle.pollFailed(cause);
        return false;
    }
}
