package io.foldersync.support;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Compares two trees entry by entry, written independently of the code under test: kind, content, symlink target,
 * permissions and, for files and links, mtime. FIFOs, sockets and devices in SOURCE are expected to be absent.
 */
public final class TreeAssert {

    private TreeAssert() {
    }

    public static void assertMirror(Path source, Path replica) {
        List<String> differences = differences(source, replica);
        if (!differences.isEmpty()) {
            fail("REPLICA differs from SOURCE:\n  " + String.join("\n  ", differences));
        }
    }

    /** For polling a live mirror: true once the trees match, false while they differ or change under the walk. */
    public static boolean isMirror(Path source, Path replica) {
        return isMirror(source, replica, false);
    }

    /** As {@link #isMirror(Path, Path)}; with {@code folderTimes}, folders' mtimes must match too (rsync -t). */
    public static boolean isMirror(Path source, Path replica, boolean folderTimes) {
        try {
            return differences(source, replica, folderTimes).isEmpty();
        } catch (AssertionError walkRacedAChange) {
            return false; // a temporary file renamed away between listing and reading, say
        }
    }

    public static List<String> differences(Path source, Path replica) {
        return differences(source, replica, false);
    }

    public static List<String> differences(Path source, Path replica, boolean folderTimes) {
        TreeMap<String, String> expected = describe(source, true, folderTimes);
        TreeMap<String, String> actual = describe(replica, false, folderTimes);
        List<String> differences = new ArrayList<>();
        for (var e : expected.entrySet()) {
            String got = actual.get(e.getKey());
            if (!e.getValue().equals(got)) {
                differences.add(e.getKey() + ": expected " + e.getValue() + ", got " + got);
            }
        }
        for (String extra : actual.keySet()) {
            if (!expected.containsKey(extra)) {
                differences.add(extra + ": not in SOURCE, still in REPLICA (" + actual.get(extra) + ")");
            }
        }
        return differences;
    }

    private static TreeMap<String, String> describe(Path root, boolean skipSpecial, boolean folderTimes) {
        TreeMap<String, String> entries = new TreeMap<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(root)) {
                        entries.put(root.relativize(dir).toString(), "dir " + mode(dir));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (folderTimes) {
                        String name = dir.equals(root) ? "." : root.relativize(dir).toString();
                        entries.merge(name, " mtime " + attrs(dir).lastModifiedTime(), String::concat);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String name = root.relativize(file).toString();
                    if (attrs.isSymbolicLink()) {
                        // Java sets a link's times with lutimes(3): microseconds, as rsync's check accepts
                        entries.put(name, "link -> " + Files.readSymbolicLink(file) + " mtime "
                                + attrs.lastModifiedTime().to(java.util.concurrent.TimeUnit.MICROSECONDS));
                    } else if (attrs.isRegularFile()) {
                        entries.put(name, "file " + mode(file) + " mtime " + attrs.lastModifiedTime() + " content "
                                + Arrays.hashCode(Files.readAllBytes(file)) + "/" + attrs.size());
                    } else if (!skipSpecial) {
                        entries.put(name, "special");
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new AssertionError("cannot walk " + root, e);
        }
        return entries;
    }

    private static BasicFileAttributes attrs(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}
