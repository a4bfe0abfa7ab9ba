package io.foldersync.index;

import io.foldersync.fs.FileMeta;

/**
 * The sync route's idempotent key for a source file: its relative path with the size, mtime and permissions the walk
 * saw, written as {@code size:mtimeNanos:permissions:path} (the path may itself hold colons). A key the index
 * {@linkplain Md5IndexRepository#contains contains} is a file the replica already holds as it is now: Camel's
 * "name-size-modified" key for changed files, exact to the nanosecond and the mode.
 */
public record StatKey(String path, long size, long mtimeNanos, int permissions) {

    public static StatKey of(String path, FileMeta meta) {
        return new StatKey(path, meta.size(), meta.mtimeNanos(), meta.permissions());
    }

    public static StatKey parse(String key) {
        int first = key.indexOf(':');
        int second = key.indexOf(':', first + 1);
        int third = key.indexOf(':', second + 1);
        if (first < 0 || second < 0 || third < 0) {
            throw new IllegalArgumentException("not a stat key (size:mtimeNanos:permissions:path): " + key);
        }
        return new StatKey(key.substring(third + 1), Long.parseLong(key, 0, first, 10),
                Long.parseLong(key, first + 1, second, 10), Integer.parseInt(key, second + 1, third, 8));
    }

    @Override
    public String toString() {
        return size + ":" + mtimeNanos + ":" + Integer.toOctalString(permissions) + ":" + path;
    }
}
