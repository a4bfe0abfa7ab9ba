package io.foldersync.camel;

import io.foldersync.decide.ChangePolicy;
import io.foldersync.index.IndexEntry;
import io.foldersync.index.Md5;
import io.foldersync.index.Md5Index;
import io.foldersync.index.StatKey;
import io.foldersync.settings.Fidelity;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sync route's idempotent repository answers from the change policy, keyed as the consumer asks. */
class Md5IndexRepositoryTest {

    private static final Md5 A = Md5.parse("0123456789abcdef0123456789abcdef");

    @Test
    void statKeysAnswerWhetherTheReplicaHoldsTheFileAsItIsNow() {
        Md5Index index = new Md5Index(null);
        Md5IndexRepository repository = new Md5IndexRepository(index, new ChangePolicy(Fidelity.BASIC));
        index.record("dir/with: colon.txt", new IndexEntry(5, 1_000_000_123L, 0644, A));
        String same = new StatKey("dir/with: colon.txt", 5, 1_000_000_123L, 0644, 0, 0, 7, 9).toString();

        assertEquals(same, StatKey.parse(same).toString());
        assertTrue(repository.contains(same));
        assertFalse(repository.add(same), "an eager consumer skips it");
        assertTrue(repository.confirm(same));
        assertFalse(repository.contains(new StatKey("dir/with: colon.txt", 5, 1_000_000_124L, 0644, 0, 0, 7, 9)
                .toString()), "another mtime, by one nanosecond");
        assertFalse(repository.contains(new StatKey("dir/with: colon.txt", 6, 1_000_000_123L, 0644, 0, 0, 7, 9)
                .toString()), "size");
        assertFalse(repository.contains(new StatKey("dir/with: colon.txt", 5, 1_000_000_123L, 0600, 0, 0, 7, 9)
                .toString()), "mode");
        assertTrue(repository.contains(new StatKey("dir/with: colon.txt", 5, 1_000_000_123L, 0644, 1, 1, 8, 10)
                .toString()), "owner and ctime count only where owners and attributes are mirrored");
        assertFalse(repository.contains(new StatKey("other.txt", 5, 1_000_000_123L, 0644, 0, 0, 7, 9).toString()),
                "path");

        assertTrue(repository.remove(same), "a failed exchange forgets the file");
        assertNull(index.get("dir/with: colon.txt"));
        assertThrows(IllegalArgumentException.class, () -> repository.contains("no key"));
    }

    @Test
    void ownersAttributesAndInodesCountWhereTheyAreMirrored() {
        Md5Index index = new Md5Index(null);
        index.record("f", new IndexEntry(5, 10, 0644, 1, 1, 100, 0, 9, A));
        Md5IndexRepository all = new Md5IndexRepository(index, new ChangePolicy(new Fidelity(true, true, true)));

        assertTrue(all.contains(new StatKey("f", 5, 10, 0644, 1, 1, 100, 9).toString()));
        assertFalse(all.contains(new StatKey("f", 5, 10, 0644, 2, 1, 100, 9).toString()), "owner");
        assertFalse(all.contains(new StatKey("f", 5, 10, 0644, 1, 1, 101, 9).toString()), "ctime: attributes?");
        assertFalse(all.contains(new StatKey("f", 5, 10, 0644, 1, 1, 100, 8).toString()), "inode: a broken link");
    }
}
