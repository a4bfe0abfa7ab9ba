package io.foldersync.observe;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.foldersync.fs.TreeSize;

/**
 * Counters for the cycle under way, shared by the sync and prune routes. {@link #finish} turns them into the cycle's
 * summary line and starts the next cycle from zero. Everything counted here also goes to the pair's running totals.
 */
public class CycleStats {

    private final SyncCounters totals;

    private final LongAdder scanned = new LongAdder();
    private final LongAdder bytesScanned = new LongAdder();
    private final LongAdder copied = new LongAdder();
    private final LongAdder updated = new LongAdder();
    private final LongAdder touched = new LongAdder();
    private final LongAdder adopted = new LongAdder();
    private final LongAdder deleted = new LongAdder();
    private final LongAdder excluded = new LongAdder();
    private final LongAdder kept = new LongAdder();
    private final LongAdder bytesCopied = new LongAdder();
    private final LongAdder bytesHashed = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder bytesTouched = new LongAdder();
    private final LongAdder queued = new LongAdder();
    private final LongAdder bytesQueued = new LongAdder();
    private final AtomicLong started = new AtomicLong(System.nanoTime());
    private volatile boolean running;
    private volatile boolean listed;
    private volatile TreeSize lastTreeSize;

    public CycleStats(SyncCounters totals) {
        this.totals = totals;
    }

    public SyncCounters totals() {
        return totals;
    }

    /** Marks the start of a cycle for its duration; counts made since the last summary (by a prune) are kept. */
    public void begin() {
        started.set(System.nanoTime());
        listed = false;
        running = true;
    }

    /** Whether a cycle is under way. */
    public boolean isRunning() {
        return running;
    }

    /** A changed file found by the walk, to be copied. */
    public void queued(long bytes) {
        queued.increment();
        bytesQueued.add(bytes);
    }

    /** The walk of SOURCE is over: everything to copy is known, so the time left can be estimated. */
    public void listed() {
        listed = true;
    }

    /** Where the cycle under way stands; null between cycles. */
    public Progress progress() {
        if (!running) {
            return null;
        }
        return new Progress(scanned.sum(), bytesScanned.sum(),
                copied.sum() + updated.sum() + touched.sum() + adopted.sum(),
                queued.sum(), bytesCopied.sum() + bytesTouched.sum(), bytesQueued.sum(), listed,
                System.nanoTime() - started.get());
    }

    /** An entry of SOURCE seen by the walk; {@code bytes} is a regular file's size, 0 for anything else. */
    public void scanned(long bytes) {
        scanned.increment();
        bytesScanned.add(bytes);
    }

    public void copied(long bytes) {
        copied.increment();
        bytesCopied.add(bytes);
        totals.bytesCopied(bytes);
    }

    public void updated(long bytes) {
        updated.increment();
        bytesCopied.add(bytes);
        totals.bytesCopied(bytes);
    }

    /** Same content with new metadata: nothing copied, but its bytes count as done for the progress. */
    public void touched(long bytes) {
        touched.increment();
        bytesTouched.add(bytes);
    }

    /** A file the index did not know, found identical in REPLICA (a replica made by rsync, a lost state folder). */
    public void adopted(long bytes) {
        adopted.increment();
        bytesTouched.add(bytes);
    }

    public void deleted() {
        deleted.increment();
    }

    /** Entries a dry run would delete: a folder with all below it. */
    public void deleted(long entries) {
        deleted.add(entries);
    }

    public void hashed(long bytes) {
        bytesHashed.add(bytes);
        totals.bytesHashed(bytes);
    }

    /** An entry of SOURCE the filters leave out (a folder counts once, as it is not walked). */
    public void excluded() {
        excluded.increment();
    }

    /** A replica file's old content moved to the versions folder before an update or delete. */
    public void kept() {
        kept.increment();
    }

    public void error() {
        errors.increment();
        totals.error();
    }

    void action(Action action) {
        totals.action(action);
    }

    /** Ends the cycle: returns its summary and resets every counter for the next one. */
    public Summary finish() {
        long now = System.nanoTime();
        running = false;
        queued.reset();
        bytesQueued.reset();
        bytesTouched.reset();
        long treeBytes = bytesScanned.sumThenReset();
        Summary summary = new Summary(scanned.sumThenReset(), copied.sumThenReset(), updated.sumThenReset(),
                touched.sumThenReset(), adopted.sumThenReset(), deleted.sumThenReset(), excluded.sumThenReset(),
                kept.sumThenReset(), bytesCopied.sumThenReset(),
                bytesHashed.sumThenReset(), errors.sumThenReset(), (now - started.getAndSet(now)) / 1_000_000);
        if (summary.scanned() > 0) {
            lastTreeSize = new TreeSize(summary.scanned(), treeBytes);
        }
        totals.cycleEnded(summary);
        return summary;
    }

    /** SOURCE's size as the last cycle that walked it found it; null before one has. */
    public TreeSize lastTreeSize() {
        return lastTreeSize;
    }

    /**
     * Scanned counts every entry the walk has seen (bytes scanned: the sizes of its files); queued, the changed files
     * it found to copy; done, the copies, updates and touches made of those, and their bytes.
     */
    public record Progress(long scanned, long bytesScanned, long filesDone, long filesQueued, long bytesDone,
                           long bytesQueued, boolean listed, long elapsedNanos) {

        long filesPending() {
            return filesQueued - filesDone;
        }

        long bytesPending() {
            return bytesQueued - bytesDone;
        }
    }

    public record Summary(long scanned, long copied, long updated, long touched, long adopted, long deleted,
                          long excluded, long kept, long bytesCopied, long bytesHashed, long errors,
                          long durationMs) {

        /** Anything copied, updated, touched, adopted or deleted, or an error: worth a line even when quiet. */
        public boolean changedSomething() {
            return copied + updated + touched + adopted + deleted + kept + errors > 0;
        }

        @Override
        public String toString() {
            return "CYCLE scanned=" + scanned + " copied=" + copied + " updated=" + updated + " touched=" + touched
                    + " adopted=" + adopted + " deleted=" + deleted + " excluded=" + excluded + " kept=" + kept
                    + " bytes_copied=" + bytesCopied
                    + " bytes_hashed=" + bytesHashed + " errors=" + errors + " duration_ms=" + durationMs;
        }
    }
}
