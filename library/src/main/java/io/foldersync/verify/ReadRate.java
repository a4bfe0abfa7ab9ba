package io.foldersync.verify;

/**
 * A ceiling on how fast a verify reads: after each file, it waits until the bytes read so far fit the rate, so a
 * background scrub leaves the disk to everything else. Unlimited for a verify run by hand.
 */
public final class ReadRate {

    public static final ReadRate UNLIMITED = new ReadRate(0);

    private final long bytesPerSecond;
    private long started;
    private long bytes;

    /** @param bytesPerSecond 0 for no ceiling */
    public ReadRate(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    /** Starts counting afresh: a verify run begins. */
    public void restart() {
        started = System.nanoTime();
        bytes = 0;
    }

    void consumed(long read) {
        if (bytesPerSecond <= 0) {
            return;
        }
        if (started == 0) {
            restart();
        }
        bytes += read;
        long due = started + bytes * 1_000_000_000L / bytesPerSecond;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
