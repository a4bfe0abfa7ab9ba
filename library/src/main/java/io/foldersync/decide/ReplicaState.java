package io.foldersync.decide;

import io.foldersync.fs.FileKind;
import io.foldersync.fs.FileMeta;

/** What stands at a path in REPLICA, as far as a decision needs to know it. */
public enum ReplicaState {
    /** Not looked at: the index answers for files, and a folder made this cycle holds nothing else. */
    NOT_LOOKED,
    ABSENT,
    /** A regular file of the source file's size and mtime: perhaps a copy made by rsync or cp -a, or before a lost index. */
    SAME_SIZE_AND_MTIME,
    /** A regular file of another size or mtime. */
    OTHER_FILE,
    FOLDER,
    /** A symlink, FIFO, socket or device. */
    OTHER;

    /** REPLICA's entry, from its lstat (null: none), judged against the source entry's (null: none). */
    public static ReplicaState of(FileMeta replica, FileMeta source) {
        if (replica == null) {
            return ABSENT;
        }
        return switch (replica.kind()) {
            case DIRECTORY -> FOLDER;
            case FILE -> source != null && source.kind() == FileKind.FILE && replica.size() == source.size()
                    && replica.mtimeNanos() == source.mtimeNanos() ? SAME_SIZE_AND_MTIME : OTHER_FILE;
            default -> OTHER;
        };
    }
}
