package io.foldersync.observe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How one pair stands, for whichever health endpoint the runtime serves (Camel's /observe/health, Spring Boot's
 * /actuator/health): up once a cycle completed without errors while SOURCE is there; down while SOURCE is missing,
 * unreadable or unmounted, before the first cycle ends, and after a cycle that left entries unsynced; standing by
 * while another instance leads it.
 */
public final class PairState {

    /** What the state comes to: the endpoint maps it to its own words. */
    public enum Status {
        UP, DOWN, STANDING_BY
    }

    private final SyncCounters counters;
    private final Supplier<String> sourceProblem;

    /** @param sourceProblem says what is wrong with SOURCE right now, or null */
    public PairState(SyncCounters counters, Supplier<String> sourceProblem) {
        this.counters = counters;
        this.sourceProblem = sourceProblem;
    }

    public Status status() {
        CycleStats.Summary last = counters.lastCycle();
        if (!counters.isLeader()) {
            return Status.STANDING_BY;
        }
        return sourceProblem.get() != null || last == null || last.errors() > 0 ? Status.DOWN : Status.UP;
    }

    /** Why the pair is not up, or null when it is. */
    public String reason() {
        CycleStats.Summary last = counters.lastCycle();
        String problem = sourceProblem.get();
        if (!counters.isLeader()) {
            return "standing by: another instance leads this pair";
        } else if (problem != null) {
            return "SOURCE " + problem;
        } else if (last == null) {
            return "the first cycle has not completed yet";
        } else if (last.errors() > 0) {
            return "the last cycle left " + last.errors() + " entries unsynced (see the log)";
        }
        return null;
    }

    /** The facts shown beside the status. */
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        CycleStats.Summary last = counters.lastCycle();
        details.put("cycles", counters.getCycles());
        details.put("index.entries", counters.getIndexEntries());
        details.put("repairs", counters.getRepairs());
        details.put("errors", counters.getErrors());
        details.put("leader", counters.isLeader());
        if (last != null) {
            details.put("last.cycle.duration.ms", last.durationMs());
            details.put("last.cycle.errors", last.errors());
        }
        return details;
    }
}
