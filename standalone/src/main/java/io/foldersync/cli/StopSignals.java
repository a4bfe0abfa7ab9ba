package io.foldersync.cli;

import java.util.function.Consumer;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT, taken over from the JVM as the process's first act, so that a stop asked for at any moment (while
 * the settings are read, while Camel starts, mid-cycle) is one orderly stop that exits 0. A stop asked for before
 * anything listens is remembered and handed to the listener when it comes.
 */
final class StopSignals {

    private volatile String received;
    private Consumer<String> listener;

    static StopSignals install() {
        StopSignals signals = new StopSignals();
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> signals.received(name));
        }
        return signals;
    }

    private void received(String name) {
        Consumer<String> target;
        synchronized (this) {
            received = name;
            target = listener;
        }
        if (target != null) {
            target.accept(name);
        }
    }

    /** Hands each stop signal, by name ("TERM"), to {@code action}: at once if one came already. */
    void whenRequested(Consumer<String> action) {
        String early;
        synchronized (this) {
            listener = action;
            early = received;
        }
        if (early != null) {
            action.accept(early);
        }
    }

    boolean requested() {
        return received != null;
    }
}
