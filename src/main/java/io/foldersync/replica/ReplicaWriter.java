package io.foldersync.replica;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.EnumSet;

import io.foldersync.fs.FileKind;
import io.foldersync.fs.FileMeta;
import io.foldersync.fs.RelativePath;
import io.foldersync.index.IndexEntry;
import io.foldersync.index.Md5;
import io.foldersync.index.Md5IndexRepository;
import io.foldersync.observe.Action;
import io.foldersync.observe.ActionLog;
import io.foldersync.observe.CycleStats;
import org.apache.camel.Header;
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

    public ReplicaWriter(Path sourceRoot, ReplicaTree replica, Md5IndexRepository index, ActionLog log,
                         CycleStats stats, boolean dryRun) {
        this.sourceRoot = sourceRoot;
        this.replica = replica;
        this.index = index;
        this.log = log;
        this.stats = stats;
        this.dryRun = dryRun;
    }

    /** Mirrors the file or symlink at a relative path, whatever it became since it was listed. */
    public void write(@Header(FileConstants.FILE_RELATIVE_PATH) String path) {
        Path source = sourceRoot.resolve(path);
        try {
            FileMeta meta = FileMeta.of(source);
            if (meta.kind() == FileKind.FILE) {
                syncFile(path, source, meta);
            } else if (meta.kind() == FileKind.SYMLINK) {
                syncLink(path, source, meta);
            }
        } catch (NoSuchFileException vanished) {
            log.action(Action.VANISHED, path, "(deleted from the source before it was copied)");
        } catch (InterruptedIOException stopped) {
            log.detail("copy of {} stopped by shutdown", path);
        } catch (IOException | RuntimeException e) {
            log.error(path, "cannot sync", e);
        }
    }

    /** Makes sure the folder exists in the replica with the source's mode and mtime. */
    public void syncFolder(String path, FileMeta source) {
        try {
            if (dryRun) {
                if (!Files.isDirectory(replica.root().resolve(path), LinkOption.NOFOLLOW_LINKS)) {
                    log.action(Action.CREATE_DIR, path);
                }
                return;
            }
            replica.openFolder(path, true).close();
            Path target = replica.root().resolve(path);
            FileMeta current = FileMeta.of(target);
            if (!current.sameStat(current.size(), source.mtimeNanos(), source.permissions())) {
                Metadata.apply(target, source);
            }
        } catch (IOException | RuntimeException e) {
            log.error(path, "cannot create folder", e);
        }
    }

    /** Stops copies in progress at their next buffer, leaving no temporary file behind. */
    public void stop() {
        stopping = true;
    }

    private void syncFile(String path, Path source, FileMeta meta) throws IOException {
        IndexEntry known = index.get(path);
        if (known != null && known.matches(meta)) {
            return;
        }
        if (known != null && known.size() == meta.size() && known.mtimeNanos() == meta.mtimeNanos()) {
            touch(path, meta, known.md5());
            return;
        }
        if (known != null && (known.size() == meta.size() || known.size() == IndexEntry.UNKNOWN_SIZE)) {
            Md5 md5 = hash(source);
            if (md5.equals(known.md5())) {
                touch(path, meta, md5);
                return;
            }
        }
        copy(path, source, meta, known == null ? Action.COPY : Action.UPDATE);
    }

    /** Same content, new mtime or mode: only the metadata changes, and only if the replica still holds the file. */
    private void touch(String path, FileMeta meta, Md5 md5) throws IOException {
        Path target = replica.root().resolve(path);
        try (SecureDirectoryStream<Path> folder = replica.openFolder(RelativePath.parent(path), false)) {
            BasicFileAttributes existing = ReplicaTree.attributes(folder, Path.of(RelativePath.name(path)));
            if (existing == null || !existing.isRegularFile()) {
                copy(path, sourceRoot.resolve(path), meta, Action.COPY);
                return;
            }
        } catch (NoSuchFileException folderMissing) {
            copy(path, sourceRoot.resolve(path), meta, Action.COPY);
            return;
        }
        log.action(Action.TOUCH, path);
        if (!dryRun) {
            Metadata.apply(target, meta);
            index.record(path, IndexEntry.of(meta, md5));
        }
        stats.touched();
    }

    private void copy(String path, Path source, FileMeta meta, Action action) throws IOException {
        if (dryRun) {
            log.action(action, path, meta.size() + " bytes");
            return;
        }
        String folderPath = RelativePath.parent(path);
        String temp = replica.reserveTempName(folderPath);
        try (SecureDirectoryStream<Path> folder = replica.openFolder(folderPath, true)) {
            Md5 md5 = copyHashing(source, folder, Path.of(temp));
            FileMeta after = FileMeta.of(source);
            if (!after.sameStat(meta.size(), meta.mtimeNanos(), meta.permissions()) || after.kind() != FileKind.FILE) {
                folder.deleteFile(Path.of(temp));
                log.warn(path, "changed while being copied; the next cycle copies its final content");
                return;
            }
            Metadata.apply(replica.root().resolve(folderPath).resolve(temp), meta);
            moveIntoPlace(folder, temp, path);
            index.record(path, IndexEntry.of(meta, md5));
            log.action(action, path, meta.size() + " bytes");
            if (action == Action.COPY) {
                stats.copied(meta.size());
            } else {
                stats.updated(meta.size());
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(folderPath, temp);
            throw e;
        } finally {
            replica.release(folderPath, temp);
        }
    }

    private Md5 copyHashing(Path source, SecureDirectoryStream<Path> folder, Path temp) throws IOException {
        MessageDigest digest = Md5.newDigest();
        byte[] buffer = BUFFER.get();
        long total = 0;
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
             SeekableByteChannel out = folder.newByteChannel(temp,
                     EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                     PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer wrapped = ByteBuffer.wrap(buffer);
            int read;
            while ((read = in.read(wrapped.clear())) >= 0) {
                if (stopping) {
                    throw new InterruptedIOException("shutting down");
                }
                digest.update(buffer, 0, read);
                wrapped.flip();
                while (wrapped.hasRemaining()) {
                    out.write(wrapped);
                }
                total += read;
            }
        }
        stats.hashed(total);
        return Md5.of(digest.digest());
    }

    private Md5 hash(Path source) throws IOException {
        MessageDigest digest = Md5.newDigest();
        byte[] buffer = BUFFER.get();
        long total = 0;
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer wrapped = ByteBuffer.wrap(buffer);
            int read;
            while ((read = in.read(wrapped.clear())) >= 0) {
                digest.update(buffer, 0, read);
                total += read;
            }
        }
        stats.hashed(total);
        return Md5.of(digest.digest());
    }

    private void syncLink(String path, Path source, FileMeta meta) throws IOException {
        Path target = Files.readSymbolicLink(source);
        String folderPath = RelativePath.parent(path);
        Path replicaPath = replica.root().resolve(path);
        try (SecureDirectoryStream<Path> folder = replica.openFolder(folderPath, !dryRun)) {
            BasicFileAttributes existing = ReplicaTree.attributes(folder, Path.of(RelativePath.name(path)));
            if (existing != null && existing.isSymbolicLink() && Files.readSymbolicLink(replicaPath).equals(target)) {
                if (existing.lastModifiedTime().equals(meta.mtime()) || dryRun) {
                    return;
                }
                Metadata.apply(replicaPath, meta);
                return;
            }
            log.action(Action.LINK, path, "-> " + io.foldersync.observe.LogText.escape(target.toString()));
            if (dryRun) {
                return;
            }
            String temp = replica.reserveTempName(folderPath);
            try {
                Path tempPath = replica.root().resolve(folderPath).resolve(temp);
                Files.createSymbolicLink(tempPath, target);
                Metadata.apply(tempPath, meta);
                moveIntoPlace(folder, temp, path);
            } catch (IOException | RuntimeException e) {
                deleteQuietly(folderPath, temp);
                throw e;
            } finally {
                replica.release(folderPath, temp);
            }
        } catch (NoSuchFileException folderMissingInDryRun) {
            log.action(Action.LINK, path, "-> " + io.foldersync.observe.LogText.escape(target.toString()));
        }
    }

    /** rename(2) onto the final name; a folder standing there (the source changed type) is deleted first. */
    private void moveIntoPlace(SecureDirectoryStream<Path> folder, String temp, String path) throws IOException {
        Path finalName = Path.of(RelativePath.name(path));
        try {
            folder.move(Path.of(temp), folder, finalName);
        } catch (FileSystemException e) {
            BasicFileAttributes existing = ReplicaTree.attributes(folder, finalName);
            if (existing == null || !existing.isDirectory()) {
                throw e;
            }
            replica.deleteTree(folder, finalName, path, stats::deleted);
            index.forgetTree(path);
            folder.move(Path.of(temp), folder, finalName);
        }
    }

    private void deleteQuietly(String folderPath, String temp) {
        try (SecureDirectoryStream<Path> folder = replica.openFolder(folderPath, false)) {
            folder.deleteFile(Path.of(temp));
        } catch (IOException ignored) {
            // never created, or already gone: nothing is left behind either way
        }
    }
}
