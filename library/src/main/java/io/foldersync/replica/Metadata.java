package io.foldersync.replica;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import io.foldersync.fs.FileKind;
import io.foldersync.fs.FileMeta;
import io.foldersync.fs.OpenFileCalls;

/**
 * Applies a source entry's mtime and permission bits (setuid, setgid and sticky included), and when owners are
 * mirrored its numeric owner and group, to a replica entry. The owner goes first: chown(2) clears setuid and setgid.
 */
final class Metadata {

    /** Who owns what this process creates: its effective owner and group, as the kernel shows them on /proc/self. */
    private static final int[] CREATOR = creator();
    /** The process's umask, which takes bits from the mode a file is created with; all bits where it is unknown. */
    private static final int UMASK = umask();
    private static final OpenFileCalls CALLS = OpenFileCalls.find();
    private static final int OWNER_ONLY = 0600;
    /** The mode to create a file with, for each of the 512 permission combinations. */
    private static final List<FileAttribute<Set<PosixFilePermission>>> MODES = IntStream.range(0, 0777 + 1)
            .mapToObj(Metadata::asAttribute).toList();

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

    /** Linux shows it in /proc/self/status (since 4.7); Java has no call for it. */
    private static int umask() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Umask:")) {
                    return Integer.parseInt(line.substring("Umask:".length()).trim(), 8);
                }
            }
        } catch (IOException | RuntimeException unknown) {
            // then every copy sets its mode after creating the file
        }
        return 0777;
    }

    private static FileAttribute<Set<PosixFilePermission>> asAttribute(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission permission : PosixFilePermission.values()) {
            if ((mode & (0400 >> permission.ordinal())) != 0) {
                permissions.add(permission);
            }
        }
        return PosixFilePermissions.asFileAttribute(permissions);
    }

    /** Whether a file created with SOURCE's mode has it exactly: no bit beyond rwx, none the umask takes. */
    private static boolean createdExactly(FileMeta source) {
        return (source.permissions() & ~0777) == 0 && (source.permissions() & UMASK) == 0;
    }

    /**
     * The mode to create a copy's temporary file with: SOURCE's, where the umask leaves it whole, so no chmod follows;
     * else readable and writable by its owner only until its mode is set.
     */
    static FileAttribute<Set<PosixFilePermission>> createdMode(FileMeta source) {
        return MODES.get(createdExactly(source) ? source.permissions() : OWNER_ONLY);
    }

    /** The source file a copy read, as its descriptor shows it now; by path where descriptors cannot be reached. */
    static FileMeta opened(FileChannel file, Path path) throws IOException {
        return CALLS == null ? FileMeta.of(path) : CALLS.stat(file);
    }

    /**
     * Gives a temporary file made with {@link #createdMode} SOURCE's owner, mtime and mode, through its descriptor
     * where it can be reached, else by path.
     */
    static void applyToCreated(FileChannel file, Path path, FileMeta source, boolean owners) throws IOException {
        if (CALLS == null) {
            applyFollowing(path, source, owners);
            return;
        }
        if (owners && (source.uid() != CREATOR[0] || source.gid() != CREATOR[1])) {
            CALLS.setOwner(file, source.uid(), source.gid());
        }
        CALLS.setTimes(file, source.mtimeNanos());
        if (!createdExactly(source)) {
            CALLS.setMode(file, source.permissions()); // after chown, which clears setuid and setgid
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
