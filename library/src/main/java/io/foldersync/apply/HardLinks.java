package io.foldersync.apply;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.foldersync.decide.ChangePolicy;
import io.foldersync.decide.Decision;
import io.foldersync.fs.FileKind;
import io.foldersync.fs.FileMeta;
import io.foldersync.index.IndexEntry;
import io.foldersync.index.Md5Index;
import io.foldersync.replica.ReplicaOperations;
import io.foldersync.settings.Fidelity;

/**
 * The names of one SOURCE file with several hard links, mirrored together as rsync -H does: one copy (of a name REPLICA
 * already holds as it is, if any) and every other name a link to it. The cycle's walk finds every name; an event finds
 * the others through the index, which keeps each file's inode. A name that is no longer that file is mirrored on its own.
 */
public class HardLinks {

    private final Fidelity fidelity;
    private final Md5Index index;
    private final ChangePolicy policy;
    private final ReplicaOperations operations;
    private volatile Consumer<Decision> askThrough = decision -> { };

    public HardLinks(Fidelity fidelity, Md5Index index, ChangePolicy policy, ReplicaOperations operations) {
        this.fidelity = fidelity;
        this.index = index;
        this.policy = policy;
        this.operations = operations;
    }

    /** Where a group found by an event is asked for: the apply route, for a turn that covers every name. */
    public void askThrough(Consumer<Decision> route) {
        this.askThrough = route;
    }

    boolean isOneOfSeveralNames(FileMeta source) {
        return fidelity.hardLinks() && source.kind() == FileKind.FILE && source.links() > 1;
    }

    /** An event on one name: it and the names the index knows for its inode go together, in a turn of their own. */
    void submitGroupOf(Decision asked, String path, FileMeta source) {
        List<String> names = withKnownNames(List.of(path), source.inode());
        askThrough.accept(Decision.hardLinks(asked.origin(), asked.watch(), names, source.fileKey()));
    }

    /** The names given, and those the index knows for the inode: a name recorded since the group was asked for. */
    private List<String> withKnownNames(List<String> names, long inode) {
        List<String> all = new ArrayList<>(names);
        for (String known : index.namesOf(inode)) {
            if (!all.contains(known)) {
                all.add(known);
            }
        }
        return all;
    }

    void apply(Decision group, ChangeApplier applier) throws IOException {
        List<String> names = new ArrayList<>();
        List<FileMeta> metas = new ArrayList<>();
        FileMeta file = null;
        FileMeta named = applier.lookAtSource(group.path());
        List<String> candidates = named == null ? group.paths() : withKnownNames(group.paths(), named.inode());
        for (String name : candidates) {
            FileMeta meta = applier.lookAtSource(name);
            if (meta != null && meta.kind() == FileKind.FILE && (file == null || meta.fileKey().equals(file.fileKey()))) {
                file = file == null ? meta : file;
                names.add(name);
                metas.add(meta);
            } else if (group.paths().contains(name)) {
                applier.sync(group, name, null); // not a name of this file now: mirrored on its own
            }
        }
        if (names.isEmpty()) {
            return;
        }
        int first = firstCurrent(names, metas);
        applier.syncName(group, names.get(first), metas.get(first));
        IndexEntry copied = index.get(names.get(first));
        for (int i = 0; i < names.size(); i++) {
            if (i != first && !operations.hardLink(names.get(first), names.get(i), metas.get(i), copied)) {
                applier.syncName(group, names.get(i), metas.get(i));
            }
        }
    }

    /** The name REPLICA already holds as SOURCE has it, which the others then link to; else the first. */
    private int firstCurrent(List<String> names, List<FileMeta> metas) {
        for (int i = 0; i < names.size(); i++) {
            if (policy.isCurrent(metas.get(i), index.get(names.get(i)))) {
                return i;
            }
        }
        return 0;
    }
}
