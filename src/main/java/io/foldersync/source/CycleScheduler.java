package io.foldersync.source;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.spi.ScheduledPollConsumerScheduler;
import org.apache.camel.support.service.ServiceSupport;

/**
 * When the sync route polls: every interval, and at once on demand (a full rescan after lost events, --once). Polls
 * run on one thread, so they never overlap, and on-demand requests made while one is queued are folded into it.
 */
public class CycleScheduler extends ServiceSupport implements ScheduledPollConsumerScheduler {

    private final Duration interval;
    private final boolean periodic;
    private final AtomicBoolean requested = new AtomicBoolean();
    private CamelContext camelContext;
    private ScheduledExecutorService executor;
    private Runnable poll;
    private volatile boolean started;

    /** @param periodic false for --once, where cycles run only on demand */
    public CycleScheduler(Duration interval, boolean periodic) {
        this.interval = interval;
        this.periodic = periodic;
    }

    /** Asks for a cycle now; one already waiting to run answers the request. */
    public void runNow() {
        if (executor != null && requested.compareAndSet(false, true)) {
            executor.execute(() -> {
                requested.set(false);
                poll.run();
            });
        }
    }

    @Override
    public void onInit(Consumer consumer) {
        // nothing to learn from the consumer: the interval comes from sync.interval
    }

    @Override
    public void scheduleTask(Runnable task) {
        this.poll = task;
    }

    @Override
    public void unscheduleTask() {
        this.poll = null;
    }

    /** Camel may call this more than once; a second call must not start a second poller. */
    @Override
    public synchronized void startScheduler() {
        if (started) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sync-cycle");
            thread.setDaemon(true);
            return thread;
        });
        if (periodic) {
            executor.scheduleWithFixedDelay(poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        started = true;
    }

    @Override
    public boolean isSchedulerStarted() {
        return started;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    protected synchronized void doStop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
        started = false;
    }
}
