package io.foldersync.index;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Md5IndexRepositoryTest {

    private static final Md5 A = Md5.parse("0123456789abcdef0123456789abcdef");
    private static final Md5 B = Md5.parse("fedcba9876543210fedcba9876543210");

    @TempDir
    Path state;

    @Test
    void statKeysAnswerWhetherTheReplicaHoldsTheFileAsItIsNow() {
        Md5IndexRepository index = new Md5IndexRepository(null);
        index.record("dir/with: colon.txt", new IndexEntry(5, 1_000_000_123L, 0644, A));
        String same = new StatKey("dir/with: colon.txt", 5, 1_000_000_123L, 0644, 0, 0, 7, 9).toString();

        assertEquals(same, StatKey.parse(same).toString());
        assertTrue(index.contains(same));
        assertFalse(index.add(same), "an eager consumer skips it");
        assertTrue(index.confirm(same));
        assertFalse(index.contains(new StatKey("dir/with: colon.txt", 5, 1_000_000_124L, 0644, 0, 0, 7, 9).toString()),
                "another mtime, by one nanosecond");
        assertFalse(index.contains(new StatKey("dir/with: colon.txt", 6, 1_000_000_123L, 0644, 0, 0, 7, 9).toString()),
                "size");
        assertFalse(index.contains(new StatKey("dir/with: colon.txt", 5, 1_000_000_123L, 0600, 0, 0, 7, 9).toString()),
                "mode");
        assertTrue(index.contains(new StatKey("dir/with: colon.txt", 5, 1_000_000_123L, 0644, 1, 1, 8, 10).toString()),
                "owner and ctime count only where owners and attributes are mirrored");
        assertFalse(index.contains(new StatKey("other.txt", 5, 1_000_000_123L, 0644, 0, 0, 7, 9).toString()), "path");

        assertTrue(index.remove(same), "a failed exchange forgets the file");
        assertNull(index.get("dir/with: colon.txt"));
        assertThrows(IllegalArgumentException.class, () -> index.contains("no key"));
    }

    /** The prune forgets what REPLICA lacked when listed, but not what a copy beside it recorded since. */
    @Test
    void aConditionalForgetLeavesAnEntryRecordedSinceItWasRead() {
        Md5IndexRepository index = new Md5IndexRepository(null);
        IndexEntry old = new IndexEntry(1, 2, 0644, A);
        index.record("f", old);
        IndexEntry seen = index.get("f");
        IndexEntry placedSince = new IndexEntry(3, 4, 0644, B);
        index.record("f", placedSince);

        index.forget("f", seen);
        assertEquals(placedSince, index.get("f"), "recorded after it was read: it stands");
        index.forget("f", index.get("f"));
        assertNull(index.get("f"), "unchanged since it was read: forgotten");
        index.forget("g", null);
        assertNull(index.get("g"));
    }

    @Test
    void survivesARestartAndATornJournalTail() throws Exception {
        Md5IndexRepository index = new Md5IndexRepository(state);
        index.open();
        index.record("kept", new IndexEntry(1, 2, 0644, A));
        index.record("also kept", new IndexEntry(3, 4, 0600, B));
        index.record("forgotten", new IndexEntry(5, 6, 0600, B));
        index.forget("forgotten");
        index.close();
        try (RandomAccessFile journal = new RandomAccessFile(state.resolve("index.journal").toFile(), "rw")) {
            journal.seek(journal.length());
            journal.write(new byte[]{1, 0, 0, 0, 9, 'h', 'a', 'l'}); // a record cut off by kill -9
        }

        Md5IndexRepository reopened = new Md5IndexRepository(state);
        reopened.open();

        assertEquals(new IndexEntry(1, 2, 0644, A), reopened.get("kept"));
        assertEquals(new IndexEntry(3, 4, 0600, B), reopened.get("also kept"));
        assertNull(reopened.get("forgotten"));
        assertEquals(2, reopened.size());
        reopened.record("after restart", new IndexEntry(7, 8, 0644, A));
        reopened.close();
        Md5IndexRepository third = new Md5IndexRepository(state);
        third.open();
        assertEquals(3, third.size(), "records appended after a torn tail are readable");
        third.close();
    }

    @Test
    void aSecondProcessOnTheSameStateIsRefused() throws Exception {
        Md5IndexRepository first = new Md5IndexRepository(state);
        first.open();
        try {
            Md5IndexRepository second = new Md5IndexRepository(state);
            assertThrows(IllegalStateException.class, second::open);
        } finally {
            first.close();
        }
        assertTrue(Files.exists(state.resolve("lock")));
    }

    @Test
    void forgetTreesDropsOnlyWhatIsBelowTheFolders() {
        Md5IndexRepository index = new Md5IndexRepository(null);
        index.record("a/b/c", new IndexEntry(1, 1, 0644, A));
        index.record("a/bc", new IndexEntry(1, 1, 0644, A));
        index.record("x/y", new IndexEntry(1, 1, 0644, A));

        index.forgetTrees(java.util.Set.of("a/b", "x"));

        assertNull(index.get("a/b/c"));
        assertNull(index.get("x/y"));
        assertEquals(1, index.size());
    }
}
