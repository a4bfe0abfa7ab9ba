package io.foldersync.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

import io.foldersync.settings.RunSettings;
import io.foldersync.settings.SyncPair;
import io.foldersync.settings.SyncSettings;

/**
 * What a start makes before it can fail (REPLICA, the log file and its folders, the state folder), taken back when it
 * does fail: a refused start leaves nothing behind. Only what did not exist before is touched; REPLICA only while it is
 * still empty.
 */
final class StartRollback {

    /** The highest folder or file of each path that a start may make, which did not exist before it. */
    private final List<Path> ours = new ArrayList<>();
    private final List<Path> replicas = new ArrayList<>();

    StartRollback(List<SyncPair> pairs, RunSettings run) {
        for (SyncPair pair : pairs) {
            SyncSettings settings = pair.settings();
            add(replicas, settings.replica());
            add(ours, settings.stateDir());
        }
        add(ours, run.logFile());
    }

    private static void add(List<Path> into, Path path) {
        Path highestMissing = null;
        for (Path p = path; p != null && !Files.exists(p); p = p.getParent()) {
            highestMissing = p;
        }
        if (highestMissing != null && !into.contains(highestMissing)) {
            into.add(highestMissing);
        }
    }

    void undo() {
        ours.forEach(path -> delete(path, true));
        replicas.forEach(path -> delete(path, false));
    }

    /** Deletes a tree deepest first; with {@code files} false, only its folders, so nothing copied is lost. */
    private static void delete(Path root, boolean files) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    if (files) {
                        Files.delete(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException notEmptyOrGone) {
            // what cannot go stays: a start that failed leaves at most that
        }
    }
}
