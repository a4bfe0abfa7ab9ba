package io.foldersync.replica;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.foldersync.fs.FileMeta;
import io.foldersync.fs.InFolder;
import io.foldersync.fs.RelativePath;
import io.foldersync.index.IndexEntry;
import io.foldersync.index.Md5;
import io.foldersync.observe.Action;
import io.foldersync.observe.ActionLog;
import io.foldersync.observe.CycleStats;
import io.foldersync.observe.LogText;

/**
 * A dry run's REPLICA: each change is logged and counted as the real run would make it (the log marks it "dry run"),
 * and nothing is written, REPLICA and the index included. It looks at REPLICA, without following links, only where
 * the action depends on what stands there.
 */
public class DryRunOperations implements ReplicaOperations {

    private final ReplicaTree replica;
    private final ActionLog log;
    private final CycleStats stats;
    /** Null when no versions are kept. */
    private final KeptVersions versions;
    private final boolean owners;
    /** The folders a real run would have made by now, each reported once, before anything in it. */
    private final Set<String> made = new HashSet<>();

    public DryRunOperations(ReplicaTree replica, ActionLog log, CycleStats stats, KeptVersions versions,
                            boolean owners) {
        this.owners = owners;
        this.versions = versions;
        this.replica = replica;
        this.log = log;
        this.stats = stats;
    }

    @Override
    public void copy(String path, Path source, FileMeta listed, Action action) throws IOException {
        if (versions != null && action == Action.UPDATE) {
            reportKeep(path);
        }
        makeFoldersOnTheWay(path);
        replica.changeInside(RelativePath.parent(path));
        log.transferred(action, path, listed.size(), null, 0);
        if (action == Action.COPY) {
            stats.copied(listed.size());
        } else {
            stats.updated(listed.size());
        }
    }

    @Override
    public boolean touch(String path, Path sourcePath, FileMeta source, Md5 md5) throws IOException {
        BasicFileAttributes existing = lookAt(path);
        if (existing == null || !existing.isRegularFile()) {
            return false;
        }
        FileMeta there = FileMeta.of(replica.root().resolve(path));
        if (there.mtimeNanos() != source.mtimeNanos()) {
            log.action(Action.TOUCH, path);
        } else {
            List<String> differing = new ArrayList<>();
            if (there.permissions() != source.permissions()) {
                differing.add("mode");
            }
            if (owners && (there.uid() != source.uid() || there.gid() != source.gid())) {
                differing.add("owner");
            }
            log.action(Action.ATTRIBUTES, path, "(" + (differing.isEmpty() ? "xattrs" : String.join(", ", differing))
                    + ")");
        }
        stats.touched(source.size());
        return true;
    }

    @Override
    public void adopt(String path, Path sourcePath, FileMeta source, Md5 md5) throws IOException {
        if (FileMeta.of(replica.root().resolve(path)).permissions() != source.permissions()) {
            log.action(Action.TOUCH, path);
        }
        stats.adopted(source.size());
    }

    @Override
    public void link(String path, Path target, FileMeta source) throws IOException {
        BasicFileAttributes existing = lookAt(path);
        if (existing == null || !existing.isSymbolicLink()
                || !Files.readSymbolicLink(replica.root().resolve(path)).equals(target)) {
            makeFoldersOnTheWay(path);
            replica.changeInside(RelativePath.parent(path));
            log.action(Action.LINK, path, "-> " + LogText.escape(target.toString()));
        }
    }

    @Override
    public boolean hardLink(String first, String later, FileMeta meta, IndexEntry firstEntry) throws IOException {
        BasicFileAttributes target = lookAt(first);
        BasicFileAttributes existing = lookAt(later);
        if (existing == null || target == null || !target.fileKey().equals(existing.fileKey())) {
            makeFoldersOnTheWay(later);
            replica.changeInside(RelativePath.parent(later));
            log.action(Action.HARD_LINK, later, "=> " + LogText.escape(first));
        }
        return true;
    }

    /** A folder a real run would make, or whose metadata it would set right, as {@link DiskOperations} does. */
    @Override
    public void folder(String path, Path sourceFolder, FileMeta source) throws IOException {
        if (!replica.hasFolder(path)) {
            makeFolder(path);
            return;
        }
        FileMeta current = FileMeta.of(replica.root().resolve(path));
        boolean metadataDiffers = current.permissions() != source.permissions()
                || (owners && (current.uid() != source.uid() || current.gid() != source.gid()));
        if (metadataDiffers || (current.mtimeNanos() != source.mtimeNanos() && !replica.wasChangedInside(path))) {
            log.folderTouched(path);
        }
    }

    /**
     * The folders missing on the way to an entry, reported as a real run makes them: before the entry, from the top
     * (the copy of {@code proj/keep.txt} comes after {@code CREATE_DIR proj}, whose own decision follows its content).
     */
    private void makeFoldersOnTheWay(String path) {
        makeFolder(RelativePath.parent(path));
    }

    private synchronized void makeFolder(String folder) {
        if (made.contains(folder) || replica.hasFolder(folder)) {
            return;
        }
        if (!folder.isEmpty()) {
            makeFolder(RelativePath.parent(folder));
            replica.changeInside(RelativePath.parent(folder));
        }
        made.add(folder);
        replica.changeInside(folder);
        log.action(Action.CREATE_DIR, folder);
    }

    /** The real run's settling follows a change a dry run only reports: nothing to report of its own. */
    @Override
    public void settleFolder(String path, FileMeta source) {
        // nothing: a dry run changes nothing
    }

    @Override
    public Deleted delete(String folder, String name) throws IOException {
        String path = RelativePath.child(folder, name);
        BasicFileAttributes there = lookAt(path);
        if (there == null) {
            return Deleted.NOTHING;
        }
        if (versions != null) {
            reportKeep(path);
        }
        replica.changeInside(folder);
        log.action(there.isDirectory() ? Action.DELETE_DIR : Action.DELETE, path);
        long entries = 1 + (there.isDirectory() ? replica.countBelow(path) : 0);
        stats.deleted(entries);
        return new Deleted(entries, there.isDirectory());
    }

    @Override
    public boolean removeEmptyFolder(String path) throws IOException {
        BasicFileAttributes there = lookAt(path);
        if (there == null || !there.isDirectory() || replica.countBelow(path) > 0) {
            return false;
        }
        replica.changeInside(RelativePath.parent(path));
        log.action(Action.DELETE_DIR, path);
        stats.deleted(1);
        return true;
    }

    /** The versions a real run would keep of what stands at a path: the regular files, a folder's one by one. */
    private void reportKeep(String path) throws IOException {
        BasicFileAttributes existing = lookAt(path);
        if (existing == null) {
            return;
        }
        if (existing.isRegularFile()) {
            versions.reportKeep(path);
        } else if (existing.isDirectory()) {
            try (ReplicaFolder folder = replica.openListable(path)) {
                for (Path entry : folder.stream()) {
                    reportKeep(RelativePath.child(path, entry.getFileName().toString()));
                }
            }
        }
    }

    /** What stands at a replica path, through opened folders; null when nothing does, or a folder is missing. */
    private BasicFileAttributes lookAt(String path) throws IOException {
        try (ReplicaFolder folder = replica.openFolder(RelativePath.parent(path), false)) {
            return InFolder.attributes(folder.stream(), Path.of(RelativePath.name(path)));
        } catch (FileSystemException missingOrNotAFolder) {
            return null;
        }
    }

    @Override
    public void expireVersions() {
        if (versions != null) {
            versions.expire(true);
        }
    }
}
