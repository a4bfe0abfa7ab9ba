package io.foldersync.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What one {@code lstat} tells about an entry: its kind, size, modification time, full mode bits and inode. Links are
 * never followed, so a symlink is reported as a symlink whatever it points at.
 */
public record FileMeta(FileKind kind, long size, long mtimeNanos, int mode, long inode) {

    private static final String ATTRIBUTES = "unix:mode,size,lastModifiedTime,ino";
    /** Permission bits including setuid, setgid and sticky: what {@code chmod} takes. */
    public static final int PERMISSION_BITS = 07777;

    public static FileMeta of(Path path) throws IOException {
        return read(path, LinkOption.NOFOLLOW_LINKS);
    }

    /** For a path that is meant to be followed, such as an opened folder's /proc/self/fd entry. */
    public static FileMeta ofFollowing(Path path) throws IOException {
        return read(path);
    }

    private static FileMeta read(Path path, LinkOption... options) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(path, ATTRIBUTES, options);
        int mode = (Integer) attributes.get("mode");
        long mtime = nanos((FileTime) attributes.get("lastModifiedTime"));
        return new FileMeta(FileKind.ofMode(mode), (Long) attributes.get("size"), mtime, mode,
                (Long) attributes.get("ino"));
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

    public boolean isDirectory() {
        return kind == FileKind.DIRECTORY;
    }

    /** True when size, mtime and permissions agree: the cheap test for "unchanged" that needs no content read. */
    public boolean sameStat(long otherSize, long otherMtimeNanos, int otherPermissions) {
        return size == otherSize && mtimeNanos == otherMtimeNanos && permissions() == otherPermissions;
    }
}
