package io.foldersync.decide;

import io.foldersync.fs.FileMeta;
import io.foldersync.index.IndexEntry;
import io.foldersync.settings.Fidelity;

/**
 * The one decision of what REPLICA needs at a path, for every kind of entry, from SOURCE's lstat, what the index says
 * of the file, and, only when the index cannot answer, REPLICA's entry. No content is read to decide. The sync route's
 * idempotent repository asks it whether a listed file needs any work; every decision applied asks it again with a
 * fresh look at SOURCE.
 */
public final class ChangePolicy {

    private final Fidelity fidelity;

    public ChangePolicy(Fidelity fidelity) {
        this.fidelity = fidelity;
    }

    /**
     * @param source  SOURCE's entry, or null when it has none
     * @param known   what the index says REPLICA holds for a file, or null
     * @param replica REPLICA's entry; {@link ReplicaState#NOT_LOOKED} where it was not looked at. A decision to copy
     *                content ({@link Change#isContent()}) made without looking is worth asking again with a look
     */
    public Change decide(FileMeta source, IndexEntry known, ReplicaState replica) {
        if (source == null) {
            return replica == ReplicaState.ABSENT ? Change.NOTHING : Change.DELETE;
        }
        return switch (source.kind()) {
            case DIRECTORY -> replica == ReplicaState.FOLDER ? Change.MATCH_FOLDER : Change.MAKE_FOLDER;
            case SYMLINK -> Change.LINK;
            case SPECIAL -> Change.SKIP;
            case FILE -> known == null ? unknownFile(replica) : knownFile(source, known, replica);
        };
    }

    /** Whether the index says REPLICA holds this file as SOURCE has it now: the idempotent repository's question. */
    public boolean isCurrent(FileMeta source, IndexEntry known) {
        return decide(source, known, ReplicaState.NOT_LOOKED) == Change.NOTHING;
    }

    /** Not in the index: a first sync, a replica made by rsync or cp -a, or a lost state folder. */
    private static Change unknownFile(ReplicaState replica) {
        return switch (replica) {
            case NOT_LOOKED, ABSENT -> Change.COPY;
            case SAME_SIZE_AND_MTIME -> Change.ADOPT;
            case OTHER_FILE, FOLDER, OTHER -> Change.UPDATE;
        };
    }

    /**
     * A file the index knows. Where its content seems to have changed, REPLICA's file of SOURCE's size and mtime may be
     * the new content already, placed by a run killed before it could record it: read on both sides, it is adopted,
     * not copied again.
     */
    private Change knownFile(FileMeta source, IndexEntry known, ReplicaState replica) {
        if (fidelity.hardLinks() && known.inode() != source.inode()) {
            return Change.UPDATE; // another file under this name (a hard link broken in SOURCE): a copy of its own
        }
        Change change = byIndex(source, known);
        return change.isContent() && replica == ReplicaState.SAME_SIZE_AND_MTIME ? Change.ADOPT : change;
    }

    /**
     * Size and mtime stand for the content only while the inode is the one recorded: another file renamed over the name
     * (how writers publish) may have both and other content, so it is read (an index of a release that recorded no
     * inode, 0, is trusted as before).
     */
    private Change byIndex(FileMeta source, IndexEntry known) {
        boolean replaced = known.inode() != 0 && known.inode() != source.inode();
        if (known.matches(source, fidelity.owners()) && !replaced) {
            return fidelity.xattrs() && known.ctimeNanos() != source.ctimeNanos() ? Change.CHECK_ATTRIBUTES
                    : Change.NOTHING;
        }
        if (known.size() != source.size()) {
            return Change.UPDATE;
        }
        return known.mtimeNanos() == source.mtimeNanos() && !replaced ? Change.TOUCH : Change.COMPARE;
    }
}
