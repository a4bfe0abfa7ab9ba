package io.foldersync.replica;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.foldersync.settings.DeleteLimit;
import io.foldersync.fs.FileMeta;
import io.foldersync.fs.PathFilter;
import io.foldersync.fs.RelativePath;
import io.foldersync.index.IndexEntry;
import io.foldersync.index.Md5IndexRepository;
import io.foldersync.observe.ActionLog;
import io.foldersync.source.SourceRoot;

/**
 * Walks REPLICA and deletes what SOURCE lacks, deepest first and never through a link. The same walk looks for drift:
 * a replica file that was edited or deleted by someone else is forgotten by the index, so the next sync copies it again.
 * <p>
 * It deletes nothing when SOURCE cannot be trusted (missing, unreadable, unmounted, or empty unless that is allowed),
 * or when the pass would delete more than {@code sync.max-delete}. Each deletion re-checks SOURCE just before.
 */
public class ReplicaPruner {

    private final SourceRoot source;
    private final ReplicaTree replica;
    private final Md5IndexRepository index;
    private final ActionLog log;
    private final ReplicaOperations operations;
    private final boolean allowEmptySource;
    private final DeleteLimit maxDelete;
    private final PathFilter filter;
    private final boolean deleteExcluded;
    /** The versions folder's path inside REPLICA, never pruned; null when it is elsewhere or there is none. */
    private final String versionsInside;

    /** Deletions the watch asked for while SOURCE was empty or unreadable: done once it is neither. */
    private final Set<String> heldDeletions = ConcurrentHashMap.newKeySet();

    public ReplicaPruner(SourceRoot source, ReplicaTree replica, Md5IndexRepository index, ActionLog log,
                         ReplicaOperations operations, boolean allowEmptySource, DeleteLimit maxDelete,
                         PathFilter filter, boolean deleteExcluded, String versionsInside) {
        this.filter = filter;
        this.deleteExcluded = deleteExcluded;
        this.versionsInside = versionsInside;
        this.source = source;
        this.replica = replica;
        this.index = index;
        this.log = log;
        this.operations = operations;
        this.allowEmptySource = allowEmptySource;
        this.maxDelete = maxDelete;
    }

    /** An entry to delete: its folder, its name, and how many entries go with it (itself and, for a folder, all below). */
    private record Doomed(String folder, String name, boolean isFolder, long entries) {
        String path() {
            return RelativePath.child(folder, name);
        }
    }

    /** What one pass found: entries walked, and what to delete. */
    private static final class Plan {
        long walked;
        final List<Doomed> doomed = new ArrayList<>();
        /** Names SOURCE has and REPLICA lacks: forgotten by the index, trees and all, in one pass after the walk. */
        final Set<String> missing = new HashSet<>();

        /** A doomed folder is not walked into, so what it holds is added to the entries walked here. */
        void doom(Doomed entry) {
            doomed.add(entry);
            walked += entry.entries() - 1;
        }

        long entriesToDelete() {
            return doomed.stream().mapToLong(Doomed::entries).sum();
        }
    }

    public synchronized void prune() {
        if (!source.isAvailable() || !Files.exists(replica.root())) {
            return; // a dry run does not create REPLICA, and a missing one has nothing to prune
        }
        long started = System.nanoTime();
        Plan plan = new Plan();
        try (ReplicaFolder root = replica.openRoot()) {
            Set<String> sourceNames = names(source.path());
            if (sourceNames.isEmpty() && !allowEmptySource && !names(replica.root()).isEmpty()) {
                log.rootError("SOURCE " + source.path() + " is empty while REPLICA is not: deleting nothing "
                        + "(set sync.allow-empty-source=true if emptying the replica is intended)");
                return;
            }
            walk("", root, source.path(), sourceNames, plan);
        } catch (IOException e) {
            log.rootError("cannot walk REPLICA " + replica.root() + ": " + e);
            return;
        }
        index.forgetTrees(plan.missing);
        long toDelete = plan.entriesToDelete();
        boolean held = maxDelete.isExceeded(toDelete, plan.walked);
        if (held) {
            log.rootError("this pass would delete " + toDelete + " of " + plan.walked + " entries in REPLICA, more "
                    + "than sync.max-delete=" + maxDelete + ": deleting nothing");
        } else {
            deleteAll(plan.doomed);
            heldDeletions.clear(); // the pass saw to them
        }
        index.checkpoint();
        operations.expireVersions();
        log.summary("PRUNE entries=" + plan.walked + " deleted=" + (held ? 0 : toDelete) + " duration_ms="
                + (System.nanoTime() - started) / 1_000_000, held || toDelete > 0);
    }

    /**
     * Deletes one path from REPLICA at once, for an event saying it left SOURCE. Under the same checks as a pass; with
     * sync.max-delete set, deletions wait for the pass, which enforces the limit on the whole.
     */
    public void pruneOne(String path) {
        if (!mayDeleteNow()) {
            if (maxDelete == DeleteLimit.UNLIMITED) {
                heldDeletions.add(path); // with a limit, the pass deletes, within it
            }
            return;
        }
        deleteIfGone(path);
    }

    /**
     * Carries out the deletions held while SOURCE was empty or unreadable, once it is neither: a user who deletes the
     * last file and then makes another expects the first gone without waiting for the next pass.
     */
    public void releaseHeld() {
        if (heldDeletions.isEmpty() || !mayDeleteNow()) {
            return;
        }
        for (String path : List.copyOf(heldDeletions)) {
            heldDeletions.remove(path);
            deleteIfGone(path);
        }
    }

    private void deleteIfGone(String path) {
        if (Files.exists(source.path().resolve(path), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        String gone = highestMissing(path);
        boolean isFolder = Files.isDirectory(replica.root().resolve(gone), LinkOption.NOFOLLOW_LINKS);
        deleteAll(List.of(new Doomed(RelativePath.parent(gone), RelativePath.name(gone), isFolder, 1)));
    }

    /**
     * Deletes what SOURCE lacks below one folder, at once: after the watch mirrored a folder, whose walk may have made
     * again in REPLICA what was deleted from SOURCE meanwhile. Under the same checks as {@link #pruneOne}.
     */
    public void pruneBelow(String folder) {
        if (!mayDeleteNow()) {
            return;
        }
        Plan plan = new Plan();
        Path sourceFolder = source.path().resolve(folder);
        try (ReplicaFolder replicaFolder = replica.openListable(folder)) {
            walk(folder, replicaFolder, sourceFolder, names(sourceFolder), plan);
        } catch (IOException goneOrChanged) {
            return; // its own event follows
        }
        index.forgetTrees(plan.missing);
        deleteAll(plan.doomed);
    }

    /** Deletions outside a pass: only without sync.max-delete, and only while SOURCE can be trusted. */
    private boolean mayDeleteNow() {
        if (maxDelete != DeleteLimit.UNLIMITED || !source.isAvailable(false)) {
            return false;
        }
        try {
            return allowEmptySource || !names(source.path()).isEmpty(); // else the pass reports it
        } catch (IOException unreadable) {
            return false;
        }
    }

    /** The highest folder above a path that SOURCE lacks too: a copy may have made it again in REPLICA meanwhile. */
    private String highestMissing(String path) {
        String gone = path;
        for (String parent = RelativePath.parent(gone); !parent.isEmpty()
                && !Files.exists(source.path().resolve(parent), LinkOption.NOFOLLOW_LINKS);
                parent = RelativePath.parent(parent)) {
            gone = parent;
        }
        return gone;
    }

    private void walk(String folder, ReplicaFolder replicaFolder, Path sourceFolder, Set<String> sourceNames,
                      Plan plan) throws IOException {
        Set<String> replicaNames = new HashSet<>();
        for (Path entry : replicaFolder.stream()) {
            String name = entry.getFileName().toString();
            String path = RelativePath.child(folder, name);
            replicaNames.add(name);
            plan.walked++;
            if (replica.isInFlight(path) || !RelativePath.isAddressable(entry.getFileName())) {
                continue; // a name Java cannot address is never deleted by a guess at it
            }
            if (path.equals(versionsInside)) {
                continue;
            }
            PosixFileAttributes attributes = attributes(replicaFolder.stream(), entry.getFileName());
            if (attributes == null) {
                continue;
            }
            if (filter.excludes(path, attributes.isDirectory())) {
                if (deleteExcluded) {
                    plan.doom(doomed(replicaFolder, folder, name, attributes.isDirectory()));
                }
                continue; // left as it is, unless the user asked for excluded entries to go
            }
            if (!sourceNames.contains(name)) {
                plan.doom(doomed(replicaFolder, folder, name, attributes.isDirectory()));
            } else if (attributes.isDirectory()) {
                descend(replicaFolder, sourceFolder, folder, name, plan);
            } else if (attributes.isRegularFile()) {
                forgetIfDrifted(path, attributes);
            }
        }
        for (String name : sourceNames) {
            if (!replicaNames.contains(name)) {
                String path = RelativePath.child(folder, name);
                if (filter.excludesFile(path) && filter.excludesFolder(path)) {
                    continue;
                }
                if (forgetUnlessPlacedSince(replicaFolder, name, path)) {
                    plan.missing.add(path); // if it was a folder, the index no longer describes anything below it
                }
            }
        }
    }

    private void descend(ReplicaFolder replicaFolder, Path sourceFolder, String folder, String name, Plan plan)
            throws IOException {
        String path = RelativePath.child(folder, name);
        Path sourceChild = sourceFolder.resolve(name);
        FileMeta sourceMeta;
        try {
            sourceMeta = FileMeta.of(sourceChild);
        } catch (IOException vanished) {
            return;
        }
        if (!sourceMeta.isDirectory()) {
            plan.doom(doomed(replicaFolder, folder, name, true)); // the source has a file or link here now
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
            log.error(path, "cannot walk this replica folder; the rest of REPLICA is pruned", e);
        }
    }

    private static Doomed doomed(ReplicaFolder replicaFolder, String folder, String name, boolean isFolder)
            throws IOException {
        return new Doomed(folder, name, isFolder, isFolder ? 1 + count(replicaFolder.stream(), Path.of(name)) : 1);
    }

    /** Entries below a folder, counted without following links. */
    private static long count(SecureDirectoryStream<Path> parent, Path name) throws IOException {
        long total = 0;
        try (SecureDirectoryStream<Path> folder = parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
            for (Path entry : folder) {
                total++;
                PosixFileAttributes attributes = attributes(folder, entry.getFileName());
                if (attributes != null && attributes.isDirectory()) {
                    total += count(folder, entry.getFileName());
                }
            }
        } catch (java.nio.file.FileSystemException gone) {
            // changed meanwhile: the count is only for the limit
        }
        return total;
    }

    /**
     * Synchronized: the watch deletes in parallel, and a folder's deletion must not log its DELETE_DIR while another
     * thread is still to log a DELETE of a file in it.
     */
    private synchronized void deleteAll(List<Doomed> doomed) {
        Set<String> deletedFolders = new HashSet<>();
        Set<String> parents = new HashSet<>();
        for (Doomed entry : doomed) {
            String path = entry.path();
            boolean excluded = deleteExcluded && filter.excludes(path, entry.isFolder());
            if (!excluded && Files.exists(source.path().resolve(path), LinkOption.NOFOLLOW_LINKS)
                    && !stillConflicts(path)) {
                continue; // SOURCE has it again
            }
            try {
                if (!operations.delete(entry.folder(), entry.name(), entry.isFolder())) {
                    continue;
                }
            } catch (NoSuchFileException gone) {
                // already gone
            } catch (IOException e) {
                log.error(path, "cannot delete", e);
            }
            index.forget(path);
            if (entry.isFolder()) {
                deletedFolders.add(path);
            }
            parents.add(entry.folder());
        }
        index.forgetTrees(deletedFolders);
        parents.forEach(this::matchFolder);
    }

    /** A deletion moved the replica folder's mtime: it gets the source folder's back. */
    private void matchFolder(String folder) {
        try {
            FileMeta meta = FileMeta.of(source.path().resolve(folder));
            if (meta.isDirectory()) {
                replica.matchFolder(folder, meta);
            }
        } catch (IOException goneMeanwhile) {
            // its own event or the next pass sees to it
        }
    }

    /** A replica folder doomed because SOURCE holds a file or link of that name, and still does. */
    private boolean stillConflicts(String path) {
        return !Files.isDirectory(source.path().resolve(path), LinkOption.NOFOLLOW_LINKS)
                && Files.isDirectory(replica.root().resolve(path), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Forgets what the index says of a name REPLICA lacked when listed, unless a cycle or the watch, which run beside
     * the prune, placed it since: a copy records its entry after placing the file, so the entry is read before REPLICA
     * is looked at again, and forgotten only if it is still the same. False when the name is there now.
     */
    private boolean forgetUnlessPlacedSince(ReplicaFolder replicaFolder, String name, String path) {
        IndexEntry seen = index.get(path);
        try {
            if (Files.exists(replicaFolder.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
        } catch (InvalidPathException unaddressable) {
            // a name this locale cannot encode: no copy placed it
        }
        index.forget(path, seen);
        return true;
    }

    private void forgetIfDrifted(String path, PosixFileAttributes attributes) {
        IndexEntry entry = index.get(path);
        if (entry == null) {
            return;
        }
        FileMeta replicaFile = FileMeta.of(attributes);
        if (entry.size() != replicaFile.size() || entry.mtimeNanos() != replicaFile.mtimeNanos()
                || (entry.permissions() & 0777) != (replicaFile.permissions() & 0777)) {
            log.detail("replica copy of {} changed outside folder-sync; it is copied again", path);
            index.forget(path);
        }
    }

    private static PosixFileAttributes attributes(SecureDirectoryStream<Path> folder, Path name) throws IOException {
        try {
            return folder.getFileAttributeView(name, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        } catch (NoSuchFileException vanished) {
            return null;
        }
    }

    private static Set<String> names(Path folder) throws IOException {
        Set<String> names = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        }
        return names;
    }
}
