package io.foldersync.observe;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters for the cycle under way, shared by the sync and prune routes. {@link #finish} turns them into the cycle's
 * summary line and starts the next cycle from zero.
 */
public class CycleStats {

    private final LongAdder scanned = new LongAdder();
    private final LongAdder copied = new LongAdder();
    private final LongAdder updated = new LongAdder();
    private final LongAdder touched = new LongAdder();
    private final LongAdder deleted = new LongAdder();
    private final LongAdder bytesCopied = new LongAdder();
    private final LongAdder bytesHashed = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final AtomicLong started = new AtomicLong(System.nanoTime());

    /** Marks the start of a cycle for its duration; counts made since the last summary (by a prune) are kept. */
    public void begin() {
        started.set(System.nanoTime());
    }

    public void scanned() {
        scanned.increment();
    }

    public void copied(long bytes) {
        copied.increment();
        bytesCopied.add(bytes);
    }

    public void updated(long bytes) {
        updated.increment();
        bytesCopied.add(bytes);
    }

    public void touched() {
        touched.increment();
    }

    public void deleted() {
        deleted.increment();
    }

    public void hashed(long bytes) {
        bytesHashed.add(bytes);
    }

    public void error() {
        errors.increment();
    }

    /** Ends the cycle: returns its summary and resets every counter for the next one. */
    public Summary finish() {
        long now = System.nanoTime();
        return new Summary(scanned.sumThenReset(), copied.sumThenReset(), updated.sumThenReset(),
                touched.sumThenReset(), deleted.sumThenReset(), bytesCopied.sumThenReset(),
                bytesHashed.sumThenReset(), errors.sumThenReset(), (now - started.getAndSet(now)) / 1_000_000);
    }

    public record Summary(long scanned, long copied, long updated, long touched, long deleted, long bytesCopied,
                          long bytesHashed, long errors, long durationMs) {
        @Override
        public String toString() {
            return "CYCLE scanned=" + scanned + " copied=" + copied + " updated=" + updated + " touched=" + touched
                    + " deleted=" + deleted + " bytes_copied=" + bytesCopied + " bytes_hashed=" + bytesHashed
                    + " errors=" + errors + " duration_ms=" + durationMs;
        }
    }
}
