package io.foldersync.cycle;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import io.foldersync.fs.FileKind;
import io.foldersync.fs.FileMeta;
import io.foldersync.fs.RelativePath;
import io.foldersync.index.IndexEntry;
import io.foldersync.index.Md5;
import io.foldersync.index.Md5IndexRepository;
import io.foldersync.observe.Action;
import io.foldersync.observe.ActionLog;
import io.foldersync.replica.ContentTransfer;
import io.foldersync.replica.ExtendedAttributes;
import io.foldersync.replica.ReplicaFolder;
import io.foldersync.replica.ReplicaOperations;
import io.foldersync.replica.ReplicaTree;
import io.foldersync.replica.RetryableCopyException;
import io.foldersync.settings.Fidelity;

/**
 * Brings one SOURCE entry into REPLICA: decides from the index what it needs ({@link FileDecision}) and has the
 * pair's {@link ReplicaOperations} do it. Used by the cycle for each file its walk found changed, and by the watch
 * for each changed path.
 */
public class EntryMirror {

    private final Path sourceRoot;
    private final ReplicaTree replica;
    private final ReplicaOperations operations;
    private final Md5IndexRepository index;
    private final ContentTransfer transfer;
    private final ActionLog log;
    private final Fidelity fidelity;
    private final ExtendedAttributes attributes;
    /** Striped per-path locks: the cycle and the watch never mirror the same path at the same time. */
    private final Object[] locks = new Object[256];

    public EntryMirror(Path sourceRoot, ReplicaTree replica, ReplicaOperations operations, Md5IndexRepository index,
                       ContentTransfer transfer, ActionLog log, Fidelity fidelity, ExtendedAttributes attributes) {
        this.fidelity = fidelity;
        this.attributes = attributes;
        this.sourceRoot = sourceRoot;
        this.replica = replica;
        this.operations = operations;
        this.index = index;
        this.transfer = transfer;
        this.log = log;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * Mirrors the file or symlink at a relative path, whatever it is now. Throws {@link RetryableCopyException} for
     * failures worth retrying soon; logs every other failure itself.
     */
    public void mirror(String path) throws RetryableCopyException {
        mirror(path, null);
    }

    /**
     * Mirrors a file as the walk saw it ({@code listed}, its lstat), sparing a second look; null looks again.
     *
     * @see #mirror(String)
     */
    public void mirror(String path, FileMeta listed) throws RetryableCopyException {
        if (transfer.isStopped()) {
            return; // the pair is stopping here: another instance, or the next start, mirrors it
        }
        synchronized (locks[Math.floorMod(path.hashCode(), locks.length)]) {
            Path source = sourceRoot.resolve(path);
            try {
                FileMeta meta = listed != null ? listed : FileMeta.of(source);
                if (meta.kind() == FileKind.FILE) {
                    mirrorFile(path, source, meta);
                } else if (meta.kind() == FileKind.SYMLINK) {
                    operations.link(path, Files.readSymbolicLink(source), meta);
                }
            } catch (IOException | RuntimeException e) {
                fail(path, source, e);
            }
        }
    }

    /** True when the index says REPLICA holds this file as it is now. */
    public boolean isCurrent(String path, FileMeta meta) {
        IndexEntry known = index.get(path);
        return FileDecision.of(known, meta, fidelity.owners(), fidelity.hardLinks()) == FileDecision.NOTHING;
    }

    /**
     * Makes a later name of a file with several hard links share the first name's replica file, unless it already
     * does. Without a replica file to link to, it is copied as usual.
     */
    public void hardLink(String first, String later, FileMeta meta) {
        if (transfer.isStopped()) {
            return;
        }
        synchronized (locks[Math.floorMod(later.hashCode(), locks.length)]) {
            Path source = sourceRoot.resolve(later);
            try {
                IndexEntry firstEntry = index.get(first);
                if (firstEntry == null || !operations.hardLink(first, later, meta, firstEntry)) {
                    mirrorFile(later, source, meta);
                }
            } catch (IOException | RuntimeException e) {
                try {
                    fail(later, source, e);
                } catch (RetryableCopyException retryable) {
                    log.error(later, retryable.getMessage(), retryable.getCause());
                }
            }
        }
    }

    /** Makes sure the folder exists in the replica with the source's mode and mtime. */
    public void mirrorFolder(String path, FileMeta source) {
        if (transfer.isStopped()) {
            return;
        }
        try {
            operations.folder(path, source);
        } catch (IOException | RuntimeException e) {
            log.error(path, "cannot create folder", e);
        }
    }

    /** The end of a copy's retries: it is reported, and the next cycle tries again. */
    public void giveUp(String path, Throwable cause) {
        log.error(path, "gave up for this cycle (retried next cycle)", cause);
    }

    private void mirrorFile(String path, Path source, FileMeta meta) throws IOException {
        IndexEntry known = index.get(path);
        switch (FileDecision.of(known, meta, fidelity.owners(), fidelity.hardLinks())) {
            case NOTHING -> unlessAttributesChanged(path, source, meta, known);
            case TOUCH -> touchOrCopy(path, source, meta, known.md5());
            case COMPARE -> {
                Md5 md5 = transfer.hash(path, source);
                if (md5.equals(known.md5())) {
                    touchOrCopy(path, source, meta, md5);
                } else {
                    operations.copy(path, source, meta, Action.UPDATE);
                }
            }
            case ADOPT_OR_COPY -> adoptOrCopy(path, source, meta);
            case UPDATE -> operations.copy(path, source, meta, Action.UPDATE);
        }
    }

    /**
     * Stat says nothing changed. With extended attributes mirrored, a new ctime may mean they did: they are read, and
     * a change is mirrored as a touch; otherwise the index notes the ctime, so they are not read again.
     */
    private void unlessAttributesChanged(String path, Path source, FileMeta meta, IndexEntry known)
            throws IOException {
        if (!fidelity.xattrs() || known.ctimeNanos() == meta.ctimeNanos()) {
            log.detail("{} was brought meanwhile", path);
        } else if (attributes.digest(source) != known.xattrs()) {
            touchOrCopy(path, source, meta, known.md5());
        } else {
            index.record(path, known.seenAt(meta));
        }
    }

    /** Same content, new mtime or mode: only the metadata changes, if the replica still holds the file. */
    private void touchOrCopy(String path, Path source, FileMeta meta, Md5 md5) throws IOException {
        if (!operations.touch(path, source, meta, md5)) {
            operations.copy(path, source, meta, Action.COPY);
        }
    }

    /**
     * A file the index does not know (a first run over a replica made by rsync, a lost state folder): a replica copy
     * with the same size and mtime is adopted, without a write, once both sides are read and their MD5s agree; any
     * other entry standing there is replaced.
     */
    private void adoptOrCopy(String path, Path source, FileMeta meta) throws IOException {
        if (replica.madeThisCycle(RelativePath.parent(path))) {
            operations.copy(path, source, meta, Action.COPY); // a first sync's usual case: no look needed
            return;
        }
        BasicFileAttributes existing;
        try (ReplicaFolder folder = replica.openFolder(RelativePath.parent(path), false)) {
            Path name = Path.of(RelativePath.name(path));
            // java.io asks without an exception for the usual answer, "nothing there" (a first sync): NIO's lstat
            // would throw one per file
            existing = folder.resolve(name).toFile().exists() ? ReplicaTree.attributes(folder.stream(), name) : null;
            if (existing != null && existing.isRegularFile() && existing.size() == meta.size()
                    && FileMeta.nanos(existing.lastModifiedTime()) == meta.mtimeNanos()) {
                Md5 md5 = transfer.hash(path, source);
                if (md5.equals(transfer.hash(folder, name))) {
                    operations.adopt(path, source, meta, md5);
                } else {
                    operations.copy(path, source, meta, Action.UPDATE);
                }
                return;
            }
        } catch (FileSystemException noFolderThere) {
            existing = null; // missing, or a file or link where SOURCE has a folder: the copy replaces it
        }
        operations.copy(path, source, meta, existing == null ? Action.COPY : Action.UPDATE);
    }

    private void fail(String path, Path source, Exception e) throws RetryableCopyException {
        if (e instanceof RetryableCopyException retryable) {
            throw retryable;
        }
        if (e instanceof InterruptedIOException) {
            log.detail("copy of {} stopped by shutdown", path);
        } else if (e instanceof NoSuchFileException missing) {
            if (Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                throw new RetryableCopyException(path, "a replica folder vanished during the copy", missing);
            }
            log.action(Action.VANISHED, path, "(deleted from the source before it was copied)");
        } else if (e instanceof AccessDeniedException || e instanceof NotDirectoryException
                || e instanceof FileSystemLoopException
                || (e instanceof FileSystemException other && isPermanent(other))) {
            log.error(path, "cannot sync", e);
        } else {
            throw new RetryableCopyException(path, "cannot sync", e);
        }
    }

    private static boolean isPermanent(FileSystemException e) {
        String reason = String.valueOf(e.getReason());
        return reason.contains("File name too long") || reason.contains("Read-only file system")
                || reason.contains("Operation not permitted");
    }
}
