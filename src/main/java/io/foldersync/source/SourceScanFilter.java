package io.foldersync.source;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import io.foldersync.fs.FileMeta;
import io.foldersync.fs.RelativePath;
import io.foldersync.index.Md5IndexRepository;
import io.foldersync.observe.Action;
import io.foldersync.observe.ActionLog;
import io.foldersync.observe.CycleStats;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * The sync route's filter: sees every entry the file consumer lists, with one {@code lstat} each, and lets through only
 * files the index says have changed. So an unchanged file costs no exchange and no content read, a symlink is never
 * walked into, and FIFOs, sockets and devices are never opened.
 */
public class SourceScanFilter implements GenericFileFilter<File> {

    private final Path sourceRoot;
    private final Path replicaRoot;
    private final Md5IndexRepository index;
    private final SourceScan scan;
    private final ActionLog log;
    private final CycleStats stats;

    public SourceScanFilter(Path sourceRoot, Path replicaRoot, Md5IndexRepository index, SourceScan scan,
                            ActionLog log, CycleStats stats) {
        this.sourceRoot = sourceRoot;
        this.replicaRoot = replicaRoot;
        this.index = index;
        this.scan = scan;
        this.log = log;
        this.stats = stats;
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        // Camel's own relative path turns a backslash in a name into a separator, so it is not used
        Path entry = file.getFile().toPath();
        String path = RelativePath.of(sourceRoot, entry);
        FileMeta meta;
        try {
            meta = FileMeta.of(entry);
        } catch (NoSuchFileException vanished) {
            return false;
        } catch (IOException e) {
            log.error(path, "cannot read attributes", e);
            return false;
        }
        stats.scanned();
        return switch (meta.kind()) {
            case DIRECTORY -> acceptFolder(path, entry, meta);
            case SYMLINK -> {
                scan.link(path);
                yield false;
            }
            case SPECIAL -> {
                log.action(Action.SKIP, path, "(not a regular file, folder or symlink)");
                log.warn(path, "special file (FIFO, socket or device) skipped");
                yield false;
            }
            case FILE -> acceptFile(path, meta);
        };
    }

    private boolean acceptFile(String path, FileMeta meta) {
        if (scan.isMissingInReplica(RelativePath.parent(path))) {
            index.forget(path); // its folder was deleted from the replica, so whatever the index says is gone too
            return true;
        }
        return !index.isUnchanged(path, meta);
    }

    private boolean acceptFolder(String path, Path entry, FileMeta meta) {
        boolean missing = !Files.isDirectory(replicaRoot.resolve(path), LinkOption.NOFOLLOW_LINKS);
        scan.folder(path, meta, missing);
        if (!Files.isReadable(entry) || !Files.isExecutable(entry)) {
            log.error(path, "cannot read folder", new java.nio.file.AccessDeniedException(entry.toString()));
        }
        return true;
    }
}
