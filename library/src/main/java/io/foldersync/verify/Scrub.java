package io.foldersync.verify;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.foldersync.decide.DecisionQueue;
import io.foldersync.observe.ActionLog;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The daemon's background verify: every {@code sync.verify-interval}, at most {@code sync.verify-rate} bytes a second,
 * the pair's trees are compared in full, and each difference is handed to the apply route as a repair (the index
 * forgets the entry, so its content is read again on both sides): a replica that notices its own bit rot.
 */
public class Scrub extends ServiceSupport {

    private final CamelContext context;
    private final String pair;
    private final PairVerification verification;
    private final DecisionQueue repairs;
    private final ActionLog log;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public Scrub(CamelContext context, String pair, PairVerification verification, DecisionQueue repairs,
                 ActionLog log, Duration interval) {
        this.context = context;
        this.pair = pair;
        this.verification = verification;
        this.repairs = repairs;
        this.log = log;
        this.interval = interval;
    }

    @Override
    protected void doStart() {
        executor = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, pair + "-verify");
        executor.scheduleWithFixedDelay(this::scrub, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (executor != null) {
            context.getExecutorServiceManager().shutdownNow(executor);
            executor = null;
        }
    }

    private void scrub() {
        try {
            verification.repair(repairs);
        } catch (IOException | RuntimeException e) {
            log.rootError("the background verify stopped: " + e);
        }
    }
}
