package io.foldersync.replica;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashSet;
import java.util.Set;

import io.foldersync.fs.FileMeta;
import io.foldersync.fs.RelativePath;
import io.foldersync.index.IndexEntry;
import io.foldersync.index.Md5IndexRepository;
import io.foldersync.observe.Action;
import io.foldersync.observe.ActionLog;
import io.foldersync.observe.CycleStats;
import io.foldersync.source.SourceRoot;

/**
 * Walks REPLICA and deletes what SOURCE lacks, deepest first and never through a link. The same walk looks for drift:
 * a replica file that was edited or deleted by someone else is forgotten by the index, so the next sync copies it again.
 * <p>
 * It deletes nothing when SOURCE cannot be read, and re-checks each name in SOURCE just before deleting it.
 */
public class ReplicaPruner {

    private final SourceRoot source;
    private final ReplicaTree replica;
    private final Md5IndexRepository index;
    private final ActionLog log;
    private final CycleStats stats;
    private final boolean dryRun;
    private final boolean allowEmptySource;
    private long walked;

    public ReplicaPruner(SourceRoot source, ReplicaTree replica, Md5IndexRepository index, ActionLog log,
                         CycleStats stats, boolean dryRun, boolean allowEmptySource) {
        this.source = source;
        this.replica = replica;
        this.index = index;
        this.log = log;
        this.stats = stats;
        this.dryRun = dryRun;
        this.allowEmptySource = allowEmptySource;
    }

    public synchronized void prune() {
        if (!source.isAvailable()) {
            return;
        }
        long started = System.nanoTime();
        walked = 0;
        Set<String> deletedFolders = new HashSet<>();
        try (ReplicaFolder root = replica.openRoot()) {
            Set<String> sourceNames = names(source.path());
            if (sourceNames.isEmpty() && !allowEmptySource && !names(replica.root()).isEmpty()) {
                log.rootError("SOURCE " + source.path() + " is empty while REPLICA is not: deleting nothing "
                        + "(set sync.allow-empty-source=true if emptying the replica is intended)");
                return;
            }
            pruneFolder("", root.stream(), source.path(), sourceNames, deletedFolders);
        } catch (IOException e) {
            log.rootError("cannot walk REPLICA " + replica.root() + ": " + e);
        } finally {
            index.forgetTrees(deletedFolders);
            index.checkpoint();
            log.summary("PRUNE entries=" + walked + " duration_ms=" + (System.nanoTime() - started) / 1_000_000);
        }
    }

    private void pruneFolder(String folder, SecureDirectoryStream<Path> replicaFolder, Path sourceFolder,
                             Set<String> sourceNames, Set<String> deletedFolders) throws IOException {
        Set<String> replicaNames = new HashSet<>();
        for (Path entry : replicaFolder) {
            String name = entry.getFileName().toString();
            String path = RelativePath.child(folder, name);
            replicaNames.add(name);
            walked++;
            if (replica.isInFlight(path)) {
                continue;
            }
            PosixFileAttributes attributes = attributes(replicaFolder, name);
            if (attributes == null) {
                continue;
            }
            if (!sourceNames.contains(name)) {
                deleteExtra(replicaFolder, sourceFolder, name, path, attributes, deletedFolders);
            } else if (attributes.isDirectory()) {
                descend(replicaFolder, sourceFolder, name, path, deletedFolders);
            } else if (attributes.isRegularFile()) {
                forgetIfDrifted(path, attributes);
            }
        }
        for (String name : sourceNames) {
            if (!replicaNames.contains(name)) {
                String path = RelativePath.child(folder, name);
                index.forget(path);
                deletedFolders.add(path); // if it was a folder, the index no longer describes anything below it
            }
        }
    }

    private void descend(SecureDirectoryStream<Path> replicaFolder, Path sourceFolder, String name, String path,
                         Set<String> deletedFolders) throws IOException {
        Path sourceChild = sourceFolder.resolve(name);
        FileMeta sourceMeta;
        try {
            sourceMeta = FileMeta.of(sourceChild);
        } catch (IOException vanished) {
            return;
        }
        if (!sourceMeta.isDirectory()) {
            deleteExtra(replicaFolder, sourceFolder, name, path, null, deletedFolders);
            return;
        }
        Set<String> sourceNames;
        try {
            sourceNames = names(sourceChild);
        } catch (IOException unreadable) {
            log.warn(path, "cannot list this source folder; nothing below it is pruned: " + unreadable);
            return;
        }
        try (SecureDirectoryStream<Path> child = replicaFolder.newDirectoryStream(Path.of(name),
                LinkOption.NOFOLLOW_LINKS)) {
            pruneFolder(path, child, sourceChild, sourceNames, deletedFolders);
        }
    }

    /** Deletes an entry SOURCE lacks (or holds as a different kind), after checking SOURCE once more. */
    private void deleteExtra(SecureDirectoryStream<Path> replicaFolder, Path sourceFolder, String name, String path,
                             PosixFileAttributes attributes, Set<String> deletedFolders) throws IOException {
        if (attributes != null && Files.exists(sourceFolder.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (dryRun) {
            log.action(attributes != null && !attributes.isDirectory() ? Action.DELETE : Action.DELETE_DIR, path);
            return;
        }
        try {
            replica.deleteTree(replicaFolder, Path.of(name), path, stats::deleted);
        } catch (IOException e) {
            log.error(path, "cannot delete", e);
        }
        index.forget(path);
        deletedFolders.add(path);
    }

    private void forgetIfDrifted(String path, PosixFileAttributes replicaFile) {
        IndexEntry entry = index.get(path);
        if (entry != null && (entry.size() != replicaFile.size()
                || entry.mtimeNanos() != FileMeta.nanos(replicaFile.lastModifiedTime())
                || (entry.permissions() & 0777) != bits(replicaFile.permissions()))) {
            log.detail("replica copy of {} changed outside folder-sync; it is copied again", path);
            index.forget(path);
        }
    }

    private static PosixFileAttributes attributes(SecureDirectoryStream<Path> folder, String name) throws IOException {
        try {
            return folder.getFileAttributeView(Path.of(name), PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        } catch (java.nio.file.NoSuchFileException vanished) {
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

    private static int bits(Set<PosixFilePermission> permissions) {
        int bits = 0;
        for (PosixFilePermission permission : permissions) {
            bits |= 0400 >> permission.ordinal();
        }
        return bits;
    }
}
