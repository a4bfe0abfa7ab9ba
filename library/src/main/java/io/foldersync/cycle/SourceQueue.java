package io.foldersync.cycle;

import io.foldersync.decide.DecisionQueue;
import io.foldersync.fs.FileMeta;

/**
 * Where a cycle's walk hands what it found: the sync route's consumer, whose idempotent repository says which files
 * changed, and which routes each decision to the apply route.
 */
public interface SourceQueue extends DecisionQueue {

    /** True unless the index says REPLICA holds the file as the walk saw it. */
    boolean changed(String path, FileMeta listed);
}
