package io.foldersync.camel;

import java.util.ArrayList;
import java.util.List;

import io.foldersync.apply.ChangeApplier;
import io.foldersync.decide.Decision;
import io.foldersync.observe.SyncCounters;
import io.foldersync.replica.RetryableChangeException;
import io.foldersync.watch.WatchEvents;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The apply route's step: applies the exchange's decision (or each of a {@link DecisionBatch}) to REPLICA, and for one
 * the watch brought, counts how long it took from the first event. A redelivery looks at SOURCE afresh rather than
 * trusting the walk's listing, which the failure may have shown stale; of a batch, only the decisions that failed are
 * redelivered. A processor, not a bean method: Camel's bean binding (reflective method and parameter matching) cost
 * more per file than a small file's copy.
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
        boolean again = exchange.getIn().getHeader(Exchange.REDELIVERED, false, Boolean.class);
        if (exchange.getIn().getBody() instanceof DecisionBatch batch) {
            applyEach(exchange, batch, again);
            return;
        }
        Decision decision = exchange.getIn().getBody(Decision.class);
        applier.apply(again ? decision.lookingAgain() : decision);
        Long since = exchange.getIn().getHeader(WatchEvents.SINCE, Long.class);
        if (since != null) {
            counters.eventMirrored(System.nanoTime() - since);
        }
    }

    private void applyEach(Exchange exchange, DecisionBatch batch, boolean again) throws RetryableChangeException {
        List<Decision> failed = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (Decision decision : batch.decisions()) {
            try {
                applier.apply(again ? decision.lookingAgain() : decision);
            } catch (RetryableChangeException e) {
                failed.add(decision);
                failures.add(e);
            }
        }
        if (!failed.isEmpty()) {
            exchange.getIn().setBody(new DecisionBatch(List.copyOf(failed), List.copyOf(failures)));
            throw (RetryableChangeException) failures.get(0);
        }
    }
}
