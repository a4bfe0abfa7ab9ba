package io.foldersync.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

/** Short helpers to build real trees in tests. */
public final class Trees {

    private Trees() {
    }

    public static Path write(Path root, String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** Writes and sets an mtime in the past, so that a later edit is sure to change the mtime. */
    public static Path writeAged(Path root, String path, String content, long secondsAgo) throws IOException {
        Path file = write(root, path, content);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(secondsAgo)));
        return file;
    }

    public static void chmod(Path path, String permissions) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }

    public static void mkfifo(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("mkfifo failed for " + path);
        }
    }

    /** Gives the owner full access to every folder below root, so that a test's tree can always be deleted. */
    public static void makeWritable(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList()) {
                chmod(p, "rwx------");
            }
        }
    }

    public static long count(Path folder) {
        try (var entries = Files.list(folder)) {
            return entries.count();
        } catch (IOException missing) {
            return -1;
        }
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
