package io.foldersync.camel;

import io.foldersync.apply.ChangeApplier;
import io.foldersync.decide.Decision;
import io.foldersync.observe.SyncCounters;
import io.foldersync.watch.WatchEvents;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The apply route's step: applies the exchange's decision to REPLICA, and for one the watch brought, counts how long it
 * took from the first event. A redelivery looks at SOURCE afresh rather than trusting the walk's listing, which the
 * failure may have shown stale. A processor, not a bean method: Camel's bean binding (reflective method and parameter
 * matching) cost more per file than a small file's copy.
 */
public class ApplyStep implements Processor {

    private final ChangeApplier applier;
    private final SyncCounters counters;

    public ApplyStep(ChangeApplier applier, SyncCounters counters) {
        this.applier = applier;
        this.counters = counters;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Decision decision = exchange.getIn().getBody(Decision.class);
        boolean again = exchange.getIn().getHeader(Exchange.REDELIVERED, false, Boolean.class);
        applier.apply(again ? decision.lookingAgain() : decision);
        Long since = exchange.getIn().getHeader(WatchEvents.SINCE, Long.class);
        if (since != null) {
            counters.eventMirrored(System.nanoTime() - since);
        }
    }
}
