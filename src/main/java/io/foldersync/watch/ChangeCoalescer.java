package io.foldersync.watch;

import java.io.File;
import java.nio.file.InvalidPathException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.foldersync.fs.RelativePath;
import io.foldersync.observe.SyncCounters;
import org.apache.camel.Body;

/**
 * Turns the watch route's events into mirror work, per path: the first event is acted on at once, further events on
 * a path still being written at most once per window, and once more after the last one. So a file written in one go
 * arrives within milliseconds, a file written for minutes is not copied over and over, and its final content always
 * arrives.
 */
public class ChangeCoalescer {

    private final java.nio.file.Path sourceRoot;
    private final EventMirror mirror;
    private final long windowNanos;
    private final SyncCounters counters;
    private final Map<String, PathState> states = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor;

    /** A change that failed for a reason worth retrying (a replica folder deleted under the copy) is tried again. */
    private static final int MAX_RETRIES = 5;

    /** When a path was last acted on, and whether a run is already scheduled for it. */
    private static final class PathState {
        long lastRun = Long.MIN_VALUE / 2;
        long firstEvent; // of the events not yet acted on; 0 for none
        boolean scheduled;
        int failures;
    }

    /** @param executor runs the changes, as many at once as it has threads; Camel's, so Camel stops it */
    public ChangeCoalescer(java.nio.file.Path sourceRoot, EventMirror mirror, Duration window,
                           ScheduledExecutorService executor, SyncCounters counters) {
        this.counters = counters;
        this.sourceRoot = sourceRoot;
        this.mirror = mirror;
        this.windowNanos = window.toNanos();
        this.executor = executor;
    }

    /** The watch route's step: a file-watch event names the changed entry by its real path. */
    public void onEvent(@Body File changed) {
        String path;
        try {
            path = RelativePath.of(sourceRoot, changed.toPath());
        } catch (InvalidPathException unaddressable) {
            return; // a name Java cannot address: the cycle reports it
        }
        if (!path.isEmpty()) {
            changed(path);
        }
    }

    public void changed(String path) {
        PathState state = states.computeIfAbsent(path, p -> new PathState());
        synchronized (state) {
            if (state.firstEvent == 0) {
                state.firstEvent = System.nanoTime();
            }
            if (!state.scheduled) {
                state.scheduled = true;
                long delay = Math.max(0, state.lastRun + windowNanos - System.nanoTime());
                try {
                    executor.schedule(() -> run(path, state), delay, TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException stopping) {
                    state.scheduled = false; // Camel is stopping: the next start's first cycle catches up
                }
            }
        }
    }

    private void run(String path, PathState state) {
        long since;
        synchronized (state) {
            state.scheduled = false;
            state.lastRun = System.nanoTime();
            since = state.firstEvent;
            state.firstEvent = 0;
        }
        try {
            boolean done = mirror.apply(path);
            if (done) {
                counters.eventMirrored(System.nanoTime() - since);
            }
            if (retry(state, done)) {
                changed(path); // after the window: nothing else would bring it before the next cycle
            }
        } finally {
            synchronized (state) {
                if (!state.scheduled && System.nanoTime() - state.lastRun > windowNanos) {
                    states.remove(path, state);
                }
            }
        }
    }

    private static boolean retry(PathState state, boolean done) {
        synchronized (state) {
            state.failures = done ? 0 : state.failures + 1;
            return state.failures > 0 && state.failures <= MAX_RETRIES;
        }
    }
}
