package io.foldersync.replica;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.foldersync.fs.FileKind;
import io.foldersync.fs.FileMeta;
import io.foldersync.fs.InFolder;
import io.foldersync.fs.RelativePath;
import io.foldersync.index.IndexEntry;
import io.foldersync.index.Md5;
import io.foldersync.index.Md5Index;
import io.foldersync.observe.Action;
import io.foldersync.observe.ActionLog;
import io.foldersync.observe.CycleStats;
import io.foldersync.observe.LogText;
import io.foldersync.settings.Fidelity;

/**
 * Changes REPLICA on disk. Every entry is reached through opened folders that refuse links, so nothing is written
 * through a symlink planted in REPLICA. A file is copied into a temporary file in its destination folder, hashed as it
 * is copied, given the source's mtime and mode, and renamed onto its final path: a reader never sees it half-written.
 */
public class DiskOperations implements ReplicaOperations {

    /** A temporary file is made, never found: one set for every copy. */
    private static final Set<OpenOption> NEW_TO_WRITE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    private final ReplicaTree replica;
    private final Md5Index index;
    private final ContentTransfer transfer;
    private final ActionLog log;
    private final CycleStats stats;
    /** Null when no versions are kept. */
    private final KeptVersions versions;
    private final Fidelity fidelity;
    private final ExtendedAttributes attributes;

    public DiskOperations(ReplicaTree replica, Md5Index index, ContentTransfer transfer, ActionLog log,
                          CycleStats stats, KeptVersions versions, Fidelity fidelity, ExtendedAttributes attributes) {
        this.versions = versions;
        this.fidelity = fidelity;
        this.attributes = attributes;
        this.replica = replica;
        this.index = index;
        this.transfer = transfer;
        this.log = log;
        this.stats = stats;
    }

    /**
     * A file changed in place while it is read is not placed (retried); one replaced by rename (how writers publish)
     * was read whole through its descriptor, so that version is placed, and the replacement's own event or the next
     * cycle brings the newer one.
     */
    @Override
    public void copy(String path, Path source, FileMeta listed, Action action) throws IOException {
        long started = System.nanoTime();
        Copied copied;
        try {
            copied = copyOnce(path, source, listed);
        } catch (NoSuchFileException staleFolder) {
            if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                throw staleFolder;
            }
            // a replica folder on the way was deleted and made again since it was opened: open it afresh
            replica.evict(RelativePath.components(path).get(0));
            copied = copyOnce(path, source, FileMeta.of(source));
        }
        long size = copied.meta().size();
        log.transferred(action, path, size, copied.md5(), System.nanoTime() - started);
        if (action == Action.COPY) {
            stats.copied(size);
        } else {
            stats.updated(size);
        }
    }

    /** What a copy placed: the content's MD5, and the file it was read from as it was when opened. */
    private record Copied(Md5 md5, FileMeta meta) {
    }

    /**
     * Opens the source file, copies and hashes it into a temporary file made with its mode where the umask allows,
     * gives that SOURCE's owner and times through its descriptor, and renames it into place. The source's fstat after
     * the read says whether the file read is the one looked at, unchanged and whole: one call for what a path would
     * need two lstats and an fstat to tell.
     */
    private Copied copyOnce(String path, Path source, FileMeta before) throws IOException {
        String folderPath = RelativePath.parent(path);
        String temp = replica.reserveTempName(folderPath);
        try (FileChannel in = ContentTransfer.openSource(source);
             ReplicaFolder folder = replica.openFolder(folderPath, true)) {
            try {
                // before any content is read: a version that cannot be kept (a full disk) costs no read of SOURCE
                KeptVersions.Prepared version = prepareVersion(folder, path);
                FileMeta opened;
                Md5 md5;
                long xattrs;
                try {
                    try (FileChannel out = createTemp(folder, temp, before)) {
                        ContentTransfer.Read read = transfer.copy(in, out, before.size());
                        opened = Metadata.opened(in, source);
                        if (opened.kind() != FileKind.FILE || opened.inode() != before.inode()) {
                            throw new RetryableChangeException(path, "replaced while being opened", null);
                        }
                        if (opened.size() != read.bytes()
                                || !opened.sameStat(before.size(), before.mtimeNanos(), before.permissions())) {
                            throw new RetryableChangeException(path, "changed while being copied", null);
                        }
                        md5 = read.md5();
                        xattrs = fidelity.xattrs() ? attributes.copy(source, folder.resolve(temp)) : 0;
                        Metadata.applyToCreated(out, folder.resolve(temp), opened, fidelity.owners());
                    }
                    if (transfer.isStopped()) {
                        throw new InterruptedIOException("stopping: not placed");
                    }
                    moveIntoPlace(folder, temp, path);
                } catch (IOException | RuntimeException e) {
                    abandon(version);
                    throw e;
                }
                placed(version);
                index.record(path, IndexEntry.of(opened, md5, xattrs));
                return new Copied(md5, opened);
            } catch (IOException | RuntimeException e) {
                deleteQuietly(folder, temp);
                throw e;
            }
        } finally {
            replica.release(temp);
        }
    }

    /** A read-only replica folder (a copy of a read-only source folder) is made writable for its owner first. */
    private static FileChannel createTemp(ReplicaFolder folder, String temp, FileMeta source) throws IOException {
        try {
            return createTemp(folder, Path.of(temp), source);
        } catch (AccessDeniedException denied) {
            ReplicaTree.grantWrite(folder);
            return createTemp(folder, Path.of(temp), source);
        }
    }

    private static FileChannel createTemp(ReplicaFolder folder, Path temp, FileMeta source) throws IOException {
        return (FileChannel) folder.stream().newByteChannel(temp, NEW_TO_WRITE, Metadata.createdMode(source));
    }

    @Override
    public boolean touch(String path, Path sourcePath, FileMeta source, Md5 md5) throws IOException {
        try (ReplicaFolder folder = replica.openFolder(RelativePath.parent(path), false)) {
            String name = RelativePath.name(path);
            BasicFileAttributes existing = InFolder.attributes(folder.stream(), Path.of(name));
            if (existing == null || !existing.isRegularFile()) {
                return false;
            }
            if (logMetadataChange(path, folder.resolve(name), sourcePath, source)) {
                stats.touched(source.size());
            }
            index.record(path, IndexEntry.of(source, md5, matchMetadata(folder.resolve(name), sourcePath, source)));
            return true;
        } catch (NoSuchFileException folderMissing) {
            return false;
        }
    }

    @Override
    public void adopt(String path, Path sourcePath, FileMeta source, Md5 md5) throws IOException {
        try (ReplicaFolder folder = replica.openFolder(RelativePath.parent(path), false)) {
            Path file = folder.resolve(RelativePath.name(path));
            long xattrs;
            if (logMetadataChange(path, file, sourcePath, source)) {
                xattrs = matchMetadata(file, sourcePath, source);
            } else {
                log.detail("ADOPT {}: the replica already holds this content", path);
                xattrs = fidelity.xattrs() ? attributes.digest(file) : 0;
            }
            index.record(path, IndexEntry.of(source, md5, xattrs));
        }
        stats.adopted(source.size());
    }

    /**
     * Logs what a replica file's metadata lacks: a TOUCH when its mtime moves, else ATTRIBUTES naming what does.
     *
     * @return false when nothing differs
     */
    private boolean logMetadataChange(String path, Path file, Path sourcePath, FileMeta source) throws IOException {
        FileMeta there = FileMeta.of(file);
        List<String> differing = new ArrayList<>();
        if (there.permissions() != source.permissions()) {
            differing.add("mode");
        }
        if (fidelity.owners() && (there.uid() != source.uid() || there.gid() != source.gid())) {
            differing.add("owner");
        }
        if (fidelity.xattrs() && attributes.digest(file) != attributes.digest(sourcePath)) {
            differing.add("xattrs");
        }
        if (there.mtimeNanos() != source.mtimeNanos()) {
            log.action(Action.TOUCH, path);
        } else if (!differing.isEmpty()) {
            log.action(Action.ATTRIBUTES, path, "(" + String.join(", ", differing) + ")");
        }
        return there.mtimeNanos() != source.mtimeNanos() || !differing.isEmpty();
    }

    /** Owner, times, mode and extended attributes of a replica file made the source's; returns the attributes' hash. */
    private long matchMetadata(Path file, Path sourcePath, FileMeta source) throws IOException {
        long xattrs = fidelity.xattrs() ? attributes.copy(sourcePath, file) : 0;
        Metadata.apply(file, source, fidelity.owners());
        return xattrs;
    }

    @Override
    public void link(String path, Path target, FileMeta source) throws IOException {
        String folderPath = RelativePath.parent(path);
        String name = RelativePath.name(path);
        try (ReplicaFolder folder = replica.openFolder(folderPath, true)) {
            BasicFileAttributes existing = InFolder.attributes(folder.stream(), Path.of(name));
            if (existing != null && existing.isSymbolicLink()
                    && Files.readSymbolicLink(folder.resolve(name)).equals(target)) {
                if (!existing.lastModifiedTime().equals(source.mtime()) || fidelity.owners()) {
                    Metadata.apply(folder.resolve(name), source, fidelity.owners());
                }
                return;
            }
            log.action(Action.LINK, path, "-> " + LogText.escape(target.toString()));
            String temp = replica.reserveTempName(folderPath);
            KeptVersions.Prepared version = null;
            try {
                version = prepareVersion(folder, path);
                Files.createSymbolicLink(folder.resolve(temp), target);
                Metadata.apply(folder.resolve(temp), source, fidelity.owners());
                moveIntoPlace(folder, temp, path);
            } catch (IOException | RuntimeException e) {
                deleteQuietly(folder, temp);
                abandon(version);
                throw e;
            } finally {
                replica.release(temp);
            }
            placed(version);
        }
    }

    @Override
    public boolean hardLink(String first, String later, FileMeta meta, IndexEntry firstEntry) throws IOException {
        if (firstEntry == null) {
            return false; // the first name was not copied: nothing to link to
        }
        try (ReplicaFolder firstFolder = replica.openFolder(RelativePath.parent(first), false);
             ReplicaFolder laterFolder = replica.openFolder(RelativePath.parent(later), true)) {
            Path firstName = Path.of(RelativePath.name(first));
            BasicFileAttributes target = InFolder.attributes(firstFolder.stream(), firstName);
            if (target == null || !target.isRegularFile()) {
                return false;
            }
            BasicFileAttributes existing = InFolder.attributes(laterFolder.stream(),
                    Path.of(RelativePath.name(later)));
            if (existing == null || !target.fileKey().equals(existing.fileKey())) {
                log.action(Action.HARD_LINK, later, "=> " + LogText.escape(first));
                String temp = replica.reserveTempName(RelativePath.parent(later));
                KeptVersions.Prepared version = null;
                try {
                    version = prepareVersion(laterFolder, later);
                    Files.createLink(laterFolder.resolve(temp), firstFolder.resolve(firstName.toString()));
                    moveIntoPlace(laterFolder, temp, later);
                } catch (IOException | RuntimeException e) {
                    deleteQuietly(laterFolder, temp);
                    abandon(version);
                    throw e;
                } finally {
                    replica.release(temp);
                }
                placed(version);
            }
            index.record(later, IndexEntry.of(meta, firstEntry.md5(), firstEntry.xattrs()));
            return true;
        } catch (NoSuchFileException firstFolderMissing) {
            return false;
        }
    }

    @Override
    public void folder(String path, Path sourceFolder, FileMeta source) throws IOException {
        try (ReplicaFolder folder = replica.openFolder(path, true)) {
            replica.matchFolder(path, folder, source);
            if (fidelity.xattrs() && attributes.digest(folder.self()) != attributes.digest(sourceFolder)) {
                log.action(Action.ATTRIBUTES, path, "(xattrs, folder)");
                attributes.copy(sourceFolder, folder.self());
            }
        }
    }

    @Override
    public void settleFolder(String path, FileMeta source) throws IOException {
        replica.settleFolder(path, source);
    }

    @Override
    public Deleted delete(String folderPath, String name) throws IOException {
        if (transfer.isStopped()) {
            return Deleted.NOTHING; // stopping: the next run here, or another instance, prunes it
        }
        String path = RelativePath.child(folderPath, name);
        try (ReplicaFolder folder = replica.openFolder(folderPath, false)) {
            BasicFileAttributes there = InFolder.attributes(folder.stream(), Path.of(name));
            if (there == null) {
                return Deleted.NOTHING;
            }
            if (versions != null) {
                versions.keepTree(folder, name, path); // a file that cannot be kept is not deleted: this throws
            }
            long[] entries = {0};
            replica.deleteTree(folder, Path.of(name), path, () -> {
                entries[0]++;
                stats.deleted();
            });
            return new Deleted(entries[0], there.isDirectory());
        } catch (NoSuchFileException folderGone) {
            return Deleted.NOTHING;
        }
    }

    @Override
    public boolean removeEmptyFolder(String path) throws IOException {
        try (ReplicaFolder folder = replica.openFolder(RelativePath.parent(path), false)) {
            if (!replica.removeEmptyFolder(folder, path)) {
                return false;
            }
        } catch (NoSuchFileException folderGone) {
            return false;
        }
        index.forget(path);
        stats.deleted();
        return true;
    }

    /**
     * rename(2) onto the final name, replacing the file there in one step (its version, if kept, was prepared before);
     * a folder standing there (the source changed type) has its files kept and is deleted first.
     */
    private void moveIntoPlace(ReplicaFolder folder, String temp, String path) throws IOException {
        Path finalName = Path.of(RelativePath.name(path));
        try {
            folder.stream().move(Path.of(temp), folder.stream(), finalName);
        } catch (FileSystemException e) {
            BasicFileAttributes existing = InFolder.attributes(folder.stream(), finalName);
            if (existing == null || !existing.isDirectory()) {
                throw e;
            }
            if (versions != null) {
                versions.keepTree(folder, finalName.toString(), path);
            }
            replica.deleteTree(folder, finalName, path, stats::deleted);
            index.forgetTree(path);
            folder.stream().move(Path.of(temp), folder.stream(), finalName);
        }
    }

    /**
     * Keeps the version of the replica file at {@code path} before it is replaced; one that cannot be kept (a full
     * disk) holds the change back. Null when no versions are kept, or there is no file to keep.
     */
    private KeptVersions.Prepared prepareVersion(ReplicaFolder folder, String path) throws IOException {
        return versions == null ? null : versions.prepare(folder, RelativePath.name(path), path);
    }

    /** The replacement is in place: the version is logged and counted. */
    private static void placed(KeptVersions.Prepared version) {
        if (version != null) {
            version.placed();
        }
    }

    /** The replacement did not happen: REPLICA still holds the file, whose prepared version is removed. */
    private static void abandon(KeptVersions.Prepared version) {
        if (version != null) {
            version.abandon();
        }
    }

    private static void deleteQuietly(ReplicaFolder folder, String temp) {
        try {
            folder.stream().deleteFile(Path.of(temp));
        } catch (IOException ignored) {
            // never created, or already gone: nothing is left behind either way
        }
    }

    @Override
    public void expireVersions() {
        if (versions != null) {
            versions.expire(false);
        }
    }
}
