package io.foldersync.camel;

import java.util.List;

import io.foldersync.decide.Decision;

/**
 * Files a cycle's walk found to copy, handed to the apply route as one exchange: one hand-off to a copy thread, and
 * one exchange through the route, for many small files. Each still takes its own turn on its path. After a failure,
 * the batch holds only the decisions that failed, each beside why, and only they are redelivered.
 *
 * @param failures for each decision, why its last try failed; empty before the first try
 */
record DecisionBatch(List<Decision> decisions, List<Throwable> failures) {

    DecisionBatch(List<Decision> decisions) {
        this(List.copyOf(decisions), List.of());
    }
}
