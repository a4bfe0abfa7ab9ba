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

/**
 * Applies a source entry's mtime and permission bits (setuid, setgid and sticky included), and when owners are
 * mirrored its numeric owner and group, to a replica entry. The owner goes first: chown(2) clears setuid and setgid.
 */
final class Metadata {

    /** Who owns what this process creates: its effective owner and group, as the kernel shows them on /proc/self. */
    private static final int[] CREATOR = creator();

    private Metadata() {
    }

    private static int[] creator() {
        try {
            Path self = Path.of("/proc/self");
            return new int[] {(Integer) Files.getAttribute(self, "unix:uid"), (Integer) Files.getAttribute(self,
                    "unix:gid")};
        } catch (IOException | RuntimeException unknown) {
            return new int[] {-1, -1};
        }
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
    static void apply(Path target, FileMeta source, boolean owners) throws IOException {
        if (owners) {
            Files.setAttribute(target, "unix:uid", source.uid(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(target, "unix:gid", source.gid(), LinkOption.NOFOLLOW_LINKS);
        }
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
    static void applyFollowing(Path target, FileMeta source, boolean owners) throws IOException {
        if (owners && source.uid() != CREATOR[0]) {
            Files.setAttribute(target, "unix:uid", source.uid());
        }
        if (owners && source.gid() != CREATOR[1]) {
            Files.setAttribute(target, "unix:gid", source.gid());
        }
        Files.getFileAttributeView(target, BasicFileAttributeView.class).setTimes(source.mtime(), now(), null);
        Files.setAttribute(target, "unix:mode", source.permissions());
    }
}
