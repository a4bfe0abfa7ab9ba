package io.foldersync.index;

import io.foldersync.fs.FileMeta;

/**
 * What the replica holds for one relative path: the source's size, mtime and permissions when it was copied, and the
 * MD5 of the content written.
 */
public record IndexEntry(long size, long mtimeNanos, int permissions, Md5 md5) {

    public static IndexEntry of(FileMeta meta, Md5 md5) {
        return new IndexEntry(meta.size(), meta.mtimeNanos(), meta.permissions(), md5);
    }

    public boolean matches(FileMeta meta) {
        return meta.sameStat(size, mtimeNanos, permissions);
    }
}
