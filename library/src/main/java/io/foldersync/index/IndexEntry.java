package io.foldersync.index;

import io.foldersync.fs.FileMeta;

/**
 * What the replica holds for one relative path: the source's size, mtime, permissions, owner and group, and ctime when
 * it was copied, the MD5 of the content written, and a hash of its {@code user.*} extended attributes (0 when none
 * were copied), and the source file's inode (to see a hard link broken). An owner of -1 is one not recorded.
 */
public record IndexEntry(long size, long mtimeNanos, int permissions, int uid, int gid, long ctimeNanos, long xattrs,
                         long inode, Md5 md5) {

    /** An entry of an index written before owners, attributes and inodes were recorded. */
    public IndexEntry(long size, long mtimeNanos, int permissions, Md5 md5) {
        this(size, mtimeNanos, permissions, -1, -1, 0, 0, 0, md5);
    }

    public static IndexEntry of(FileMeta meta, Md5 md5, long xattrs) {
        return new IndexEntry(meta.size(), meta.mtimeNanos(), meta.permissions(), meta.uid(), meta.gid(),
                meta.ctimeNanos(), xattrs, meta.inode(), md5);
    }

    /** The same entry, as of a later look at the source that found nothing to change. */
    public IndexEntry seenAt(FileMeta meta) {
        return new IndexEntry(size, mtimeNanos, permissions, uid, gid, meta.ctimeNanos(), xattrs, inode, md5);
    }

    /** Same size, mtime and permissions, and, when owners are mirrored, the same owner and group. */
    public boolean matches(FileMeta meta, boolean owners) {
        return meta.sameStat(size, mtimeNanos, permissions) && (!owners || sameOwner(meta.uid(), meta.gid()));
    }

    public boolean sameOwner(int otherUid, int otherGid) {
        return uid == otherUid && gid == otherGid;
    }
}
