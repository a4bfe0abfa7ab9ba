package io.foldersync.replica;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.Set;

import io.foldersync.fs.FileKind;
import io.foldersync.fs.FileMeta;
import io.foldersync.fs.RelativePath;
import io.foldersync.index.IndexEntry;
import io.foldersync.index.Md5;
import io.foldersync.index.Md5IndexRepository;
import io.foldersync.observe.Action;
import io.foldersync.observe.ActionLog;
import io.foldersync.observe.CycleStats;
import io.foldersync.observe.LogText;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.FileConstants;

/**
 * Brings one source entry into the replica. A file's content is hashed while it is copied into a temporary file in the
 * destination folder, which gets the source's mtime and mode and is then renamed onto its final path, so a reader never
 * sees a half-written file. The index decides what is needed: nothing, metadata only, or a copy.
 */
public class ReplicaWriter {

    private static final int BUFFER_BYTES = 1 << 20;
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[BUFFER_BYTES]);

    private final Path sourceRoot;
    private final ReplicaTree replica;
    private final Md5IndexRepository index;
    private final ActionLog log;
    private final CycleStats stats;
    private final boolean dryRun;
    private volatile boolean stopping;
    /** Striped per-path locks: the sync and watch routes never write the same replica path at the same time. */
    private final Object[] locks = new Object[256];

    public ReplicaWriter(Path sourceRoot, ReplicaTree replica, Md5IndexRepository index, ActionLog log,
                         CycleStats stats, boolean dryRun) {
        this.sourceRoot = sourceRoot;
        this.replica = replica;
        this.index = index;
        this.log = log;
        this.stats = stats;
        this.dryRun = dryRun;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * Mirrors the file or symlink at a relative path, whatever it became since it was listed. Throws
     * {@link RetryableCopyException} for failures worth retrying soon; logs every other failure itself.
     */
    public void write(String path) throws RetryableCopyException {
        Object lock = locks[Math.floorMod(path.hashCode(), locks.length)];
        synchronized (lock) {
            writeLocked(path);
        }
    }

    private void writeLocked(String path) throws RetryableCopyException {
        Path source = sourceRoot.resolve(path);
        try {
            FileMeta meta = FileMeta.of(source);
            if (meta.kind() == FileKind.FILE) {
                syncFile(path, source, meta);
            } else if (meta.kind() == FileKind.SYMLINK) {
                syncLink(path, source, meta);
            }
        } catch (InterruptedIOException stopped) {
            log.detail("copy of {} stopped by shutdown", path);
        } catch (NoSuchFileException missing) {
            if (Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                throw new RetryableCopyException(path, "a replica folder vanished during the copy", missing);
            }
            log.action(Action.VANISHED, path, "(deleted from the source before it was copied)");
        } catch (AccessDeniedException | NotDirectoryException | FileSystemLoopException permanent) {
            log.error(path, "cannot sync", permanent);
        } catch (FileSystemException e) {
            if (isPermanent(e)) {
                log.error(path, "cannot sync", e);
            } else {
                throw new RetryableCopyException(path, "cannot sync", e);
            }
        } catch (RetryableCopyException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new RetryableCopyException(path, "cannot sync", e);
        }
    }

    /** Called by the sync route when the retries of a {@link RetryableCopyException} are used up. */
    public void giveUp(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String path = cause instanceof RetryableCopyException retryable ? retryable.path()
                : exchange.getMessage().getHeader(FileConstants.FILE_RELATIVE_PATH, String.class);
        log.error(path, "gave up for this cycle (retried next cycle)",
                cause != null && cause.getCause() != null ? cause.getCause() : cause);
    }

    /** Makes sure the folder exists in the replica with the source's mode and mtime. */
    public void syncFolder(String path, FileMeta source) {
        if (dryRun) {
            if (!Files.isDirectory(replica.root().resolve(path), LinkOption.NOFOLLOW_LINKS)) {
                log.action(Action.CREATE_DIR, path);
            }
            return;
        }
        try (ReplicaFolder folder = replica.openFolder(path, true)) {
            ReplicaTree.matchFolder(folder, source);
        } catch (IOException | RuntimeException e) {
            log.error(path, "cannot create folder", e);
        }
    }

    /** Stops copies in progress at their next buffer, leaving no temporary file behind. */
    public void stop() {
        stopping = true;
    }

    private static boolean isPermanent(FileSystemException e) {
        String reason = String.valueOf(e.getReason());
        return reason.contains("File name too long") || reason.contains("Read-only file system")
                || reason.contains("Operation not permitted");
    }

    private void syncFile(String path, Path source, FileMeta meta) throws IOException {
        IndexEntry known = index.get(path);
        if (known != null && known.matches(meta)) {
            return; // another route brought it meanwhile
        }
        if (known != null && known.size() == meta.size() && known.mtimeNanos() == meta.mtimeNanos()) {
            touch(path, source, meta, known.md5());
            return;
        }
        if (known != null && (known.size() == meta.size() || known.size() == IndexEntry.UNKNOWN_SIZE)) {
            Md5 md5 = hash(path, source);
            if (md5.equals(known.md5())) {
                touch(path, source, meta, md5);
                return;
            }
            copy(path, source, meta, Action.UPDATE);
            return;
        }
        if (known == null) {
            adoptOrCopy(path, source, meta);
            return;
        }
        copy(path, source, meta, Action.UPDATE);
    }

    /**
     * A file the index does not know (a first run over a replica made by rsync, a lost state folder): a replica copy
     * with the same size and mtime is adopted, without a write, once both sides are read and their MD5s agree; any
     * other entry standing there is replaced.
     */
    private void adoptOrCopy(String path, Path source, FileMeta meta) throws IOException {
        BasicFileAttributes existing;
        try (ReplicaFolder folder = replica.openFolder(RelativePath.parent(path), false)) {
            Path name = Path.of(RelativePath.name(path));
            // java.io asks without an exception for the usual answer, "nothing there" (a first sync): NIO's lstat
            // would throw one per file
            existing = folder.resolve(name).toFile().exists() ? ReplicaTree.attributes(folder.stream(), name) : null;
            if (existing != null && existing.isRegularFile() && existing.size() == meta.size()
                    && FileMeta.nanos(existing.lastModifiedTime()) == meta.mtimeNanos()) {
                Md5 md5 = hash(path, source);
                if (md5.equals(hashReplica(folder, name))) {
                    adopt(path, folder, meta, md5);
                    return;
                }
                copy(path, source, meta, Action.UPDATE);
                return;
            }
        } catch (FileSystemException noFolderThere) {
            existing = null; // missing, or a file or link where SOURCE has a folder: the copy replaces it
        }
        copy(path, source, meta, existing == null ? Action.COPY : Action.UPDATE);
    }

    private void adopt(String path, ReplicaFolder folder, FileMeta meta, Md5 md5) throws IOException {
        String name = RelativePath.name(path);
        if (FileMeta.of(folder.resolve(name)).permissions() != meta.permissions()) {
            log.action(Action.TOUCH, path);
            if (!dryRun) {
                Metadata.apply(folder.resolve(name), meta);
            }
        } else {
            log.detail("ADOPT {}: the replica already holds this content", path);
        }
        if (!dryRun) {
            index.record(path, IndexEntry.of(meta, md5));
        }
        stats.adopted(meta.size());
    }

    /** Reads a replica file through its opened folder, never through a link. */
    private Md5 hashReplica(ReplicaFolder folder, Path name) throws IOException {
        try (SeekableByteChannel in = folder.stream().newByteChannel(name,
                Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            return digest(in, null);
        }
    }

    /** Same content, new mtime or mode: only the metadata changes, and only if the replica still holds the file. */
    private void touch(String path, Path source, FileMeta meta, Md5 md5) throws IOException {
        try (ReplicaFolder folder = replica.openFolder(RelativePath.parent(path), false)) {
            String name = RelativePath.name(path);
            BasicFileAttributes existing = ReplicaTree.attributes(folder.stream(), Path.of(name));
            if (existing != null && existing.isRegularFile()) {
                log.action(Action.TOUCH, path);
                if (!dryRun) {
                    Metadata.apply(folder.resolve(name), meta);
                    index.record(path, IndexEntry.of(meta, md5));
                }
                stats.touched(meta.size());
                return;
            }
        } catch (NoSuchFileException folderMissing) {
            // copied below, folder and all
        }
        copy(path, source, meta, Action.COPY);
    }

    /**
     * Copies into a temporary file, hashing as it goes, and renames it into place. A file changed in place while it is
     * read is not placed (retried); one replaced by rename (how writers publish) was read whole through its descriptor,
     * so that version is placed, and the replacement's own event brings the newer one.
     */
    private void copy(String path, Path source, FileMeta meta, Action action) throws IOException {
        if (dryRun) {
            log.transferred(action, path, meta.size(), null, 0);
            return;
        }
        long started = System.nanoTime();
        Copied copied;
        try {
            copied = copyOnce(path, source, meta);
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

    /** @param before the path's lstat taken just before: the file to be opened, unless it is replaced meanwhile */
    private Copied copyOnce(String path, Path source, FileMeta before) throws IOException {
        String folderPath = RelativePath.parent(path);
        String temp = replica.reserveTempName(folderPath);
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
             ReplicaFolder folder = replica.openFolder(folderPath, true)) {
            try {
                FileMeta opened = openedFile(path, source, before);
                Md5 md5 = copyInto(path, folder, in, temp);
                FileMeta now = FileMeta.of(source);
                if (now.inode() == opened.inode() && !now.sameStat(opened.size(), opened.mtimeNanos(),
                        opened.permissions())) {
                    throw new RetryableCopyException(path, "changed while being copied", null);
                }
                // by path: Java sets times through a folder handle with futimes(2), which drops the nanoseconds
                Metadata.applyFollowing(folder.resolve(temp), opened);
                moveIntoPlace(folder, temp, path);
                index.record(path, IndexEntry.of(opened, md5));
                return new Copied(md5, opened);
            } catch (IOException | RuntimeException e) {
                deleteQuietly(folder, temp);
                throw e;
            }
        } finally {
            replica.release(folderPath, temp);
        }
    }

    /**
     * The file just opened, as it was then. Java cannot stat a descriptor, so the path is looked at just before and
     * just after the open: the same inode both times is the one opened. A file replaced in between is retried.
     */
    private static FileMeta openedFile(String path, Path source, FileMeta before) throws IOException {
        FileMeta after = FileMeta.of(source);
        if (after.kind() != FileKind.FILE || after.inode() != before.inode()) {
            throw new RetryableCopyException(path, "replaced while being opened", null);
        }
        return after;
    }

    /** A read-only replica folder (a copy of a read-only source folder) is made writable for its owner first. */
    private Md5 copyInto(String path, ReplicaFolder folder, FileChannel in, String temp) throws IOException {
        try {
            return copyInto(path, in, folder.stream(), Path.of(temp));
        } catch (AccessDeniedException denied) {
            ReplicaTree.grantWrite(folder);
            return copyInto(path, in, folder.stream(), Path.of(temp));
        }
    }

    private Md5 copyInto(String path, FileChannel in, SecureDirectoryStream<Path> folder, Path temp)
            throws IOException {
        try (SeekableByteChannel out = folder.newByteChannel(temp,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            return hashWhole(path, in, out);
        }
    }

    /** Reads a source file once and hashes it. */
    private Md5 hash(String path, Path source) throws IOException {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return hashWhole(path, in, null);
        }
    }

    /**
     * Hashes an opened file to its end, writing it to {@code out} as it goes when given. The file must end where the
     * reading did: one that grew or shrank meanwhile was not read as one version.
     */
    private Md5 hashWhole(String path, FileChannel in, WritableByteChannel out) throws IOException {
        Md5 md5 = digest(in, out);
        if (in.position() != in.size()) {
            throw new RetryableCopyException(path, "changed while being copied", null);
        }
        return md5;
    }

    private Md5 digest(ReadableByteChannel in, WritableByteChannel out) throws IOException {
        MessageDigest digest = Md5.newDigest();
        byte[] buffer = BUFFER.get();
        ByteBuffer wrapped = ByteBuffer.wrap(buffer);
        long total = 0;
        int read;
        while ((read = in.read(wrapped.clear())) >= 0) {
            if (stopping) {
                throw new InterruptedIOException("shutting down");
            }
            digest.update(buffer, 0, read);
            if (out != null) {
                wrapped.flip();
                while (wrapped.hasRemaining()) {
                    out.write(wrapped);
                }
            }
            total += read;
        }
        stats.hashed(total);
        return Md5.of(digest.digest());
    }

    private void syncLink(String path, Path source, FileMeta meta) throws IOException {
        Path target = Files.readSymbolicLink(source);
        String folderPath = RelativePath.parent(path);
        String name = RelativePath.name(path);
        String arrow = "-> " + LogText.escape(target.toString());
        try (ReplicaFolder folder = replica.openFolder(folderPath, !dryRun)) {
            BasicFileAttributes existing = ReplicaTree.attributes(folder.stream(), Path.of(name));
            if (existing != null && existing.isSymbolicLink()
                    && Files.readSymbolicLink(folder.resolve(name)).equals(target)) {
                if (!dryRun && !existing.lastModifiedTime().equals(meta.mtime())) {
                    Metadata.apply(folder.resolve(name), meta);
                }
                return;
            }
            log.action(Action.LINK, path, arrow);
            if (dryRun) {
                return;
            }
            String temp = replica.reserveTempName(folderPath);
            try {
                Files.createSymbolicLink(folder.resolve(temp), target);
                Metadata.apply(folder.resolve(temp), meta);
                moveIntoPlace(folder, temp, path);
            } catch (IOException | RuntimeException e) {
                deleteQuietly(folder, temp);
                throw e;
            } finally {
                replica.release(folderPath, temp);
            }
        } catch (NoSuchFileException | NotDirectoryException folderMissing) {
            if (!dryRun) {
                throw folderMissing;
            }
            log.action(Action.LINK, path, arrow); // in a folder a real run would make
        }
    }

    /** rename(2) onto the final name; a folder standing there (the source changed type) is deleted first. */
    private void moveIntoPlace(ReplicaFolder folder, String temp, String path) throws IOException {
        Path finalName = Path.of(RelativePath.name(path));
        try {
            folder.stream().move(Path.of(temp), folder.stream(), finalName);
        } catch (FileSystemException e) {
            BasicFileAttributes existing = ReplicaTree.attributes(folder.stream(), finalName);
            if (existing == null || !existing.isDirectory()) {
                throw e;
            }
            replica.deleteTree(folder, finalName, path, stats::deleted);
            index.forgetTree(path);
            folder.stream().move(Path.of(temp), folder.stream(), finalName);
        }
    }

    private static void deleteQuietly(ReplicaFolder folder, String temp) {
        try {
            folder.stream().deleteFile(Path.of(temp));
        } catch (IOException ignored) {
            // never created, or already gone: nothing is left behind either way
        }
    }
}
