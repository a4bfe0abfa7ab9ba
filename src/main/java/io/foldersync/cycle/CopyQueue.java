package io.foldersync.cycle;

import io.foldersync.fs.FileMeta;

/** Where a cycle's walk hands the files it found: the sync route's consumer, which routes the changed ones. */
public interface CopyQueue {

    /** True unless the index says the replica already holds the file as the walk saw it. */
    boolean needsCopy(String path, FileMeta listed);

    /** Queues the file for its copy, which may be done before this returns. */
    void copy(String path, FileMeta listed);

    /** Returns once every queued copy has ended, or the pair is stopping. */
    void awaitCopies();
}
