package io.foldersync.watch;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * How the watch route's aggregator coalesces the events of one path (it groups them by path and completes a group once
 * the path has been quiet for the window). This is its strategy, keeping the latest event, and its eager completion
 * predicate: the first change to a path in a window completes at once, so a file written in one go arrives within
 * milliseconds; further events on a path that keeps changing complete at most once per window, and the quiet window
 * after the last one brings its final content. A deletion always waits out the window: SOURCE itself may be going
 * (rm -rf deletes the children first), and the deletion is checked against it once the window is over.
 */
public class WatchWindow implements AggregationStrategy, Predicate {

    /** Coalescing state is kept for this many paths at most before stale entries are swept. */
    private static final int SWEEP_AT = 10_000;

    private final long windowNanos;
    /** When each path's last group completed. */
    private final Map<String, Long> completed = new ConcurrentHashMap<>();
    /** When each path's group still gathering events began. */
    private final Map<String, Long> gathering = new ConcurrentHashMap<>();

    public WatchWindow(Duration window) {
        this.windowNanos = window.toNanos();
    }

    /**
     * The latest event of a path stands for all of them, as each decision looks at SOURCE when it is applied; when the
     * first of them came is kept, for the lag.
     */
    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        if (oldExchange != null) {
            newExchange.getIn().setHeader(WatchEvents.SINCE, oldExchange.getIn().getHeader(WatchEvents.SINCE));
        }
        return newExchange;
    }

    /** Asked of each incoming event (eager completion): whether its path's group completes with it. */
    @Override
    public boolean matches(Exchange event) {
        String path = event.getIn().getHeader(WatchEvents.PATH, String.class);
        if ("DELETE".equals(event.getIn().getHeader("CamelFileEventType", String.class))) {
            gathering.putIfAbsent(path, System.nanoTime());
            return false;
        }
        long now = System.nanoTime();
        Long since = gathering.get(path);
        if (since != null) {
            return now - since >= windowNanos; // still changing: once per window
        }
        Long last = completed.get(path);
        if (last == null || now - last >= windowNanos) {
            return true; // the first change in a window: at once
        }
        gathering.put(path, now);
        return false;
    }

    @Override
    public void onCompletion(Exchange exchange) {
        String path = exchange.getIn().getHeader(WatchEvents.PATH, String.class);
        gathering.remove(path);
        long now = System.nanoTime();
        completed.put(path, now);
        if (completed.size() > SWEEP_AT) {
            completed.values().removeIf(when -> now - when >= windowNanos);
        }
    }
}
