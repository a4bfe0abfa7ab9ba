package io.foldersync.fs;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * How many entries a tree holds below its root, and the bytes of its regular files, counted by a walk that follows no
 * link. Entries that cannot be read are skipped: it is an estimate, for the time left of a long cycle.
 */
public record TreeSize(long entries, long bytes) {

    public static TreeSize of(Path root) {
        long[] counts = new long[2];
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    count(dir, attributes);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    count(file, attributes);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                private void count(Path entry, BasicFileAttributes attributes) {
                    if (!entry.equals(root)) {
                        counts[0]++;
                        counts[1] += attributes.isRegularFile() ? attributes.size() : 0;
                    }
                }
            });
        } catch (IOException e) {
            // the root itself is unreadable: nothing to estimate with
        }
        return new TreeSize(counts[0], counts[1]);
    }
}
