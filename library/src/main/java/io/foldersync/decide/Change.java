package io.foldersync.decide;

/** What REPLICA needs at one path, as {@link ChangePolicy} decides it. */
public enum Change {
    /** REPLICA holds what SOURCE holds. */
    NOTHING,
    /** A file to copy: nothing stands at its path in REPLICA, or nothing that could be it. */
    COPY,
    /** A file the index does not know, and REPLICA holds one of its size and mtime: adopted if their MD5s agree. */
    ADOPT,
    /** A file whose content changed (another size, or another file under the name): copied over the old one. */
    UPDATE,
    /** Same size, another mtime: SOURCE is read; the same MD5 makes it a TOUCH, another an UPDATE. */
    COMPARE,
    /** The same content with another mode, owner or mtime: only the metadata changes. */
    TOUCH,
    /** Stat says nothing changed but the ctime moved, and extended attributes are mirrored: they are read. */
    CHECK_ATTRIBUTES,
    /** A symlink, made or re-pointed unless REPLICA holds it already. */
    LINK,
    /** A folder that REPLICA lacks, or holds something else in place of. */
    MAKE_FOLDER,
    /** A folder REPLICA holds: its mode, mtime and owner set right where they differ. */
    MATCH_FOLDER,
    /** SOURCE lacks it: deleted, once SOURCE can be trusted. */
    DELETE,
    /** A FIFO, socket or device: never opened, never mirrored. */
    SKIP;

    /** Whether content is to be read and perhaps written: what REPLICA holds at the path may spare the write. */
    public boolean isContent() {
        return this == COPY || this == ADOPT || this == UPDATE || this == COMPARE;
    }
}
