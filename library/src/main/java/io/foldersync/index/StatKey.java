package io.foldersync.index;

import io.foldersync.fs.FileMeta;

/**
 * The sync route's idempotent key for a source file: its relative path with the size, mtime, permissions, owner,
 * group, ctime and inode the walk saw, written as {@code size:mtimeNanos:permissions:uid:gid:ctimeNanos:inode:path}
 * (the path may itself hold colons). A key the index {@linkplain Md5IndexRepository#contains contains} is a file the
 * replica already holds as it is now: Camel's "name-size-modified" key for changed files, exact to the nanosecond
 * and the mode.
 */
public record StatKey(String path, long size, long mtimeNanos, int permissions, int uid, int gid, long ctimeNanos,
                      long inode) {

    private static final int FIELDS = 7;

    public static StatKey of(String path, FileMeta meta) {
        return new StatKey(path, meta.size(), meta.mtimeNanos(), meta.permissions(), meta.uid(), meta.gid(),
                meta.ctimeNanos(), meta.inode());
    }

    public static StatKey parse(String key) {
        int[] colons = new int[FIELDS];
        int at = -1;
        for (int i = 0; i < FIELDS; i++) {
            at = key.indexOf(':', at + 1);
            if (at < 0) {
                throw new IllegalArgumentException("not a stat key (size:mtimeNanos:permissions:uid:gid:ctimeNanos:"
                        + "inode:path): " + key);
            }
            colons[i] = at;
        }
        return new StatKey(key.substring(colons[6] + 1), Long.parseLong(key, 0, colons[0], 10),
                Long.parseLong(key, colons[0] + 1, colons[1], 10), Integer.parseInt(key, colons[1] + 1, colons[2], 8),
                Integer.parseInt(key, colons[2] + 1, colons[3], 10),
                Integer.parseInt(key, colons[3] + 1, colons[4], 10),
                Long.parseLong(key, colons[4] + 1, colons[5], 10), Long.parseLong(key, colons[5] + 1, colons[6], 10));
    }

    @Override
    public String toString() {
        return size + ":" + mtimeNanos + ":" + Integer.toOctalString(permissions) + ":" + uid + ":" + gid + ":"
                + ctimeNanos + ":" + inode + ":" + path;
    }
}
