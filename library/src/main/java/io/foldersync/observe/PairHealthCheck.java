package io.foldersync.observe;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of one pair in Camel's health checks, as {@code /observe/health/ready} reports it (see {@link PairState}).
 * Liveness is Camel's own (the context and its routes).
 */
public class PairHealthCheck extends AbstractHealthCheck {

    private final PairState state;

    public PairHealthCheck(String pair, PairState state) {
        super("folder-sync", "folder-sync-" + pair);
        this.state = state;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        state.details().forEach(builder::detail);
        String reason = state.reason();
        if (state.status() == PairState.Status.DOWN) {
            builder.down().message(reason);
        } else {
            builder.up();
            if (reason != null) {
                builder.message(reason);
            }
        }
    }
}
