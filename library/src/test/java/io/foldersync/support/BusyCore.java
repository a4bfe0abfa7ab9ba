package io.foldersync.support;

/**
 * Keeps one core busy while a timing-sensitive test runs, as a shared CI machine does: a thread that spins until
 * closed.
 */
public final class BusyCore implements AutoCloseable {

    private final Thread spinner = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
            Thread.onSpinWait();
        }
    }, "busy-core");

    public BusyCore() {
        spinner.setDaemon(true);
        spinner.start();
    }

    @Override
    public void close() throws InterruptedException {
        spinner.interrupt();
        spinner.join();
    }
}
