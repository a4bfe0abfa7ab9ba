package io.foldersync.apply;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.foldersync.decide.Decision;
import io.foldersync.decide.Decision.Origin;
import io.foldersync.fs.PathFilter;
import io.foldersync.fs.RelativePath;
import io.foldersync.index.Md5Index;
import io.foldersync.replica.ReplicaFolder;
import io.foldersync.replica.ReplicaOperations;
import io.foldersync.replica.ReplicaTree;
import io.foldersync.settings.DeleteLimit;
import io.foldersync.source.RemovalBursts;
import io.foldersync.source.SourceRoot;

/**
 * Deletions from REPLICA, each made only while SOURCE can be trusted: it is there, readable, on its file system, holds
 * an entry (unless an empty SOURCE is allowed), and, for a deletion an event reported, is still the folder the watch
 * followed when it saw the event (rm -rf of SOURCE deletes the children first, and their events come first; one may be
 * applied only after the watch has moved to a SOURCE made anew). Any deletion waits for the end of a burst of removals
 * the watch sees ({@link RemovalBursts}), so that a SOURCE being removed is gone when it is checked; it is then asked
 * for again as an event's. One that SOURCE could not be trusted for is held, and asked for again once that same folder
 * can be trusted; for another folder made in its place, the next prune pass decides. With {@code sync.max-delete},
 * only the prune pass deletes, within it.
 */
public class Deletions {

    private final SourceRoot source;
    private final ReplicaTree replica;
    private final ReplicaOperations operations;
    private final Md5Index index;
    private final PathFilter filter;
    private final boolean allowEmptySource;
    private final DeleteLimit maxDelete;
    private final boolean deleteExcluded;
    private final String versionsInside;
    /** Deletions from events that SOURCE could not be trusted for, with the generation of the folder then watched. */
    private final Map<String, Long> held = new ConcurrentHashMap<>();
    /** Entries the prune pass's deletions removed, for its summary. */
    private final LongAdder deletedByPass = new LongAdder();
    private volatile Consumer<Decision> askAgain = decision -> { };
    private final RemovalBursts removals;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean releaseDue = new AtomicBoolean();

    public Deletions(SourceRoot source, ReplicaTree replica, ReplicaOperations operations, Md5Index index,
                     PathFilter filter, boolean allowEmptySource, DeleteLimit maxDelete, boolean deleteExcluded,
                     String versionsInside, RemovalBursts removals, ScheduledExecutorService timer) {
        this.removals = removals;
        this.timer = timer;
        this.source = source;
        this.replica = replica;
        this.operations = operations;
        this.index = index;
        this.filter = filter;
        this.allowEmptySource = allowEmptySource;
        this.maxDelete = maxDelete;
        this.deleteExcluded = deleteExcluded;
        this.versionsInside = versionsInside;
    }

    /** Where held deletions are asked for again: the apply route, so that they take their turn like any other. */
    public void askAgainThrough(Consumer<Decision> route) {
        this.askAgain = route;
    }

    /**
     * Deletes what REPLICA holds at a path SOURCE lacks, if SOURCE can be trusted now.
     *
     * @param asked the decision that found the path missing: its own, or its folder's
     */
    void delete(Decision asked, String path) throws IOException {
        Origin origin = asked.origin();
        if (path.isEmpty() || path.equals(versionsInside) || replica.isInFlight(path)) {
            return;
        }
        if (!isTrusted(origin)) {
            if (origin == Origin.EVENT) {
                held.put(path, asked.watch());
            }
            return;
        }
        if (isFromAnEarlierSource(asked)) {
            return;
        }
        long untilQuiet = removals.nanosToWait();
        if (untilQuiet > 0) { // a cycle or a pass that lists a folder rm -rf is emptying waits for the end as well
            held.put(path, generationOf(asked));
            releaseLater(untilQuiet);
            return;
        }
        if (origin != Origin.PASS && maxDelete != DeleteLimit.UNLIMITED) {
            return; // the pass deletes, within the limit
        }
        ReplicaOperations.Deleted deleted = operations.delete(RelativePath.parent(path), RelativePath.name(path));
        if (deleted.entries() > 0) {
            index.forget(path);
            if (deleted.folder()) {
                index.forgetTree(path);
            }
            if (origin == Origin.PASS) {
                deletedByPass.add(deleted.entries());
            }
            askForFolderOf(asked, path);
        }
    }

    /**
     * An event the watch saw in a SOURCE folder since deleted and made anew: what it lacks says nothing of the new
     * folder, whose deletions the next prune pass decides. Asked after {@link #isTrusted}, which found SOURCE to be the
     * watched folder: the new folder's generation is counted before the folder is named, so an event of the old one
     * that passed that check for the new folder is caught here.
     */
    private boolean isFromAnEarlierSource(Decision asked) {
        return asked.origin() == Origin.EVENT && asked.watch() != source.watchedGeneration();
    }

    /** The SOURCE folder a decision speaks for: an event's, where it was seen; any other's, the one watched now. */
    private long generationOf(Decision asked) {
        return asked.origin() == Origin.EVENT ? asked.watch() : source.watchedGeneration();
    }

    /**
     * With includes, a folder is mirrored only while it holds something: one a deletion left empty is asked for again,
     * in a turn of its own, to go. The cycle's own folder decisions, which follow their content, see to it in a cycle.
     */
    void askForFolderOf(Decision asked, String path) {
        String folder = RelativePath.parent(path);
        if (filter.hasIncludes() && asked.origin() != Origin.CYCLE && !folder.isEmpty()
                && !replica.holdsSomethingIn(folder)) {
            askAgain.accept(Decision.event(folder, generationOf(asked)));
        }
    }

    /** An entry the filters leave out: left in REPLICA, unless the prune pass deletes excluded entries. */
    void deleteExcluded(Decision asked, String path) throws IOException {
        if (asked.origin() == Origin.PASS && deleteExcluded) {
            delete(asked, path);
        }
    }

    /** The names REPLICA holds in a folder that SOURCE's listing lacks, but for what is ours or left out. */
    List<String> namesInReplicaOnly(String folder, Set<String> sourceNames) throws IOException {
        List<String> extra = new ArrayList<>();
        try (ReplicaFolder there = replica.openListable(folder)) {
            for (Path entry : there.stream()) {
                String name = entry.getFileName().toString();
                String path = RelativePath.child(folder, name);
                if (!sourceNames.contains(name) && RelativePath.isAddressable(entry.getFileName())
                        && !replica.isInFlight(path) && !path.equals(versionsInside)
                        && !(filter.excludesFile(path) && filter.excludesFolder(path))) {
                    extra.add(name);
                }
            }
        } catch (java.nio.file.FileSystemException noSuchFolder) {
            // nothing there to delete
        }
        return extra;
    }

    /** The entries the prune pass's deletions removed since the last call. */
    public long takeDeletedByPass() {
        return deletedByPass.sumThenReset();
    }

    /**
     * Whether SOURCE can be trusted for a deletion now. A pass checked all this before its walk; SOURCE may have gone
     * since, so every deletion asks again.
     */
    private boolean isTrusted(Origin origin) {
        if (!source.isAvailable(false)) {
            return false;
        }
        if (origin == Origin.EVENT && !source.isTheWatchedFolder()) {
            return false;
        }
        return allowEmptySource || hasAnEntry(source.path());
    }

    /**
     * After every change an event brought: the deletions held for the folder the watch follows are asked for again once
     * it can be trusted. A user who deletes the last file and then makes another expects the first gone at once, not at
     * the next pass.
     */
    void afterEvent() {
        releaseHeld();
    }

    /** Once the burst of removals a held deletion came in is over, it is asked for again, and checked again then. */
    private void releaseLater(long nanos) {
        if (releaseDue.compareAndSet(false, true)) {
            try {
                timer.schedule(() -> {
                    releaseDue.set(false);
                    releaseHeld();
                }, nanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopping) {
                releaseDue.set(false); // the pair stops: the next start's cycle sees to it
            }
        }
    }

    private void releaseHeld() {
        if (held.isEmpty()) {
            return;
        }
        long untilQuiet = removals.nanosToWait();
        if (untilQuiet > 0) {
            releaseLater(untilQuiet); // still in the burst: asked for again at its end, not once per event
            return;
        }
        if (!isTrusted(Origin.EVENT)) {
            return;
        }
        long watched = source.watchedGeneration();
        for (String path : List.copyOf(held.keySet())) {
            Long generation = held.remove(path);
            if (generation != null && generation == watched) {
                askAgain.accept(Decision.event(path, generation));
            }
        }
    }

    private static boolean hasAnEntry(Path folder) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            return entries.iterator().hasNext();
        } catch (IOException unreadable) {
            return false;
        }
    }
}
