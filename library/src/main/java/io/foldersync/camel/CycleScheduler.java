package io.foldersync.camel;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.spi.ScheduledPollConsumerScheduler;
import org.apache.camel.support.service.ServiceSupport;

/**
 * When the sync route's {@code file:} consumer polls (its {@code scheduler} option): every interval, and at once on
 * demand (a full rescan after lost events, --once). Polls run on one thread, so they never overlap, and on-demand
 * requests made while one is queued are folded into it. With a watch, the periodic cycles begin only once the watch is
 * installed ({@link #beginCycles}): a change made between the end of the first walk and the watch would otherwise
 * wait a whole interval (lsyncd's issue 226).
 */
public class CycleScheduler extends ServiceSupport implements ScheduledPollConsumerScheduler {

    private final String threadName;
    private final Duration interval;
    private final boolean periodic;
    private final boolean afterWatch;
    private final AtomicBoolean requested = new AtomicBoolean();
    private CamelContext camelContext;
    private ScheduledExecutorService executor;
    private Runnable poll;
    private volatile boolean started;
    private boolean watchReady;
    private boolean cyclesBegun;

    /**
     * @param periodic   false for --once, where cycles run only on demand
     * @param afterWatch true when a watch is to be installed first: the periodic cycles wait for {@link #beginCycles}
     */
    public CycleScheduler(String pair, Duration interval, boolean periodic, boolean afterWatch) {
        this.threadName = pair + "-cycle";
        this.interval = interval;
        this.periodic = periodic;
        this.afterWatch = afterWatch;
    }

    /** Starts the periodic cycles, the first at once: called when the watch is installed, or cannot be. */
    public synchronized void beginCycles() {
        watchReady = true;
        scheduleCycles();
    }

    private void scheduleCycles() {
        if (periodic && started && (watchReady || !afterWatch) && !cyclesBegun) {
            executor.scheduleWithFixedDelay(poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
            cyclesBegun = true;
        }
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
        executor = camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, threadName);
        started = true;
        scheduleCycles();
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
            camelContext.getExecutorServiceManager().shutdownNow(executor);
            executor = null;
        }
        started = false;
        cyclesBegun = false;
        watchReady = false; // started again (a leader again), the cycles wait for the watch again
    }
}
