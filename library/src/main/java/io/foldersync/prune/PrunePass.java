package io.foldersync.prune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import io.foldersync.decide.Decision;
import io.foldersync.decide.Decision.Origin;
import io.foldersync.decide.DecisionQueue;
import io.foldersync.fs.FileMeta;
import io.foldersync.fs.InFolder;
import io.foldersync.fs.IoFailure;
import io.foldersync.fs.PathFilter;
import io.foldersync.fs.RelativePath;
import io.foldersync.index.Md5Index;
import io.foldersync.observe.ActionLog;
import io.foldersync.replica.ReplicaFolder;
import io.foldersync.replica.ReplicaOperations;
import io.foldersync.replica.ReplicaTree;
import io.foldersync.settings.DeleteLimit;
import io.foldersync.source.SourceRoot;

/**
 * The prune pass: walks REPLICA beside SOURCE, never through a link, and decides what to hand to the apply path: a
 * deletion for each entry SOURCE lacks (and, with delete-excluded, each one the filters leave out), a repair for each
 * replica file someone else edited or deleted. The pass deletes nothing when SOURCE cannot be trusted (missing,
 * unreadable, unmounted, or empty unless that is allowed), nor when it would delete more than {@code sync.max-delete};
 * every deletion is checked again as it is applied.
 */
public class PrunePass {

    private final SourceRoot source;
    private final ReplicaTree replica;
    private final Md5Index index;
    private final ActionLog log;
    private final boolean allowEmptySource;
    private final DeleteLimit maxDelete;
    private final PathFilter filter;
    private final boolean deleteExcluded;
    /** The versions folder's path inside REPLICA, never pruned; null when it is elsewhere or there is none. */
    private final String versionsInside;
    private final DecisionQueue apply;
    /** How many entries the pass's deletions removed, since it was last asked. */
    private final LongSupplier deletedByPass;
    private final ReplicaOperations operations;
    /** Whether a sync cycle is running now, beside the pass. */
    private final BooleanSupplier cycleRunning;

    public PrunePass(SourceRoot source, ReplicaTree replica, Md5Index index, ActionLog log, boolean allowEmptySource,
                     DeleteLimit maxDelete, PathFilter filter, boolean deleteExcluded, String versionsInside,
                     DecisionQueue apply, LongSupplier deletedByPass, ReplicaOperations operations,
                     BooleanSupplier cycleRunning) {
        this.cycleRunning = cycleRunning;
        this.apply = apply;
        this.deletedByPass = deletedByPass;
        this.operations = operations;
        this.source = source;
        this.replica = replica;
        this.index = index;
        this.log = log;
        this.allowEmptySource = allowEmptySource;
        this.maxDelete = maxDelete;
        this.filter = filter;
        this.deleteExcluded = deleteExcluded;
        this.versionsInside = versionsInside;
    }

    /** What one walk found: the entries walked, what to delete (with how many entries go with it), what to repair. */
    public static final class Plan {
        private long walked;
        private long toDelete;
        private final List<String> deletions = new ArrayList<>();
        private final List<String> repairs = new ArrayList<>();

        private void delete(String path, long entries) {
            deletions.add(path);
            toDelete += entries;
            walked += entries - 1; // a folder to delete is not walked into: what it holds counts here
        }

    }

    /**
     * One pass: walks both trees, hands each deletion and repair to the apply route and waits for them, saves the
     * index, expires versions past their age, and sums the pass up. Passes never overlap.
     */
    public synchronized void run() {
        long started = System.nanoTime();
        Plan plan = plan();
        if (plan == null) {
            return;
        }
        plan.repairs.forEach(path -> apply.submit(Decision.of(Origin.REPAIR, path)));
        boolean held = maxDelete.isExceeded(plan.toDelete, plan.walked);
        if (held) {
            log.rootError("this pass would delete " + plan.toDelete + " of " + plan.walked + " entries in REPLICA, "
                    + "more than sync.max-delete=" + maxDelete + ": deleting nothing");
        } else {
            plan.deletions.forEach(path -> apply.submit(Decision.of(Origin.PASS, path)));
        }
        apply.awaitApplied();
        long deleted = deletedByPass.getAsLong();
        index.checkpoint();
        operations.expireVersions();
        log.summary("PRUNE entries=" + plan.walked + " deleted=" + deleted + " duration_ms="
                + (System.nanoTime() - started) / 1_000_000, held || deleted > 0);
    }

    /**
     * Walks both trees: what to delete and what to repair. Null when SOURCE or REPLICA could not be walked (which is
     * reported), or SOURCE is empty while REPLICA is not.
     */
    Plan plan() {
        if (!source.isAvailable() || !Files.exists(replica.root())) {
            return null; // a dry run does not create REPLICA, and a missing one has nothing to prune
        }
        Plan plan = new Plan();
        try (ReplicaFolder root = replica.openListable("")) {
            Set<String> sourceNames = names(source.path());
            if (sourceNames.isEmpty() && !allowEmptySource && !names(replica.root()).isEmpty()) {
                log.rootError("SOURCE " + source.path() + " is empty while REPLICA is not: deleting nothing "
                        + "(set sync.allow-empty-source=true if emptying the replica is intended)");
                return null;
            }
            walk("", root, source.path(), sourceNames, plan);
        } catch (IOException e) {
            log.rootError("cannot walk REPLICA " + replica.root() + ": " + e);
            return null;
        }
        return plan;
    }

    private void walk(String folder, ReplicaFolder replicaFolder, Path sourceFolder, Set<String> sourceNames,
                      Plan plan) throws IOException {
        List<String> replicaNames = new ArrayList<>();
        int sourceNamesListed = 0;
        for (Path entry : replicaFolder.stream()) {
            Path name = entry.getFileName();
            String listed = name.toString();
            replicaNames.add(listed);
            if (sourceNames.contains(listed)) {
                sourceNamesListed++;
            }
            plan.walked++;
            visit(folder, replicaFolder, sourceFolder, sourceNames, name, plan);
        }
        if (sourceNamesListed == sourceNames.size()) {
            return; // REPLICA has every name SOURCE has: nothing to repair, and no set of its names to make
        }
        if (cycleRunning.getAsBoolean() && replica.madeThisCycle(folder)) {
            return; // a folder the cycle running beside the pass is filling: what it lacks is on its way
        }
        Set<String> listedNames = new HashSet<>(replicaNames);
        for (String name : sourceNames) {
            if (listedNames.contains(name)) {
                continue;
            }
            String path = RelativePath.child(folder, name);
            if (!(filter.excludesFile(path) && filter.excludesFolder(path)) && index.get(path) != null
                    && !placedSinceListed(replicaFolder, name)) {
                plan.repairs.add(path); // the index says REPLICA has it, and it does not: someone deleted it
            }
        }
    }

    /** One entry of a REPLICA folder: deleted, repaired, walked into, or left as it is. */
    private void visit(String folder, ReplicaFolder replicaFolder, Path sourceFolder, Set<String> sourceNames,
                       Path fileName, Plan plan) throws IOException {
        String name = fileName.toString();
        String path = RelativePath.child(folder, name);
        if (replica.isInFlight(path) || !RelativePath.isAddressable(fileName) || path.equals(versionsInside)) {
            return; // a name Java cannot address is never deleted by a guess at it
        }
        PosixFileAttributes attributes = InFolder.attributes(replicaFolder.stream(), fileName);
        if (attributes == null) {
            return;
        }
        boolean isFolder = attributes.isDirectory();
        if (filter.excludes(path, isFolder)) {
            if (deleteExcluded) {
                plan.delete(path, entries(path, isFolder));
            }
            return; // left as it is, unless the user asked for excluded entries to go
        }
        if (!sourceNames.contains(name)) {
            plan.delete(path, entries(path, isFolder));
        } else if (isFolder) {
            descend(replicaFolder, sourceFolder, folder, name, plan);
        } else if (attributes.isRegularFile() && hasDrifted(path, attributes)) {
            log.detail("replica copy of {} changed outside folder-sync; it is copied again", path);
            plan.repairs.add(path);
        }
    }

    private void descend(ReplicaFolder replicaFolder, Path sourceFolder, String folder, String name, Plan plan)
            throws IOException {
        String path = RelativePath.child(folder, name);
        if (cycleRunning.getAsBoolean() && replica.madeThisCycle(path)) {
            return; // made by the cycle running beside the pass, which fills it with what SOURCE has: nothing to prune
        }
        Path sourceChild = sourceFolder.resolve(name);
        FileMeta sourceMeta;
        try {
            sourceMeta = FileMeta.of(sourceChild);
        } catch (IOException vanished) {
            return;
        }
        if (!sourceMeta.isDirectory()) {
            plan.delete(path, entries(path, true)); // SOURCE has a file or link here now: what it holds makes way
            return;
        }
        Set<String> sourceNames;
        try {
            sourceNames = names(sourceChild);
        } catch (IOException unreadable) {
            log.warn(path, "cannot list this source folder; nothing below it is pruned: " + unreadable);
            return;
        }
        try (ReplicaFolder child = replica.enter(replicaFolder, name, path)) {
            walk(path, child, sourceChild, sourceNames, plan);
        } catch (IOException e) {
            if (IoFailure.of(e) == IoFailure.MISSING) {
                log.detail("{} went from REPLICA while the pass walked it: the next pass sees what is there", path);
                return; // someone else's deletion, or a folder replaced under the walk: churn, not an error
            }
            log.error(path, "cannot walk this replica folder; the rest of REPLICA is pruned", e);
        }
    }

    /** A name missing from the listing may have been placed since by a copy running beside the pass. */
    private static boolean placedSinceListed(ReplicaFolder folder, String name) {
        try {
            return Files.exists(folder.resolve(name), LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.InvalidPathException unaddressable) {
            return false;
        }
    }

    private long entries(String path, boolean isFolder) {
        return isFolder ? 1 + replica.countBelow(path) : 1;
    }

    /** A replica file whose size, mtime or mode is not what the index says it wrote. */
    private boolean hasDrifted(String path, PosixFileAttributes attributes) {
        FileMeta replicaFile = FileMeta.of(attributes);
        return index.recordsOtherThan(path, replicaFile.size(), replicaFile.mtimeNanos(),
                replicaFile.permissions() & 0777);
    }

    /**
     * The names in a folder: {@link java.io.File#list} makes one String a name, where a listing of Paths makes five
     * objects, and the pass lists every SOURCE folder.
     */
    private static Set<String> names(Path folder) throws IOException {
        String[] names = folder.toFile().list();
        if (names == null) {
            Files.newDirectoryStream(folder).close(); // File.list gives no reason: this throws the one it met
            throw new IOException(folder + " could not be listed, and could be the moment after");
        }
        return new HashSet<>(Arrays.asList(names));
    }
}
