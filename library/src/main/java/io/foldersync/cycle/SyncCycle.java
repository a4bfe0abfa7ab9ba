package io.foldersync.cycle;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.foldersync.fs.FileKind;
import io.foldersync.fs.FileMeta;
import io.foldersync.fs.PathFilter;
import io.foldersync.fs.RelativePath;
import io.foldersync.decide.Decision;
import io.foldersync.decide.Decision.Origin;
import io.foldersync.fs.InFolder;
import io.foldersync.fs.IoFailure;
import io.foldersync.index.Md5Index;
import io.foldersync.observe.ActionLog;
import io.foldersync.observe.CycleStats;
import io.foldersync.replica.ReplicaTree;
import io.foldersync.settings.Fidelity;
import io.foldersync.source.SourceRoot;

/**
 * One sync cycle of a pair: SOURCE walked with one lstat per entry, and a decision handed to the apply route for each
 * changed file and each link as they are found, then for the names of each file with several hard links, and last for
 * each folder, deepest first (applied after what is inside it, each folder gets its mtime once its content is done).
 * The cycle ends once every decision is applied: the index is saved and the cycle reported. What the pair's filter
 * leaves out is not walked. A symlink is never walked into, and FIFOs, sockets and devices are never opened.
 */
public class SyncCycle {

    private final SourceRoot source;
    private final ReplicaTree replica;
    private final BooleanSupplier stopping;
    private final Md5Index index;
    private final ActionLog log;
    private final CycleStats stats;
    private final PathFilter filter;
    private final Fidelity fidelity;
    /** REPLICA's versions folder, relative to it; null when it is elsewhere. */
    private final String versionsInside;
    private final Object completed = new Object();
    private long cycles;
    private CycleStats.Summary last;
    /** A prune pass running beside the next cycle, whose deletions that cycle's summary counts; null when none. */
    private volatile Future<?> passBeside;

    /** @param stopping true once the pair stops running here: the walk ends there */
    public SyncCycle(SourceRoot source, ReplicaTree replica, BooleanSupplier stopping, Md5Index index,
                     ActionLog log, CycleStats stats, PathFilter filter, Fidelity fidelity, String versionsInside) {
        this.versionsInside = versionsInside;
        this.filter = filter;
        this.fidelity = fidelity;
        this.source = source;
        this.replica = replica;
        this.stopping = stopping;
        this.index = index;
        this.log = log;
        this.stats = stats;
    }

    /** Runs one cycle; the poll of the sync route calls it, on one thread, so cycles never overlap. */
    public CycleStats.Summary run(SourceQueue queue) {
        stats.begin();
        if (source.isAvailable() && replicaIsAvailable()) {
            SourceScan scan = new SourceScan();
            walk(source.path(), "", scan, queue);
            stats.listed();
            scan.hardLinkGroups().forEach((file, names) -> queue.submit(Decision.hardLinks(Origin.CYCLE, 0, names,
                    file)));
            for (SourceScan.Folder folder : scan.foldersDeepestFirst()) {
                queue.submit(Decision.listed(folder.path(), folder.meta()));
            }
            queue.submit(Decision.of(Origin.CYCLE, "")); // REPLICA's own root, last
            queue.awaitApplied();
        }
        awaitPassBeside();
        saveIndex();
        return report();
    }

    /** Runs one cycle, as {@link #run}; one that fails outside its own handling ends as a cycle with an error. */
    public void poll(SourceQueue queue) {
        try {
            run(queue);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void failed(Exception cause) {
        log.rootError("the cycle failed: " + cause);
        saveIndex();
        report();
    }

    /**
     * Has the next cycle end only once {@code pass}, a prune pass started beside it, has ended: a one-shot run walks
     * REPLICA and SOURCE at once, on two cores, and its one summary still counts the pass's deletions.
     */
    public void endsAfter(Future<?> pass) {
        passBeside = pass;
    }

    private void awaitPassBeside() {
        Future<?> pass = passBeside;
        passBeside = null;
        if (pass == null) {
            return;
        }
        try {
            pass.get();
        } catch (ExecutionException failed) {
            log.rootError("the prune pass failed: " + failed.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    /** Depth first; the apply route's bound paces the walk, so memory stays flat however many files changed. */
    private void walk(Path folder, String relative, SourceScan scan, SourceQueue queue) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            walk(entries, relative, scan, queue);
        } catch (IOException e) {
            unlisted(relative, e);
        }
    }

    private void walk(DirectoryStream<Path> entries, String relative, SourceScan scan, SourceQueue queue) {
        for (Path entry : entries) {
            if (stopping.getAsBoolean()) {
                return; // the pair stops here: the next cycle, here or elsewhere, walks on
            }
            // Camel's own relative path turns a backslash in a name into a separator, so it is not used; the name is
            // taken once: each getFileName() makes a Path of its own
            Path name = entry.getFileName();
            visit(entries, entry, name, RelativePath.child(relative, name.toString()), scan, queue);
        }
    }

    private void unlisted(String relative, IOException e) {
        IoFailure failure = IoFailure.of(e);
        if (failure == IoFailure.MISSING || failure == IoFailure.LOOP) {
            return; // deleted or replaced while being listed: churn, which the next cycle or an event sees to
        }
        if (!relative.isEmpty()) {
            log.error(relative, "cannot read folder", e);
        }
    }

    private void visit(DirectoryStream<Path> folder, Path entry, Path name, String path, SourceScan scan,
                       SourceQueue queue) {
        if (!RelativePath.isAddressable(name)) {
            log.errorOnce(path, "cannot sync: " + RelativePath.unaddressableHint());
            return;
        }
        if (path.equals(versionsInside)) {
            log.errorOnce(path, "SOURCE has an entry where REPLICA keeps its versions (sync.versions-dir): neither "
                    + "is changed; rename one of them");
            return;
        }
        if (filter.excludesFolder(path) && filter.excludesFile(path)) {
            stats.excluded(); // left out whatever it is: not even looked at, let alone walked
            return;
        }
        FileMeta meta;
        try {
            meta = FileMeta.in(folder, name, entry);
        } catch (IOException e) {
            if (IoFailure.of(e) != IoFailure.MISSING) {
                log.error(path, "cannot read attributes", e);
            }
            return; // vanished since it was listed: churn
        }
        if (filter.excludes(path, meta.isDirectory())) {
            stats.excluded();
            return;
        }
        stats.scanned(meta.kind() == FileKind.FILE ? meta.size() : 0);
        switch (meta.kind()) {
            case DIRECTORY -> {
                scan.folder(path, meta, !replica.hasFolder(path));
                descend(folder, entry, name, path, scan, queue);
            }
            case FILE -> {
                if (fidelity.hardLinks() && meta.links() > 1) {
                    scan.hardLinked(path, meta); // one copy for all its names, after the others
                } else if (scan.isMissingInReplica(RelativePath.parent(path)) && index.get(path) != null) {
                    // its folder was deleted from REPLICA, so whatever the index says of it is gone
                    stats.queued(meta.size());
                    queue.submit(Decision.relisted(path, meta));
                } else if (queue.changed(path, meta)) {
                    stats.queued(meta.size()); // before the copy, which may be over before submit() returns
                    queue.submit(Decision.listed(path, meta));
                }
            }
            case SYMLINK -> queue.submit(Decision.listed(path, meta));
            case SPECIAL -> log.skipped(path, meta.mtimeNanos());
        }
    }

    /**
     * Walks into a folder through the one listing it, where the file system allows: never through a link put in its
     * place since its lstat, and (see {@link FileMeta#in}) each name inside looked up from the folder, not from the
     * root of the file system.
     */
    private void descend(DirectoryStream<Path> parent, Path folder, Path name, String path, SourceScan scan,
                         SourceQueue queue) {
        if (!(parent instanceof SecureDirectoryStream<Path> secure)) {
            walk(folder, path, scan, queue);
            return;
        }
        try (DirectoryStream<Path> entries = InFolder.openFolder(secure, name)) {
            walk(entries, path, scan, queue);
        } catch (IOException e) {
            unlisted(path, e);
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
