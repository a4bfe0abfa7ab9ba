package io.foldersync.source;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

import io.foldersync.fs.FileMeta;
import io.foldersync.fs.RelativePath;
import io.foldersync.observe.ActionLog;
import io.foldersync.replica.ReplicaPruner;
import io.foldersync.replica.ReplicaWriter;
import io.foldersync.replica.RetryableCopyException;

/**
 * What an event on a SOURCE path means for REPLICA, decided by what the path is now: a file or link is copied (the
 * index skips it if unchanged), a folder is made and walked (files created in a new folder before it was watched
 * would otherwise be missed), and a path that is gone is deleted at once, by the same checks as the prune.
 */
public class EventMirror {

    private final Path sourceRoot;
    private final ReplicaWriter writer;
    private final ReplicaPruner pruner;
    private final ActionLog log;

    public EventMirror(Path sourceRoot, ReplicaWriter writer, ReplicaPruner pruner, ActionLog log) {
        this.sourceRoot = sourceRoot;
        this.writer = writer;
        this.pruner = pruner;
        this.log = log;
    }

    /**
     * Events on one tree are handled in parallel, so a copy or a folder walk can finish after the path left SOURCE and
     * its deletion was already mirrored: whatever happens, the path is checked once more at the end.
     */
    public void apply(String path) {
        try {
            FileMeta meta = FileMeta.of(sourceRoot.resolve(path));
            switch (meta.kind()) {
                case FILE, SYMLINK -> writer.write(path);
                case DIRECTORY -> mirrorFolder(path, meta);
                default -> log.detail("special file {} skipped", path);
            }
            if (!Files.exists(sourceRoot.resolve(path), LinkOption.NOFOLLOW_LINKS)) {
                pruner.pruneOne(path);
            }
        } catch (NoSuchFileException gone) {
            pruner.pruneOne(path);
        } catch (RetryableCopyException e) {
            log.detail("{}: {} ({}); the next cycle retries", path, e.getMessage(), e.getCause());
        } catch (IOException | RuntimeException e) {
            log.error(path, "cannot mirror this change", e);
        }
    }

    private void mirrorFolder(String path, FileMeta meta) throws IOException {
        writer.syncFolder(path, meta);
        Files.walkFileTree(sourceRoot.resolve(path), new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String folder = RelativePath.of(sourceRoot, dir);
                if (!folder.equals(path)) {
                    writer.syncFolder(folder, FileMeta.of(dir));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() || attrs.isSymbolicLink()) {
                    writer.write(RelativePath.of(sourceRoot, file));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // the periodic cycle reports what cannot be read
            }
        });
    }
}
