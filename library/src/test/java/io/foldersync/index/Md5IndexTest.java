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

class Md5IndexTest {

    private static final Md5 A = Md5.parse("0123456789abcdef0123456789abcdef");
    private static final Md5 B = Md5.parse("fedcba9876543210fedcba9876543210");

    @TempDir
    Path state;

    @Test
    void survivesARestartAndATornJournalTail() throws Exception {
        Md5Index index = new Md5Index(state);
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

        Md5Index reopened = new Md5Index(state);
        reopened.open();

        assertEquals(new IndexEntry(1, 2, 0644, A), reopened.get("kept"));
        assertEquals(new IndexEntry(3, 4, 0600, B), reopened.get("also kept"));
        assertNull(reopened.get("forgotten"));
        assertEquals(2, reopened.size());
        reopened.record("after restart", new IndexEntry(7, 8, 0644, A));
        reopened.close();
        Md5Index third = new Md5Index(state);
        third.open();
        assertEquals(3, third.size(), "records appended after a torn tail are readable");
        third.close();
    }

    @Test
    void aStatOtherThanTheRecordedOneIsToldFromThePackedEntry() {
        Md5Index index = new Md5Index(null);
        index.record("d/f", new IndexEntry(4096, 1_700_000_000_123_456_789L, 04755, 1000, 1000,
                1_700_000_001_000_000_000L, 0, 42, A));
        long mtime = 1_700_000_000_123_456_789L;

        assertFalse(index.recordsOtherThan("d/f", 4096, mtime, 0755), "the same (setuid is not an rwx bit)");
        assertTrue(index.recordsOtherThan("d/f", 4095, mtime, 0755), "size");
        assertTrue(index.recordsOtherThan("d/f", 4096, mtime + 1, 0755), "mtime, by a nanosecond");
        assertTrue(index.recordsOtherThan("d/f", 4096, mtime, 0750), "permissions");
        assertFalse(index.recordsOtherThan("d/g", 1, 1, 0644), "a path the index does not hold is nobody's change");

        String longName = "d/" + "n".repeat(200); // a name whose length takes two bytes in the packed entry
        index.record(longName, new IndexEntry(7, mtime, 0644, 0, 0, mtime + 5, 0, 43, B));
        assertFalse(index.recordsOtherThan(longName, 7, mtime, 0644));
        assertTrue(index.recordsOtherThan(longName, 8, mtime, 0644));
        index.record("d/f", new IndexEntry(4096, mtime, 0755, 0, 0, 1, 0, 42, A));
        assertFalse(index.recordsOtherThan("d/f", 4096, mtime, 0755), "another owner or ctime is not a replica edit");
    }

    @Test
    void aSecondProcessOnTheSameStateIsRefused() throws Exception {
        Md5Index first = new Md5Index(state);
        first.open();
        try {
            Md5Index second = new Md5Index(state);
            assertThrows(IllegalStateException.class, second::open);
        } finally {
            first.close();
        }
        assertTrue(Files.exists(state.resolve("lock")));
    }

    /** With hard links mirrored, the names of one source file are found by its inode, as they come and go. */
    @Test
    void theNamesOfAFileAreFoundByItsInode() {
        Md5Index index = new Md5Index(null, false, "test", null, true);
        index.record("a", new IndexEntry(1, 1, 0644, -1, -1, 0, 0, 42, A));
        index.record("d/a2", new IndexEntry(1, 1, 0644, -1, -1, 0, 0, 42, A));
        index.record("other", new IndexEntry(1, 1, 0644, -1, -1, 0, 0, 7, A));
        assertEquals(java.util.Set.of("a", "d/a2"), index.namesOf(42));

        index.record("d/a2", new IndexEntry(2, 1, 0644, -1, -1, 0, 0, 43, B)); // a link broken in SOURCE
        index.forgetTree("nothing-here");
        assertEquals(java.util.Set.of("a"), index.namesOf(42));
        index.forget("a");
        assertEquals(java.util.Set.of(), index.namesOf(42));
        assertEquals(java.util.Set.of("d/a2"), index.namesOf(43));
        assertEquals(java.util.Set.of(), new Md5Index(null).namesOf(43), "kept only when hard links are mirrored");
    }

    @Test
    void forgetTreesDropsOnlyWhatIsBelowTheFolders() {
        Md5Index index = new Md5Index(null);
        index.record("a/b/c", new IndexEntry(1, 1, 0644, A));
        index.record("a/bc", new IndexEntry(1, 1, 0644, A));
        index.record("x/y", new IndexEntry(1, 1, 0644, A));

        index.forgetTrees(java.util.Set.of("a/b", "x"));

        assertNull(index.get("a/b/c"));
        assertNull(index.get("x/y"));
        assertEquals(1, index.size());
    }
}
