package io.foldersync.source;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;

import io.foldersync.fs.FileKind;
import io.foldersync.fs.FileMeta;
import io.foldersync.fs.RelativePath;
import io.foldersync.index.Md5IndexRepository;
import io.foldersync.observe.Action;
import io.foldersync.observe.ActionLog;
import io.foldersync.observe.CycleStats;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * The sync route's filter: classifies every entry of SOURCE with one lstat, and lets through only files the index says
 * have changed. So an unchanged file costs no exchange and no content read, a symlink is never walked into, and FIFOs,
 * sockets and devices are never opened. With {@link SourceFileComponent} it walks the tree itself ({@link #walk});
 * under a stock file consumer it answers {@link #accept} for each entry Camel lists.
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

    /** Under a stock file consumer: true to route a changed file, or to walk into a real folder. */
    @Override
    public boolean accept(GenericFile<File> file) {
        return classify(file.getFile().toPath()) != null;
    }

    /** Walks a folder of SOURCE depth first, handing each changed file to {@code changed}. */
    public void walk(Path folder, Consumer<Path> changed) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                FileKind kind = classify(entry);
                if (kind == FileKind.DIRECTORY) {
                    walk(entry, changed);
                } else if (kind == FileKind.FILE) {
                    changed.accept(entry);
                }
            }
        } catch (NoSuchFileException vanished) {
            // deleted while being listed: the next cycle sees what is there
        } catch (IOException e) {
            if (!folder.equals(sourceRoot)) {
                log.error(RelativePath.of(sourceRoot, folder), "cannot read folder", e);
            }
        }
    }

    /**
     * FILE for a changed file (to copy), DIRECTORY for a folder (to walk), null for everything else, which is noted
     * here and not routed.
     */
    private FileKind classify(Path entry) {
        // Camel's own relative path turns a backslash in a name into a separator, so it is not used
        String path = RelativePath.of(sourceRoot, entry);
        if (!RelativePath.isAddressable(entry.getFileName())) {
            log.errorOnce(path, "cannot sync: " + RelativePath.unaddressableHint());
            return null;
        }
        FileMeta meta;
        try {
            meta = FileMeta.of(entry);
        } catch (NoSuchFileException vanished) {
            return null;
        } catch (IOException e) {
            log.error(path, "cannot read attributes", e);
            return null;
        }
        stats.scanned(meta.kind() == FileKind.FILE ? meta.size() : 0);
        return switch (meta.kind()) {
            case DIRECTORY -> {
                acceptFolder(path, entry, meta);
                yield FileKind.DIRECTORY;
            }
            case SYMLINK -> {
                scan.link(path);
                yield null;
            }
            case SPECIAL -> {
                log.skipped(path, meta.mtimeNanos());
                yield null;
            }
            case FILE -> {
                if (!acceptFile(path, meta)) {
                    yield null;
                }
                stats.queued(meta.size());
                yield FileKind.FILE;
            }
        };
    }

    private boolean acceptFile(String path, FileMeta meta) {
        if (scan.isMissingInReplica(RelativePath.parent(path))) {
            index.forget(path); // its folder was deleted from the replica, so whatever the index says is gone too
            return true;
        }
        return !index.isUnchanged(path, meta);
    }

    private void acceptFolder(String path, Path entry, FileMeta meta) {
        boolean missing = !Files.isDirectory(replicaRoot.resolve(path), LinkOption.NOFOLLOW_LINKS);
        scan.folder(path, meta, missing); // one it cannot read is reported once, by the walk into it
    }
}
