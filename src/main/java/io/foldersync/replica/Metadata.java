package io.foldersync.replica;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import io.foldersync.fs.FileKind;
import io.foldersync.fs.FileMeta;

/** Applies a source entry's mtime and permission bits (setuid, setgid and sticky included) to a replica entry. */
final class Metadata {

    private Metadata() {
    }

    /**
     * The access time set with the mtime: now, as a copy's would be. Given, it spares the stat Java makes to keep the
     * old one when none is.
     */
    private static FileTime now() {
        return FileTime.from(Instant.now());
    }

    /**
     * For an entry that someone else could have swapped for a symlink: nothing is followed. Times first: setting
     * permissions may take away the access that setting times needs. A symlink has no mode of its own.
     */
    static void apply(Path target, FileMeta source) throws IOException {
        Files.getFileAttributeView(target, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(source.mtime(), now(), null);
        if (source.kind() != FileKind.SYMLINK) {
            Files.setAttribute(target, "unix:mode", source.permissions(), LinkOption.NOFOLLOW_LINKS);
        }
    }

    /**
     * For a path that can only lead where we mean: our own temporary file, or an opened folder's /proc/self/fd path.
     * chmod(2) by path is one call, where refusing links costs Java three.
     */
    static void applyFollowing(Path target, FileMeta source) throws IOException {
        Files.getFileAttributeView(target, BasicFileAttributeView.class).setTimes(source.mtime(), now(), null);
        Files.setAttribute(target, "unix:mode", source.permissions());
    }
}
