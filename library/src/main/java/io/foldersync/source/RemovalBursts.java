package io.foldersync.source;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The removals the watch sees in SOURCE, grouped in bursts: entries going one after another, each within a window of
 * the last. rm -rf removes the children before the root, so a deletion waits for its burst to end, when it is clear
 * whether SOURCE went too; but not for longer than ten windows from the burst's start (2 s by default), so that a
 * program that deletes all the time still has its deletions mirrored.
 */
public class RemovalBursts {

    private static final int LONGEST_HOLD_IN_WINDOWS = 10;

    private final long window;
    private final LongSupplier clock;
    private long burstStarted;
    private long lastRemoval;
    private boolean any;

    public RemovalBursts(Duration window) {
        this(window, System::nanoTime);
    }

    /** @param clock nanoseconds, as {@link System#nanoTime} counts them */
    RemovalBursts(Duration window, LongSupplier clock) {
        this.window = window.toNanos();
        this.clock = clock;
    }

    /** The watch saw an entry of SOURCE go. */
    public synchronized void removalSeen() {
        long now = clock.getAsLong();
        if (!any || now - lastRemoval > window) {
            burstStarted = now;
        }
        lastRemoval = now;
        any = true;
    }

    /** How long a deletion must still wait for the burst it came in to end; zero or less when it need not wait. */
    public synchronized long nanosToWait() {
        if (!any) {
            return 0;
        }
        long now = clock.getAsLong();
        return Math.min(lastRemoval + window - now, burstStarted + LONGEST_HOLD_IN_WINDOWS * window - now);
    }
}
