package io.foldersync.replica;

import java.io.IOException;
import java.nio.file.Path;

import io.foldersync.fs.FileMeta;
import io.foldersync.index.IndexEntry;
import io.foldersync.index.Md5;
import io.foldersync.observe.Action;

/**
 * Every change a sync makes to REPLICA, each logged as its action and counted, and recorded in the index once done.
 * {@link DiskOperations} makes them; a dry run is given {@link DryRunOperations}, which reports the same actions and
 * changes nothing. What is changed is decided elsewhere: these only do.
 */
public interface ReplicaOperations {

    /**
     * Copies a source file into place (a {@code COPY} or an {@code UPDATE}), never leaving a half-written file at the
     * final path.
     *
     * @param listed the file's lstat from the walk: the file to be read, unless it is replaced before it is opened
     */
    void copy(String path, Path source, FileMeta listed, Action action) throws IOException;

    /**
     * Gives the replica file the source's mode and mtime, and owner and extended attributes where they are mirrored
     * (a {@code TOUCH}), its content being known to be the same.
     *
     * @return false when REPLICA holds no regular file at that path, which then needs a copy
     */
    boolean touch(String path, Path source, FileMeta meta, Md5 md5) throws IOException;

    /**
     * Takes a replica file already holding the source's content as the copy of it, fixing its mode (owner, extended
     * attributes) if they differ.
     */
    void adopt(String path, Path source, FileMeta meta, Md5 md5) throws IOException;

    /** Makes the replica entry a symlink to {@code target}, unless it already is one. */
    void link(String path, Path target, FileMeta source) throws IOException;

    /**
     * Makes {@code later} another name of {@code first}'s replica file (link, then rename into place), unless it is one
     * already, and records it with the first name's content.
     *
     * @param firstEntry what the index recorded of the first name's copy; null when it has none (a dry run records
     *                   nothing, and reports the link all the same)
     * @return false when {@code first} has no replica file to link to
     */
    boolean hardLink(String first, String later, FileMeta meta, IndexEntry firstEntry) throws IOException;

    /**
     * Makes the folder, if missing, and gives it the source's mode and mtime, and owner and extended attributes where
     * they are mirrored (a TOUCH where someone else changed them).
     */
    void folder(String path, Path sourceFolder, FileMeta source) throws IOException;

    /** Gives an existing folder the source's mode and mtime back after a change of ours inside it moved them. */
    void settleFolder(String path, FileMeta source) throws IOException;

    /** What a deletion removed: how many entries (a folder with all below it), and whether the entry was a folder. */
    record Deleted(long entries, boolean folder) {
        public static final Deleted NOTHING = new Deleted(0, false);
    }

    /**
     * Deletes an entry (a folder with everything in it) that SOURCE no longer has, keeping its files' versions first
     * where versions are kept. A dry run reports what it would delete, and deletes nothing.
     */
    Deleted delete(String folder, String name) throws IOException;

    /**
     * Removes a folder that holds nothing, which a mirror of only what includes choose does not keep (rsync's
     * {@code --prune-empty-dirs}); a {@code DELETE_DIR}.
     *
     * @return false when it holds something after all, or is not there
     */
    boolean removeEmptyFolder(String path) throws IOException;

    /** Removes the kept versions past their age limit, if versions are kept. */
    void expireVersions();
}
