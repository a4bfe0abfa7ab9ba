package io.foldersync.decide;

import java.util.EnumSet;
import java.util.Set;

import io.foldersync.fs.FileKind;
import io.foldersync.fs.FileMeta;
import io.foldersync.index.IndexEntry;
import io.foldersync.index.Md5;
import io.foldersync.settings.Fidelity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one decision, over every kind of SOURCE entry, every state of the index and of REPLICA, and what is mirrored
 * besides content: a table, no folders, no Camel.
 */
class ChangePolicyTest {

    private static final Md5 MD5 = Md5.parse("0123456789abcdef0123456789abcdef");
    private static final FileMeta FILE = new FileMeta(FileKind.FILE, 100, 5_000, 0100644, 77, 1000, 1000, 9_000, 1, 1);

    /** What the index may say of the file above. */
    private static IndexEntry index(String state) {
        return switch (state) {
            case "none" -> null;
            case "same" -> IndexEntry.of(FILE, MD5, 0);
            case "size" -> new IndexEntry(99, 5_000, 0644, 1000, 1000, 9_000, 0, 77, MD5);
            case "mtime" -> new IndexEntry(100, 4_000, 0644, 1000, 1000, 9_000, 0, 77, MD5);
            case "mode" -> new IndexEntry(100, 5_000, 0600, 1000, 1000, 9_000, 0, 77, MD5);
            case "owner" -> new IndexEntry(100, 5_000, 0644, 0, 0, 9_000, 0, 77, MD5);
            case "ctime" -> new IndexEntry(100, 5_000, 0644, 1000, 1000, 8_000, 0, 77, MD5);
            case "inode" -> new IndexEntry(100, 5_000, 0644, 1000, 1000, 9_000, 0, 76, MD5);
            default -> throw new IllegalArgumentException(state);
        };
    }

    private static FileMeta source(String kind) {
        return switch (kind) {
            case "absent" -> null;
            case "file" -> FILE;
            case "folder" -> new FileMeta(FileKind.DIRECTORY, 4096, 5_000, 040755, 78, 0, 0, 9_000, 2, 1);
            case "link" -> new FileMeta(FileKind.SYMLINK, 5, 5_000, 0120777, 79, 0, 0, 9_000, 1, 1);
            case "special" -> new FileMeta(FileKind.SPECIAL, 0, 5_000, 010644, 80, 0, 0, 9_000, 1, 1);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static Fidelity fidelity(String which) {
        return switch (which) {
            case "basic" -> Fidelity.BASIC;
            case "owners" -> new Fidelity(true, false, false);
            case "xattrs" -> new Fidelity(false, true, false);
            case "links" -> new Fidelity(false, false, true);
            default -> throw new IllegalArgumentException(which);
        };
    }

    @ParameterizedTest(name = "SOURCE {0}, index {1}, REPLICA {2}, {3}: {4}")
    @CsvSource({
            // SOURCE lacks the path: delete whatever REPLICA holds there, or nothing
            "absent,  none,  ABSENT,              basic,  NOTHING",
            "absent,  same,  NOT_LOOKED,          basic,  DELETE",
            "absent,  none,  OTHER_FILE,          basic,  DELETE",
            "absent,  none,  FOLDER,              basic,  DELETE",
            "absent,  none,  OTHER,               basic,  DELETE",
            // a file the index knows: the index answers, REPLICA is not looked at
            "file,    same,  NOT_LOOKED,          basic,  NOTHING",
            "file,    size,  NOT_LOOKED,          basic,  UPDATE",
            "file,    mtime, NOT_LOOKED,          basic,  COMPARE",
            "file,    mode,  NOT_LOOKED,          basic,  TOUCH",
            "file,    owner, NOT_LOOKED,          basic,  NOTHING",
            "file,    owner, NOT_LOOKED,          owners, TOUCH",
            "file,    ctime, NOT_LOOKED,          basic,  NOTHING",
            "file,    ctime, NOT_LOOKED,          xattrs, CHECK_ATTRIBUTES",
            // another file renamed over the name, of the same size and mtime: read, not trusted
            "file,    inode, NOT_LOOKED,          basic,  COMPARE",
            "file,    inode, SAME_SIZE_AND_MTIME, basic,  ADOPT",
            "file,    inode, NOT_LOOKED,          links,  UPDATE",
            "file,    same,  NOT_LOOKED,          links,  NOTHING",
            // REPLICA already holds a file of SOURCE's size and mtime where the index says the content changed: the
            // copy a killed run placed and never recorded, read on both sides rather than written again
            "file,    size,  SAME_SIZE_AND_MTIME, basic,  ADOPT",
            "file,    mtime, SAME_SIZE_AND_MTIME, basic,  ADOPT",
            "file,    size,  OTHER_FILE,          basic,  UPDATE",
            "file,    mode,  SAME_SIZE_AND_MTIME, basic,  TOUCH",
            "file,    same,  SAME_SIZE_AND_MTIME, basic,  NOTHING",
            "file,    inode, SAME_SIZE_AND_MTIME, links,  UPDATE",
            // a file the index does not know: what stands in REPLICA decides
            "file,    none,  NOT_LOOKED,          basic,  COPY",
            "file,    none,  ABSENT,              basic,  COPY",
            "file,    none,  SAME_SIZE_AND_MTIME, basic,  ADOPT",
            "file,    none,  OTHER_FILE,          basic,  UPDATE",
            "file,    none,  FOLDER,              basic,  UPDATE",
            "file,    none,  OTHER,               basic,  UPDATE",
            // folders, links and special files: the index holds no word on them
            "folder,  none,  ABSENT,              basic,  MAKE_FOLDER",
            "folder,  none,  NOT_LOOKED,          basic,  MAKE_FOLDER",
            "folder,  none,  FOLDER,              basic,  MATCH_FOLDER",
            "folder,  none,  OTHER_FILE,          basic,  MAKE_FOLDER",
            "folder,  none,  OTHER,               basic,  MAKE_FOLDER",
            "link,    none,  ABSENT,              basic,  LINK",
            "link,    none,  OTHER,               basic,  LINK",
            "link,    none,  FOLDER,              basic,  LINK",
            "special, none,  ABSENT,              basic,  SKIP",
            "special, none,  OTHER_FILE,          basic,  SKIP",
    })
    void decides(String source, String index, ReplicaState replica, String fidelity, Change expected) {
        assertEquals(expected, new ChangePolicy(fidelity(fidelity)).decide(source(source), index(index), replica));
    }

    /** Every combination has an answer, and the answers keep the rules that matter whatever the table says. */
    @Test
    void everyStateOfEveryKindHasAnAnswerThatKeepsTheRules() {
        int combinations = 0;
        for (String kind : new String[] {"absent", "file", "folder", "link", "special"}) {
            for (String known : new String[] {"none", "same", "size", "mtime", "mode", "owner", "ctime", "inode"}) {
                for (ReplicaState replica : ReplicaState.values()) {
                    for (String fidelity : new String[] {"basic", "owners", "xattrs", "links"}) {
                        Change change = new ChangePolicy(fidelity(fidelity)).decide(source(kind), index(known),
                                replica);
                        combinations++;
                        String what = kind + " " + known + " " + replica + " " + fidelity + ": " + change;
                        assertEquals(kind.equals("absent") && replica != ReplicaState.ABSENT,
                                change == Change.DELETE, "only what SOURCE lacks is deleted: " + what);
                        assertFalse(kind.equals("special") && change != Change.SKIP, "never opened: " + what);
                        if (!kind.equals("file")) {
                            assertFalse(change.isContent(), "content only for files: " + what);
                        }
                    }
                }
            }
        }
        assertEquals(5 * 8 * ReplicaState.values().length * 4, combinations);
    }

    @Test
    void theIdempotentRepositorysQuestionIsTheSameDecision() {
        ChangePolicy policy = new ChangePolicy(Fidelity.BASIC);
        assertTrue(policy.isCurrent(FILE, index("same")));
        assertFalse(policy.isCurrent(FILE, index("none")));
        assertFalse(policy.isCurrent(FILE, index("mode")));
        Set<Change> current = EnumSet.of(policy.decide(FILE, index("same"), ReplicaState.NOT_LOOKED));
        assertEquals(Set.of(Change.NOTHING), current);
    }

    @Test
    void replicasEntryIsJudgedAgainstTheSourceFile() {
        FileMeta same = new FileMeta(FileKind.FILE, 100, 5_000, 0100600, 5, 0, 0, 1, 1, 2);
        FileMeta older = new FileMeta(FileKind.FILE, 100, 4_000, 0100644, 5, 0, 0, 1, 1, 2);
        assertEquals(ReplicaState.SAME_SIZE_AND_MTIME, ReplicaState.of(same, FILE));
        assertEquals(ReplicaState.OTHER_FILE, ReplicaState.of(older, FILE));
        assertEquals(ReplicaState.ABSENT, ReplicaState.of(null, FILE));
        assertEquals(ReplicaState.FOLDER, ReplicaState.of(source("folder"), FILE));
        assertEquals(ReplicaState.OTHER, ReplicaState.of(source("link"), FILE));
    }
}
