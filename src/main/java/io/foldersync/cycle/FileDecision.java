package io.foldersync.cycle;

import io.foldersync.fs.FileMeta;
import io.foldersync.index.IndexEntry;

/** What a source file needs, judged from the index and its lstat alone: no content is read to decide. */
enum FileDecision {
    /** The replica holds what the source holds. */
    NOTHING,
    /** Same size and mtime, another mode or owner: only the metadata changes. */
    TOUCH,
    /** Same size, another mtime: the content is read; the same MD5 makes it a touch, another an update. */
    COMPARE,
    /** Not in the index: a replica copy of the same size and mtime is adopted if its content agrees, else copied. */
    ADOPT_OR_COPY,
    /** Another size: the content changed. */
    UPDATE;

    static FileDecision of(IndexEntry known, FileMeta source, boolean owners, boolean hardLinks) {
        if (known == null) {
            return ADOPT_OR_COPY;
        }
        if (hardLinks && known.inode() != source.inode()) {
            return UPDATE; // another file under this name (a hard link broken in SOURCE): a copy of its own
        }
        if (known.matches(source, owners)) {
            return NOTHING;
        }
        if (known.size() != source.size()) {
            return UPDATE;
        }
        return known.mtimeNanos() == source.mtimeNanos() ? TOUCH : COMPARE;
    }
}
