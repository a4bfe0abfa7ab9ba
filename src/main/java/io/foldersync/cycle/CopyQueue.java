package io.foldersync.cycle;

import io.foldersync.fs.FileMeta;

/** Where a cycle's walk hands the files it found: the sync route's consumer, which routes the changed ones. */
public interface CopyQueue {

    /**
     * Hands over a file as the walk saw it.
     *
     * @return true when it was queued for a copy, false when the index says the replica already holds it
     */
    boolean offer(String path, FileMeta listed);

    /** Returns once every queued copy has ended, or the pair is stopping. */
    void awaitCopies();
}
