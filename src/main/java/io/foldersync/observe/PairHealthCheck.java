package io.foldersync.observe;

import java.util.Map;
import java.util.function.Supplier;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of one pair, as {@code /observe/health/ready} reports it: ready once a cycle has completed without errors
 * while SOURCE is there. Not ready while SOURCE is missing, unreadable or unmounted, before the first cycle ends, and
 * after a cycle that left entries unsynced. Liveness is Camel's own (the context and its routes).
 */
public class PairHealthCheck extends AbstractHealthCheck {

    private final SyncCounters counters;
    private final Supplier<String> sourceProblem;

    /** {@code sourceProblem} says what is wrong with SOURCE right now, or null. */
    public PairHealthCheck(String pair, SyncCounters counters, Supplier<String> sourceProblem) {
        super("folder-sync", "folder-sync-" + pair);
        this.counters = counters;
        this.sourceProblem = sourceProblem;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        CycleStats.Summary last = counters.lastCycle();
        builder.detail("cycles", counters.getCycles());
        builder.detail("index.entries", counters.getIndexEntries());
        builder.detail("repairs", counters.getRepairs());
        builder.detail("leader", counters.isLeader());
        String problem = sourceProblem.get();
        if (!counters.isLeader()) {
            builder.up().message("standing by: another instance leads this pair");
        } else if (problem != null) {
            builder.down().message("SOURCE " + problem);
        } else if (last == null) {
            builder.down().message("the first cycle has not completed yet");
        } else if (last.errors() > 0) {
            builder.detail("last.cycle.errors", last.errors());
            builder.down().message("the last cycle left " + last.errors() + " entries unsynced (see the log)");
        } else {
            builder.up();
        }
    }
}
