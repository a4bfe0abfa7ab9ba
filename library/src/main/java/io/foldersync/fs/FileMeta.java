package io.foldersync.fs;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What one {@code lstat} tells about an entry: its kind, size, modification time, full mode bits, inode, owner and
 * group (numeric). Links are never followed, so a symlink is reported as a symlink whatever it points at.
 */
public record FileMeta(FileKind kind, long size, long mtimeNanos, int mode, long inode, int uid, int gid,
                       long ctimeNanos, int links, long device) {

    private static final String ATTRIBUTES = "unix:mode,size,lastModifiedTime,ino,uid,gid,ctime,nlink,dev";
    /**
     * The JDK's own accessors of the lstat it made, where the jar's Add-Opens lets us reach them: the "unix:" view
     * above gives the same through a map built from parsed attribute names, a third slower per entry.
     */
    private static final MethodHandle UNIX_MODE = accessor("mode", int.class);
    private static final MethodHandle UNIX_INODE = UNIX_MODE == null ? null : accessor("ino", long.class);
    private static final MethodHandle UNIX_UID = UNIX_MODE == null ? null : accessor("uid", int.class);
    private static final MethodHandle UNIX_GID = UNIX_MODE == null ? null : accessor("gid", int.class);
    private static final MethodHandle UNIX_CTIME = UNIX_MODE == null ? null : accessor("ctime", FileTime.class);
    private static final MethodHandle UNIX_LINKS = UNIX_MODE == null ? null : accessor("nlink", int.class);
    private static final MethodHandle UNIX_DEVICE = UNIX_MODE == null ? null : accessor("dev", long.class);
    /**
     * The times as the lstat gave them, seconds and nanoseconds: the JDK's own accessors make a FileTime and an Instant
     * of each, four objects an entry on every walk.
     */
    private static final MethodHandle MTIME_SECONDS = UNIX_MODE == null ? null : field("st_mtime_sec");
    private static final MethodHandle MTIME_NANOS = MTIME_SECONDS == null ? null : field("st_mtime_nsec");
    private static final MethodHandle CTIME_SECONDS = MTIME_NANOS == null ? null : field("st_ctime_sec");
    private static final MethodHandle CTIME_NANOS = CTIME_SECONDS == null ? null : field("st_ctime_nsec");
    /** Permission bits including setuid, setgid and sticky: what {@code chmod} takes. */
    public static final int PERMISSION_BITS = 07777;
    /** Times within this many seconds of 1970 (till 2262) are whole in nanoseconds; FileTime saturates the others. */
    private static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000L - 1;

    public static FileMeta of(Path path) throws IOException {
        return read(path, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The lstat of an entry a folder's listing gave: made from the listed folder's descriptor where the listing has one
     * (and the JDK's accessors are reachable), so the kernel looks up one name, not every folder of the entry's path.
     *
     * @param name  the entry's name in the folder
     * @param entry the entry's whole path, for a listing without a descriptor
     */
    public static FileMeta in(DirectoryStream<Path> folder, Path name, Path entry) throws IOException {
        if (UNIX_MODE != null && folder instanceof SecureDirectoryStream<Path> secure) {
            PosixFileAttributes attributes = InFolder.attributes(secure, name);
            if (attributes == null) {
                throw new NoSuchFileException(entry.toString());
            }
            return of(attributes);
        }
        return of(entry);
    }

    /** For a path that is meant to be followed, such as an opened folder's /proc/self/fd entry. */
    public static FileMeta ofFollowing(Path path) throws IOException {
        return read(path);
    }

    /** What an lstat already made (through an opened folder, say) tells; the inode is 0 where it cannot be read. */
    public static FileMeta of(PosixFileAttributes attributes) {
        if (UNIX_MODE != null) {
            try {
                int mode = (int) UNIX_MODE.invoke(attributes);
                return new FileMeta(FileKind.ofMode(mode), attributes.size(), mtimeNanos(attributes), mode,
                        (long) UNIX_INODE.invoke(attributes), (int) UNIX_UID.invoke(attributes),
                        (int) UNIX_GID.invoke(attributes), ctimeNanos(attributes), (int) UNIX_LINKS.invoke(attributes),
                        (long) UNIX_DEVICE.invoke(attributes));
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable unexpected) {
                throw new IllegalStateException(unexpected);
            }
        }
        int bits = 0;
        for (PosixFilePermission permission : attributes.permissions()) {
            bits |= 0400 >> permission.ordinal();
        }
        FileKind kind = attributes.isDirectory() ? FileKind.DIRECTORY : attributes.isSymbolicLink() ? FileKind.SYMLINK
                : attributes.isRegularFile() ? FileKind.FILE : FileKind.SPECIAL;
        return new FileMeta(kind, attributes.size(), nanos(attributes.lastModifiedTime()), bits, 0, -1, -1, 0, 1, 0);
    }

    private static long mtimeNanos(PosixFileAttributes attributes) throws Throwable {
        long seconds = MTIME_NANOS == null ? Long.MAX_VALUE : (long) MTIME_SECONDS.invokeExact(attributes);
        return isWholeInNanos(seconds) ? seconds * 1_000_000_000L + (long) MTIME_NANOS.invokeExact(attributes)
                : nanos(attributes.lastModifiedTime());
    }

    private static long ctimeNanos(PosixFileAttributes attributes) throws Throwable {
        long seconds = CTIME_NANOS == null ? Long.MAX_VALUE : (long) CTIME_SECONDS.invokeExact(attributes);
        return isWholeInNanos(seconds) ? seconds * 1_000_000_000L + (long) CTIME_NANOS.invokeExact(attributes)
                : nanos((FileTime) UNIX_CTIME.invoke(attributes));
    }

    private static boolean isWholeInNanos(long seconds) {
        return seconds >= -MAX_SECONDS && seconds <= MAX_SECONDS;
    }

    private static FileMeta read(Path path, LinkOption... options) throws IOException {
        if (UNIX_MODE != null) {
            return of(Files.readAttributes(path, PosixFileAttributes.class, options));
        }
        Map<String, Object> attributes = Files.readAttributes(path, ATTRIBUTES, options);
        int mode = (Integer) attributes.get("mode");
        long mtime = nanos((FileTime) attributes.get("lastModifiedTime"));
        return new FileMeta(FileKind.ofMode(mode), (Long) attributes.get("size"), mtime, mode,
                (Long) attributes.get("ino"), (Integer) attributes.get("uid"), (Integer) attributes.get("gid"),
                nanos((FileTime) attributes.get("ctime")), (Integer) attributes.get("nlink"),
                (Long) attributes.get("dev"));
    }

    private static MethodHandle accessor(String name, Class<?> type) {
        try {
            Class<?> attributes = Class.forName("sun.nio.fs.UnixFileAttributes");
            return MethodHandles.privateLookupIn(attributes, MethodHandles.lookup())
                    .findVirtual(attributes, name, MethodType.methodType(type))
                    .asType(MethodType.methodType(type, PosixFileAttributes.class));
        } catch (ReflectiveOperationException | RuntimeException notOpened) {
            return null;
        }
    }

    private static MethodHandle field(String name) {
        try {
            Class<?> attributes = Class.forName("sun.nio.fs.UnixFileAttributes");
            return MethodHandles.privateLookupIn(attributes, MethodHandles.lookup())
                    .findGetter(attributes, name, long.class)
                    .asType(MethodType.methodType(long.class, PosixFileAttributes.class));
        } catch (ReflectiveOperationException | RuntimeException notOpened) {
            return null;
        }
    }

    public static long nanos(FileTime time) {
        return time.to(TimeUnit.NANOSECONDS);
    }

    public int permissions() {
        return mode & PERMISSION_BITS;
    }

    public FileTime mtime() {
        return FileTime.from(mtimeNanos, TimeUnit.NANOSECONDS);
    }

    /** Identifies the file itself, whatever its names: a file with several hard links has one. */
    public String fileKey() {
        return device + ":" + inode;
    }

    public boolean isDirectory() {
        return kind == FileKind.DIRECTORY;
    }

    /** True when size, mtime and permissions agree: the cheap test for "unchanged" that needs no content read. */
    public boolean sameStat(long otherSize, long otherMtimeNanos, int otherPermissions) {
        return size == otherSize && mtimeNanos == otherMtimeNanos && permissions() == otherPermissions;
    }
}
