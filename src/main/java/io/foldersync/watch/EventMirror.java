package io.foldersync.watch;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

import io.foldersync.cycle.EntryMirror;
import io.foldersync.fs.FileMeta;
import io.foldersync.fs.PathFilter;
import io.foldersync.fs.RelativePath;
import io.foldersync.observe.ActionLog;
import io.foldersync.replica.ReplicaPruner;
import io.foldersync.replica.ReplicaTree;
import io.foldersync.replica.RetryableCopyException;

/**
 * What an event on a SOURCE path means for REPLICA, decided by what the path is now: a file or link is copied (the
 * index skips it if unchanged), a folder is made and walked (files created in a new folder before it was watched
 * would otherwise be missed), and a path that is gone is deleted at once, by the same checks as the prune. Each change
 * ends by giving the folder it happened in the source folder's mtime, which the change moved on both sides.
 */
public class EventMirror {

    private final Path sourceRoot;
    private final EntryMirror entries;
    private final ReplicaPruner pruner;
    private final ReplicaTree replica;
    private final ActionLog log;
    private final PathFilter filter;

    public EventMirror(Path sourceRoot, EntryMirror entries, ReplicaPruner pruner, ReplicaTree replica,
                       ActionLog log, PathFilter filter) {
        this.filter = filter;
        this.sourceRoot = sourceRoot;
        this.entries = entries;
        this.pruner = pruner;
        this.replica = replica;
        this.log = log;
    }

    /**
     * Events on one tree are handled in parallel, so a copy or a folder walk can finish after the path left SOURCE and
     * its deletion was already mirrored: whatever happens, the path is checked once more at the end.
     *
     * @return false when the change could not be mirrored for a reason worth another try soon
     */
    public boolean apply(String path) {
        if (isBelowExcludedFolder(path)) {
            return true;
        }
        try {
            FileMeta meta = FileMeta.of(sourceRoot.resolve(path));
            if (filter.excludes(path, meta.isDirectory())) {
                return true;
            }
            switch (meta.kind()) {
                case FILE, SYMLINK -> entries.mirror(path, meta);
                case DIRECTORY -> mirrorFolder(path, meta);
                default -> log.detail("special file {} skipped", path);
            }
            settle(path);
            return true;
        } catch (NoSuchFileException gone) {
            if (!filter.excludesFile(path) && !filter.excludesFolder(path)) {
                settle(path); // what was excluded stays in REPLICA as it is
            }
            return true;
        } catch (RetryableCopyException e) {
            log.detail("{}: {} ({}); tried again", path, e.getMessage(), e.getCause());
            return false;
        } catch (IOException | RuntimeException e) {
            log.error(path, "cannot mirror this change", e);
            return true;
        }
    }

    private boolean isBelowExcludedFolder(String path) {
        for (String folder = RelativePath.parent(path); !folder.isEmpty(); folder = RelativePath.parent(folder)) {
            if (filter.excludesFolder(folder)) {
                return true;
            }
        }
        return false;
    }

    /** Deletes the path if SOURCE no longer has it, and gives its folder the source folder's mode and mtime. */
    private void settle(String path) {
        if (!Files.exists(sourceRoot.resolve(path), LinkOption.NOFOLLOW_LINKS)) {
            pruner.pruneOne(path);
        }
        pruner.releaseHeld();
        String folder = RelativePath.parent(path);
        try {
            FileMeta meta = FileMeta.of(sourceRoot.resolve(folder));
            if (meta.isDirectory()) {
                replica.matchFolder(folder, meta);
            }
        } catch (IOException goneMeanwhile) {
            // the folder's own event sees to it
        }
    }

    /**
     * Makes the folder and everything in it, each folder's mtime set after its content; then deletes what its walk
     * may have made again in REPLICA after it left SOURCE.
     */
    private void mirrorFolder(String path, FileMeta meta) throws IOException {
        entries.mirrorFolder(path, meta);
        Files.walkFileTree(sourceRoot.resolve(path), new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String folder = RelativePath.of(sourceRoot, dir);
                if (folder.equals(path)) {
                    return FileVisitResult.CONTINUE;
                }
                if (filter.excludesFolder(folder)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                entries.mirrorFolder(folder, FileMeta.of(dir));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String entry = RelativePath.of(sourceRoot, file);
                if ((attrs.isRegularFile() || attrs.isSymbolicLink()) && !filter.excludesFile(entry)) {
                    entries.mirror(entry);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // the periodic cycle reports what cannot be read
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                try {
                    replica.matchFolder(RelativePath.of(sourceRoot, dir), FileMeta.of(dir));
                } catch (NoSuchFileException gone) {
                    // deleted meanwhile: pruned below
                }
                return FileVisitResult.CONTINUE;
            }
        });
        pruner.pruneBelow(path);
    }
}
