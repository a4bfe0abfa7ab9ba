package io.foldersync.decide;

/** Where a trigger hands its decisions: the pair's apply route, which applies each in its turn. */
public interface DecisionQueue {

    /** Hands over a decision, which may be applied before this returns. */
    void submit(Decision decision);

    /** Returns once every decision handed over here has been applied, or the pair is stopping. */
    void awaitApplied();
}
