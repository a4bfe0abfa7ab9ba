package io.foldersync.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Calls on an opened file's descriptor: fstat, and setting owner, times and mode. Each spares the lookup of a path
 * that could have been replaced since it was opened, and setting times by path costs Java an open and a close of its
 * own. Java's public API has none of them; {@link #find} gives what this JVM allows, or null, and the caller then
 * works by path as before.
 */
public interface OpenFileCalls {

    /** What fstat(2) tells of the opened file. */
    FileMeta stat(FileChannel file) throws IOException;

    /** fchown(2). */
    void setOwner(FileChannel file, int uid, int gid) throws IOException;

    /** futimens(2): the given mtime, and now as the access time, as a copy's would be. */
    void setTimes(FileChannel file, long mtimeNanos) throws IOException;

    /** fchmod(2), setuid, setgid and sticky bits included. */
    void setMode(FileChannel file, int mode) throws IOException;

    /** The calls this JVM allows: see {@link NativeCalls}. */
    static OpenFileCalls find() {
        return NativeCalls.FOUND;
    }
}
