package io.foldersync.watch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Whether Linux can watch every folder of SOURCE: one inotify watch per folder, out of fs.inotify.max_user_watches
 * for all of this user's processes. The watcher Camel uses fails silently when it runs out, so this is asked first.
 */
final class InotifyBudget {

    private static final Path LIMIT = Path.of("/proc/sys/fs/inotify/max_user_watches");

    private InotifyBudget() {
    }

    /** Why SOURCE cannot be watched, or {@code null} when it can (or when the limit cannot be read). */
    static String problem(Path source) throws IOException {
        if (!Files.isReadable(LIMIT)) {
            return null;
        }
        // Files.readString sizes its buffer from the file's size, which /proc reports as 0: it reads one byte
        long limit = Long.parseLong(Files.readAllLines(LIMIT).get(0).trim());
        long folders = folders(source);
        long left = limit - watchesInUse();
        if (folders > left) {
            return "SOURCE has " + folders + " folders to watch but only " + left + " inotify watches are left "
                    + "(raise fs.inotify.max_user_watches, now " + limit + ")";
        }
        return null;
    }

    private static long folders(Path source) throws IOException {
        long[] count = {0};
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                count[0]++;
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return count[0];
    }

    /** Watches held by this user's processes: the "inotify wd:" lines of their file descriptors' fdinfo. */
    private static long watchesInUse() {
        Object me = uid(Path.of("/proc/self"));
        long total = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                if (me != null && me.equals(uid(process))) {
                    total += watchesOf(process.resolve("fdinfo"));
                }
            }
        } catch (IOException unreadable) {
            return total;
        }
        return total;
    }

    private static long watchesOf(Path fdinfo) {
        long total = 0;
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(fdinfo)) {
            for (Path descriptor : descriptors) {
                try {
                    total += Files.readAllLines(descriptor).stream().filter(l -> l.startsWith("inotify wd:")).count();
                } catch (IOException gone) {
                    // closed meanwhile
                }
            }
        } catch (IOException gone) {
            // the process ended, or is not ours to read
        }
        return total;
    }

    private static Object uid(Path process) {
        try {
            return Files.getAttribute(process, "unix:uid");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
