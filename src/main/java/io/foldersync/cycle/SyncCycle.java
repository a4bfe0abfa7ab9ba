package io.foldersync.cycle;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.foldersync.fs.FileKind;
import io.foldersync.fs.FileMeta;
import io.foldersync.fs.PathFilter;
import io.foldersync.fs.RelativePath;
import io.foldersync.index.Md5IndexRepository;
import io.foldersync.observe.ActionLog;
import io.foldersync.observe.CycleStats;
import io.foldersync.replica.ReplicaTree;
import io.foldersync.replica.RetryableCopyException;
import io.foldersync.settings.Fidelity;
import io.foldersync.source.SourceRoot;

/**
 * One sync cycle of a pair: SOURCE walked with one lstat per entry, every file handed to the copy queue (which routes
 * the changed ones), then links and folders mirrored once the copies are done, the index saved and the cycle
 * reported. What the pair's filter leaves out is not walked. A symlink is never walked into, and FIFOs, sockets and
 * devices are never opened.
 */
public class SyncCycle {

    private final SourceRoot source;
    private final ReplicaTree replica;
    private final EntryMirror mirror;
    private final Md5IndexRepository index;
    private final ActionLog log;
    private final CycleStats stats;
    private final PathFilter filter;
    private final Fidelity fidelity;
    private final Object completed = new Object();
    private long cycles;
    private CycleStats.Summary last;

    public SyncCycle(SourceRoot source, ReplicaTree replica, EntryMirror mirror, Md5IndexRepository index,
                     ActionLog log, CycleStats stats, PathFilter filter, Fidelity fidelity) {
        this.filter = filter;
        this.fidelity = fidelity;
        this.source = source;
        this.replica = replica;
        this.mirror = mirror;
        this.index = index;
        this.log = log;
        this.stats = stats;
    }

    /** Runs one cycle; the poll of the sync route calls it, on one thread, so cycles never overlap. */
    public CycleStats.Summary run(CopyQueue copies) {
        stats.begin();
        if (source.isAvailable() && replicaIsAvailable()) {
            SourceScan scan = new SourceScan();
            walk(source.path(), scan, copies);
            stats.listed();
            copies.awaitCopies();
            mirrorHardLinks(scan);
            scan.links().forEach(this::mirrorLink);
            mirrorFoldersDeepestFirst(scan);
        }
        saveIndex();
        return report();
    }

    /** Reports a poll that failed outside the cycle's own handling, as the end of a cycle with an error. */
    public void pollFailed(Exception cause) {
        log.rootError("the poll of SOURCE failed: " + cause);
        saveIndex();
        report();
    }

    /** Waits until {@code count} cycles have completed since start; returns the last summary, or null on time-out. */
    public CycleStats.Summary awaitCycles(long count, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (completed) {
            while (cycles < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(completed, left);
            }
            return last;
        }
    }

    private boolean replicaIsAvailable() {
        try {
            replica.refreshRoot();
            return true;
        } catch (IOException e) {
            log.rootError("REPLICA " + replica.root() + " cannot be opened: " + e);
            return false;
        }
    }

    /** Depth first; the copy queue's bound paces the walk, so memory stays flat however many files changed. */
    private void walk(Path folder, SourceScan scan, CopyQueue copies) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                visit(entry, scan, copies);
            }
        } catch (NoSuchFileException vanished) {
            // deleted while being listed: the next cycle sees what is there
        } catch (IOException e) {
            if (!folder.equals(source.path())) {
                log.error(RelativePath.of(source.path(), folder), "cannot read folder", e);
            }
        }
    }

    private void visit(Path entry, SourceScan scan, CopyQueue copies) {
        // Camel's own relative path turns a backslash in a name into a separator, so it is not used
        String path = RelativePath.of(source.path(), entry);
        if (!RelativePath.isAddressable(entry.getFileName())) {
            log.errorOnce(path, "cannot sync: " + RelativePath.unaddressableHint());
            return;
        }
        if (filter.excludesFolder(path) && filter.excludesFile(path)) {
            stats.excluded(); // left out whatever it is: not even looked at, let alone walked
            return;
        }
        FileMeta meta;
        try {
            meta = FileMeta.of(entry);
        } catch (NoSuchFileException vanished) {
            return;
        } catch (IOException e) {
            log.error(path, "cannot read attributes", e);
            return;
        }
        if (filter.excludes(path, meta.isDirectory())) {
            stats.excluded();
            return;
        }
        stats.scanned(meta.kind() == FileKind.FILE ? meta.size() : 0);
        switch (meta.kind()) {
            case DIRECTORY -> {
                scan.folder(path, meta, !Files.isDirectory(replica.root().resolve(path), LinkOption.NOFOLLOW_LINKS));
                walk(entry, scan, copies);
            }
            case FILE -> {
                if (scan.isMissingInReplica(RelativePath.parent(path))) {
                    index.forget(path); // its folder was deleted from the replica, so whatever the index says is gone
                }
                if (fidelity.hardLinks() && meta.links() > 1) {
                    scan.hardLinked(path, meta); // one copy for all its names, after the others
                    return;
                }
                if (copies.needsCopy(path, meta)) {
                    stats.queued(meta.size()); // before the copy, which may be over before copy() returns
                    copies.copy(path, meta);
                }
            }
            case SYMLINK -> scan.link(path);
            case SPECIAL -> log.skipped(path, meta.mtimeNanos());
        }
    }

    /**
     * One copy per file with several names: of a name REPLICA already holds as it is, if any, else of the first; every
     * other name is made a hard link to it.
     */
    private void mirrorHardLinks(SourceScan scan) {
        for (List<SourceScan.Linked> names : scan.hardLinkGroups()) {
            SourceScan.Linked first = names.stream().filter(name -> mirror.isCurrent(name.path(), name.meta()))
                    .findFirst().orElse(names.get(0));
            mirrorOne(first);
            for (SourceScan.Linked other : names) {
                if (other != first) {
                    mirror.hardLink(first.path(), other.path(), other.meta());
                }
            }
        }
    }

    private void mirrorOne(SourceScan.Linked name) {
        try {
            mirror.mirror(name.path(), name.meta());
        } catch (RetryableCopyException e) {
            log.error(name.path(), e.getMessage(), e.getCause());
        }
    }

    /** Links are not routed, so a transient failure is not redelivered: it is reported, and the next cycle retries. */
    private void mirrorLink(String path) {
        try {
            mirror.mirror(path);
        } catch (RetryableCopyException e) {
            log.error(path, e.getMessage(), e.getCause());
        }
    }

    private void mirrorFoldersDeepestFirst(SourceScan scan) {
        for (SourceScan.Folder folder : scan.foldersDeepestFirst()) {
            mirror.mirrorFolder(folder.path(), folder.meta());
        }
        try {
            mirror.mirrorFolder("", FileMeta.of(source.path()));
        } catch (IOException e) {
            log.error("", "cannot read the SOURCE root", e);
        }
    }

    private void saveIndex() {
        try {
            index.checkpoint();
        } catch (RuntimeException e) {
            log.rootError("cannot save the index: " + e.getMessage());
        }
    }

    private CycleStats.Summary report() {
        CycleStats.Summary summary = stats.finish();
        log.summary(summary.toString(), summary.changedSomething());
        synchronized (completed) {
            cycles++;
            last = summary;
            completed.notifyAll();
        }
        return summary;
    }
}
