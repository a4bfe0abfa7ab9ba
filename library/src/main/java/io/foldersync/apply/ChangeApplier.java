package io.foldersync.apply;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.attribute.PosixFileAttributeView;

import io.foldersync.decide.Change;
import io.foldersync.decide.ChangePolicy;
import io.foldersync.decide.Decision;
import io.foldersync.decide.Decision.Origin;
import io.foldersync.decide.ReplicaState;
import io.foldersync.fs.FileKind;
import io.foldersync.fs.FileMeta;
import io.foldersync.fs.IoFailure;
import io.foldersync.fs.PathFilter;
import io.foldersync.fs.RelativePath;
import io.foldersync.index.IndexEntry;
import io.foldersync.index.Md5;
import io.foldersync.index.Md5Index;
import io.foldersync.observe.Action;
import io.foldersync.observe.ActionLog;
import io.foldersync.replica.ContentTransfer;
import io.foldersync.replica.ExtendedAttributes;
import io.foldersync.replica.ReplicaFolder;
import io.foldersync.replica.ReplicaOperations;
import io.foldersync.replica.ReplicaTree;
import io.foldersync.replica.RetryableChangeException;
import io.foldersync.settings.Fidelity;

/**
 * Applies one decision to REPLICA, the only thing that changes it: looks at SOURCE as it is now (one lstat; for a file
 * the walk listed, the lstat made once it is opened), asks the {@link ChangePolicy} what REPLICA needs, and has the
 * pair's {@link ReplicaOperations} do it. Deletions go through {@link Deletions}, which trusts SOURCE first; a folder
 * an event named is synced with all it holds. Changes from events end by giving the folder they happened in SOURCE's
 * metadata; the cycle's own folder decisions do that after their content.
 * <p>
 * A change that SOURCE outran (the entry vanished, or changed type, or its folder became a file) is churn: a VANISHED
 * line, and the events that follow mirror what is there now. What an operator must act on is an ERROR; the rest is
 * thrown as {@link RetryableChangeException}, for the apply route to redeliver.
 */
public class ChangeApplier {

    private final Path sourceRoot;
    private final ReplicaTree replica;
    private final ReplicaOperations operations;
    private final Md5Index index;
    private final ChangePolicy policy;
    private final ContentTransfer transfer;
    private final ExtendedAttributes attributes;
    private final Fidelity fidelity;
    private final PathFilter filter;
    private final Deletions deletions;
    private final HardLinks hardLinks;
    private final ActionLog log;
    /** REPLICA's versions folder, relative to it, which an entry of SOURCE of that path must never reach; or null. */
    private final String versionsInside;
    private final ComparedDigests compared = new ComparedDigests();

    public ChangeApplier(Path sourceRoot, ReplicaTree replica, ReplicaOperations operations, Md5Index index,
                         ChangePolicy policy, ContentTransfer transfer, ExtendedAttributes attributes,
                         Fidelity fidelity, PathFilter filter, Deletions deletions, HardLinks hardLinks,
                         ActionLog log, String versionsInside) {
        this.sourceRoot = sourceRoot;
        this.replica = replica;
        this.operations = operations;
        this.index = index;
        this.policy = policy;
        this.transfer = transfer;
        this.attributes = attributes;
        this.fidelity = fidelity;
        this.filter = filter;
        this.deletions = deletions;
        this.hardLinks = hardLinks;
        this.log = log;
        this.versionsInside = versionsInside;
    }

    /** Applies a decision; throws {@link RetryableChangeException} for a failure worth another try soon. */
    public void apply(Decision decision) throws RetryableChangeException {
        if (transfer.isStopped()) {
            return; // the pair stops running here: the next start, here or elsewhere, sees to it
        }
        if (decision.isHardLinkGroup()) {
            try {
                hardLinks.apply(decision, this);
            } catch (IOException | RuntimeException e) {
                fail(decision.path(), e, null);
            }
            return;
        }
        String path = decision.path();
        if (decision.forget()) {
            index.forget(path); // its content is read again on both sides, and all below a folder's
            if (Files.isDirectory(sourceRoot.resolve(path), LinkOption.NOFOLLOW_LINKS)) {
                index.forgetTree(path);
            }
        }
        sync(decision, path, decision.listed());
    }

    /**
     * The end of a change's redeliveries: reported, and the next cycle tries again. A failure of ours says what could
     * not be done (its message) and why (the system's exception it wraps).
     */
    public void giveUp(String path, Throwable cause) {
        if (cause instanceof RetryableChangeException retryable) {
            log.error(path, "gave up for this cycle (retried next cycle): " + retryable.getMessage(),
                    retryable.getCause());
        } else {
            log.error(path, "gave up for this cycle (retried next cycle)", cause);
        }
    }

    /**
     * Brings one path in line with SOURCE; failures are sorted into churn, errors and retries here.
     *
     * @param asked  the decision that asks for it: the path's own, or that of a folder or file group it belongs to
     * @param listed the walk's lstat of a file, which the copy checks against the file it opens; null to look now
     */
    void sync(Decision asked, String path, FileMeta listed) throws RetryableChangeException {
        if (isVersionsFolder(path)) {
            log.errorOnce(versionsInside, "SOURCE has an entry where REPLICA keeps its versions (sync.versions-dir): "
                    + "neither is changed; rename one of them");
            return;
        }
        if (isBelowExcludedFolder(path)) {
            return;
        }
        FileMeta source = null;
        try {
            source = isCopyFromListing(path, listed) ? listed : lookAtSource(path);
            syncPath(asked, path, source);
        } catch (IOException | RuntimeException e) {
            fail(path, e, source);
        }
    }

    /**
     * Whether the walk's listing may stand for SOURCE: only for a file whose content is to be copied, as the copy
     * checks the file it opens against it. Anything else is looked at again.
     */
    private boolean isCopyFromListing(String path, FileMeta listed) {
        return listed != null && listed.kind() == FileKind.FILE
                && policy.decide(listed, index.get(path), ReplicaState.NOT_LOOKED).isContent();
    }

    private void syncPath(Decision asked, String path, FileMeta source) throws IOException {
        if (source == null) {
            deletions.delete(asked, path);
            settleFolderOf(asked.origin(), path);
        } else if (filter.excludes(path, source.isDirectory())) {
            deletions.deleteExcluded(asked, path);
        } else if (asked.origin() != Origin.CYCLE && hardLinks.isOneOfSeveralNames(source)) {
            hardLinks.submitGroupOf(asked, path, source); // its names change together, in a turn of their own
        } else {
            syncName(asked, path, source);
        }
        if (asked.origin() == Origin.EVENT) {
            deletions.afterEvent();
        }
    }

    /** SOURCE has an entry at the path: REPLICA gets what the policy says it needs. */
    void syncName(Decision asked, String path, FileMeta source) throws IOException {
        IndexEntry known = index.get(path);
        Change change = policy.decide(source, known, ReplicaState.NOT_LOOKED);
        if (change.isContent() && !(asked.origin() == Origin.CYCLE
                && replica.madeThisCycle(RelativePath.parent(path)))) {
            change = policy.decide(source, known, lookAtReplica(path, source)); // what stands there may spare a write
        }
        applyChange(change, asked, path, source, known);
        settleFolderOf(asked.origin(), path);
    }

    private void applyChange(Change change, Decision asked, String path, FileMeta source, IndexEntry known)
            throws IOException {
        Path sourcePath = sourceRoot.resolve(path);
        switch (change) {
            case NOTHING -> log.detail("{} is as SOURCE has it", path);
            case COPY -> operations.copy(path, sourcePath, source, Action.COPY);
            case UPDATE -> operations.copy(path, sourcePath, source, Action.UPDATE);
            case ADOPT -> adoptOrUpdate(path, sourcePath, source);
            case COMPARE -> {
                Md5 md5 = compared.take(path, source);
                if (md5 == null) {
                    md5 = transfer.hash(path, sourcePath, source);
                }
                if (md5.equals(known.md5())) {
                    touchOrCopy(path, sourcePath, source, md5);
                } else {
                    updateAfterComparing(path, sourcePath, source, md5);
                }
            }
            case TOUCH -> touchOrCopy(path, sourcePath, source, known.md5());
            case CHECK_ATTRIBUTES -> {
                if (attributes.digest(sourcePath) != known.xattrs()) {
                    touchOrCopy(path, sourcePath, source, known.md5());
                } else {
                    index.record(path, known.seenAt(source)); // not read again until the ctime moves
                }
            }
            case LINK -> operations.link(path, Files.readSymbolicLink(sourcePath), source);
            case MAKE_FOLDER, MATCH_FOLDER -> mirrorFolder(asked, path, source);
            case SKIP -> log.skipped(path, source.mtimeNanos());
            case DELETE -> throw new IllegalStateException("SOURCE has " + path);
        }
    }

    /**
     * A folder decision. The cycle's come after the folder's content; one from an event syncs the content in its own
     * turn, which covers all of it: files made in a new folder before the watch saw into it, a folder moved in whole.
     * The folder's metadata is set once its content is done. With includes, only a folder that holds something is
     * mirrored: the copies inside make it, and it goes once empty.
     */
    private void mirrorFolder(Decision asked, String path, FileMeta source) throws IOException {
        Origin origin = asked.origin();
        boolean madeByItsContent = filter.hasIncludes() && !path.isEmpty(); // rsync's --prune-empty-dirs
        if (!madeByItsContent) {
            operations.folder(path, sourceRoot.resolve(path), source);
        }
        FileMeta now = source;
        if (origin != Origin.CYCLE) {
            syncFolderContent(asked, path);
            now = lookAtSource(path);
            if (now == null || !now.isDirectory()) {
                return; // its own event follows
            }
        }
        if (madeByItsContent && !replica.holdsSomethingIn(path)) {
            if (operations.removeEmptyFolder(path)) {
                deletions.askForFolderOf(asked, path);
            }
        } else if (madeByItsContent || origin != Origin.CYCLE) {
            operations.folder(path, sourceRoot.resolve(path), now); // its metadata, now that its content is done
        }
    }

    /**
     * Everything below a folder an event named, and what REPLICA holds there that SOURCE does not.
     */
    private void syncFolderContent(Decision asked, String folder) throws IOException {
        java.util.Set<String> names = new java.util.HashSet<>();
        try (java.nio.file.DirectoryStream<Path> entries = Files.newDirectoryStream(sourceRoot.resolve(folder))) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                names.add(name);
                if (!RelativePath.isAddressable(entry.getFileName())) {
                    continue; // the cycle reports it
                }
                sync(asked, RelativePath.child(folder, name), null);
            }
        } catch (NoSuchFileException | NotDirectoryException gone) {
            return; // its own event follows
        }
        for (String name : deletions.namesInReplicaOnly(folder, names)) {
            deletions.delete(asked, RelativePath.child(folder, name));
        }
    }

    /**
     * A change from an event, a repair or the prune pass ends by giving its folder SOURCE's metadata, which the change
     * moved on both sides; the cycle's folder decisions, which come after their content, do it for the cycle.
     */
    private void settleFolderOf(Origin origin, String path) throws IOException {
        if (origin == Origin.CYCLE || path.isEmpty()) {
            return;
        }
        String folder = RelativePath.parent(path);
        FileMeta meta = lookAtSource(folder);
        if (meta != null && meta.isDirectory()) {
            operations.settleFolder(folder, meta);
        }
    }

    /** REPLICA's entry at a path, judged against SOURCE's; a folder made this cycle holds only what we put there. */
    private ReplicaState lookAtReplica(String path, FileMeta source) throws IOException {
        String folderPath = RelativePath.parent(path);
        if (!folderPath.isEmpty() && !replica.root().resolve(folderPath).toFile().isDirectory()) {
            return ReplicaState.ABSENT; // no folder there: java.io says so without the exceptions a failed open makes
        }
        try (ReplicaFolder folder = replica.openFolder(folderPath, false)) {
            Path name = Path.of(RelativePath.name(path));
            // java.io asks without an exception for the usual answer, "nothing there": NIO's lstat would throw one
            if (!folder.resolve(name).toFile().exists() && !Files.isSymbolicLink(folder.resolve(name))) {
                return ReplicaState.ABSENT;
            }
            return ReplicaState.of(FileMeta.of(folder.stream().getFileAttributeView(name,
                    PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes()), source);
        } catch (FileSystemException noFolderThere) {
            return ReplicaState.ABSENT; // missing, or a file or link where SOURCE has a folder: the copy replaces it
        }
    }

    /**
     * A replica file of SOURCE's size and mtime that the index does not say was written from this content: adopted
     * (no write) if both sides' MD5s agree.
     */
    private void adoptOrUpdate(String path, Path sourcePath, FileMeta source) throws IOException {
        Md5 md5 = transfer.hash(path, sourcePath, source);
        Md5 there;
        try (ReplicaFolder folder = replica.openFolder(RelativePath.parent(path), false)) {
            there = transfer.hash(folder, Path.of(RelativePath.name(path)));
        }
        if (md5.equals(there)) {
            operations.adopt(path, sourcePath, source, md5);
        } else {
            operations.copy(path, sourcePath, source, Action.UPDATE);
        }
    }

    /** An update found needed by reading the file: if it fails, its retry need not read the file again to know. */
    private void updateAfterComparing(String path, Path sourcePath, FileMeta source, Md5 md5) throws IOException {
        try {
            operations.copy(path, sourcePath, source, Action.UPDATE);
        } catch (IOException | RuntimeException e) {
            compared.remember(path, source, md5);
            throw e;
        }
    }

    /** Same content, new mtime or mode: only the metadata changes, if the replica still holds the file. */
    private void touchOrCopy(String path, Path sourcePath, FileMeta source, Md5 md5) throws IOException {
        if (!operations.touch(path, sourcePath, source, md5)) {
            operations.copy(path, sourcePath, source, Action.COPY);
        }
    }

    /** SOURCE's entry at a path, or null when it has none (or a folder on the way is not a folder any more). */
    FileMeta lookAtSource(String path) throws IOException {
        try {
            return FileMeta.of(sourceRoot.resolve(path));
        } catch (IOException e) {
            if (IoFailure.of(e) == IoFailure.MISSING) {
                return null;
            }
            throw e;
        }
    }

    private boolean lookedGone(String path) {
        try {
            return lookAtSource(path) == null;
        } catch (IOException unreadable) {
            return false;
        }
    }

    private boolean isVersionsFolder(String path) {
        return versionsInside != null && (path.equals(versionsInside) || path.startsWith(versionsInside + "/"));
    }

    private boolean isBelowExcludedFolder(String path) {
        for (String folder = RelativePath.parent(path); !folder.isEmpty(); folder = RelativePath.parent(folder)) {
            if (filter.excludesFolder(folder)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sorts a failure: churn (SOURCE moved on under the change) is a VANISHED line, a stop is nothing, what an operator
     * must act on is an ERROR, and the rest is thrown for the route to redeliver.
     */
    private void fail(String path, Exception e, FileMeta basis) throws RetryableChangeException {
        IoFailure failure = e instanceof IOException io ? IoFailure.of(io) : IoFailure.IO;
        if (failure == IoFailure.STOPPED || transfer.isStopped()) {
            log.detail("change of {} stopped by shutdown", path);
        } else if (sourceMovedOn(path, basis)) {
            log.action(Action.VANISHED, path, lookedGone(path) ? "(gone from SOURCE before it was mirrored)"
                    : "(changed in SOURCE while it was mirrored; what follows brings it)");
        } else if (e instanceof RetryableChangeException retryable) {
            throw retryable;
        } else if (failure.needsAnOperator() || e instanceof RuntimeException) {
            log.error(path, "cannot sync", e);
        } else {
            throw new RetryableChangeException(path, "cannot sync", e);
        }
    }

    /**
     * Whether SOURCE changed at a path so that the change could not be made: the entry, or a folder on its way, is
     * gone or no longer a folder, or the entry is of another kind than the change began with. An event follows each
     * such change, and the next cycle sees it too.
     */
    private boolean sourceMovedOn(String path, FileMeta basis) {
        try {
            FileMeta now = lookAtSource(path);
            return now == null || (basis != null && now.kind() != basis.kind());
        } catch (IOException unreadable) {
            return false;
        }
    }
}
