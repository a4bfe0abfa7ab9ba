package io.foldersync.observe;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * One pair's totals since the process started, counted as things happen (so a long first sync shows its progress),
 * for metrics, JMX and the health check. The per-cycle counts are {@link CycleStats}'.
 */
public class SyncCounters implements SyncCountersMBean {

    private final Map<Action, LongAdder> actions = new EnumMap<>(Action.class);
    private final LongAdder bytesCopied = new LongAdder();
    private final LongAdder bytesHashed = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder eventsMirrored = new LongAdder();
    private final LongAdder eventLagNanos = new LongAdder();
    private final LongSupplier indexEntries;
    private volatile CycleStats.Summary lastCycle;
    private volatile boolean leader = true;
    private long cycles;
    private long cycleMillisTotal;

    public SyncCounters(LongSupplier indexEntries) {
        this.indexEntries = indexEntries;
        for (Action action : Action.values()) {
            actions.put(action, new LongAdder());
        }
    }

    void action(Action action) {
        actions.get(action).increment();
    }

    void bytesCopied(long bytes) {
        bytesCopied.add(bytes);
    }

    void bytesHashed(long bytes) {
        bytesHashed.add(bytes);
    }

    void error() {
        errors.increment();
    }

    synchronized void cycleEnded(CycleStats.Summary summary) {
        cycles++;
        cycleMillisTotal += summary.durationMs();
        lastCycle = summary;
    }

    /** Time from the first event on a path to its change being in REPLICA. */
    public void eventMirrored(long lagNanos) {
        eventsMirrored.increment();
        eventLagNanos.add(lagNanos);
    }

    public long actions(Action action) {
        return actions.get(action).sum();
    }

    /** The summary of the last completed cycle; null before the first. */
    public CycleStats.Summary lastCycle() {
        return lastCycle;
    }

    public synchronized long cycleMillisTotal() {
        return cycleMillisTotal;
    }

    public long eventLagNanosTotal() {
        return eventLagNanos.sum();
    }

    /** Whether this instance runs the pair: always without a cluster service; with one, while it leads. */
    public void leading(boolean leading) {
        this.leader = leading;
    }

    @Override
    public boolean isLeader() {
        return leader;
    }

    @Override
    public long getRepairs() {
        return actions(Action.REPAIR);
    }

    @Override
    public long getVersionsKept() {
        return actions(Action.VERSION);
    }

    @Override
    public long getVersionsExpired() {
        return actions(Action.VERSION_EXPIRED);
    }

    @Override
    public long getFilesCopied() {
        return actions(Action.COPY);
    }

    @Override
    public long getFilesUpdated() {
        return actions(Action.UPDATE);
    }

    @Override
    public long getFilesTouched() {
        return actions(Action.TOUCH);
    }

    @Override
    public long getEntriesDeleted() {
        return actions(Action.DELETE) + actions(Action.DELETE_DIR);
    }

    @Override
    public long getEntriesSkipped() {
        return actions(Action.SKIP);
    }

    @Override
    public long getBytesCopied() {
        return bytesCopied.sum();
    }

    @Override
    public long getBytesHashed() {
        return bytesHashed.sum();
    }

    @Override
    public long getErrors() {
        return errors.sum();
    }

    @Override
    public synchronized long getCycles() {
        return cycles;
    }

    @Override
    public long getLastCycleDurationMillis() {
        CycleStats.Summary last = lastCycle;
        return last == null ? 0 : last.durationMs();
    }

    @Override
    public long getLastCycleErrors() {
        CycleStats.Summary last = lastCycle;
        return last == null ? 0 : last.errors();
    }

    @Override
    public long getIndexEntries() {
        return indexEntries.getAsLong();
    }

    @Override
    public long getEventsMirrored() {
        return eventsMirrored.sum();
    }
}
