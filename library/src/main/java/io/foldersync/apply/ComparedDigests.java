package io.foldersync.apply;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.foldersync.fs.FileMeta;
import io.foldersync.index.Md5;
import io.foldersync.index.StatKey;

/**
 * The MD5 a comparison read of a SOURCE file whose update then failed, kept for the update's retries: a retry that
 * finds the file as it was (the same size, mtime, mode, owner, ctime and inode, the index's own test) uses it instead
 * of reading the file again. So an update held back (a full versions disk) reads SOURCE once, not once per attempt.
 * Only failed updates leave an entry, and using it takes it.
 */
final class ComparedDigests {

    private record Compared(StatKey stat, Md5 md5) {
    }

    private final Map<String, Compared> byPath = new ConcurrentHashMap<>();

    void remember(String path, FileMeta source, Md5 md5) {
        byPath.put(path, new Compared(StatKey.of(path, source), md5));
    }

    /** The MD5 read of the file as it is now; null when none was kept, or the file changed since. */
    Md5 take(String path, FileMeta source) {
        Compared compared = byPath.remove(path);
        return compared != null && compared.stat().equals(StatKey.of(path, source)) ? compared.md5() : null;
    }
}
