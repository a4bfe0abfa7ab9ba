package io.foldersync.source;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How long a deletion waits for the burst of removals it came in, on a clock the test moves. */
class RemovalBurstsTest {

    private static final long MS = 1_000_000;
    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final RemovalBursts bursts = new RemovalBursts(Duration.ofMillis(200), now::get);

    @Test
    void nothingWaitsBeforeAnyRemoval() {
        assertTrue(bursts.nanosToWait() <= 0);
    }

    @Test
    void aDeletionWaitsUntilNoEntryWentForAWindow() {
        bursts.removalSeen();
        now.addAndGet(150 * MS);
        bursts.removalSeen();
        now.addAndGet(150 * MS);

        assertEquals(50 * MS, bursts.nanosToWait(), "200 ms after the last removal");
        now.addAndGet(50 * MS);
        assertTrue(bursts.nanosToWait() <= 0);
    }

    @Test
    void aBurstThatNeverEndsHoldsDeletionsTenWindowsAtMost() {
        for (int i = 0; i < 30; i++) { // a removal every 100 ms for 3 s
            bursts.removalSeen();
            now.addAndGet(100 * MS);
            assertEquals(i < 19, bursts.nanosToWait() > 0, "at " + (i + 1) * 100 + " ms");
        }
    }

    @Test
    void aRemovalAfterAQuietWindowStartsANewBurst() {
        for (int i = 0; i < 25; i++) {
            bursts.removalSeen();
            now.addAndGet(100 * MS);
        }
        now.addAndGet(500 * MS);
        bursts.removalSeen();

        assertEquals(200 * MS, bursts.nanosToWait(), "held again, a window from this removal");
    }
}
