package io.foldersync.index;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndexJournalTest {

    @TempDir
    Path state;

    private static IndexEntry entry(Random random) {
        return new IndexEntry(random.nextInt(1 << 20), random.nextLong(), 0644, random.nextInt(3) - 1, 1000,
                random.nextLong(), random.nextInt(2) == 0 ? 0 : random.nextLong(), random.nextLong(),
                new Md5(random.nextLong(), random.nextLong()));
    }

    private Map<String, IndexEntry> reopened() throws IOException {
        Map<String, IndexEntry> all = new HashMap<>();
        EntryTable table = new EntryTable();
        IndexJournal.read(state, table);
        table.forEach(all::put);
        return all;
    }

    /**
     * A journal, then a snapshot, each larger than the window it is read through, with a record across the window's
     * edge: both read back as written, through records, removals, folders forgotten and restarts. A journal of live
     * records only (a first sync's) stays as it is; one holding more than twice as many records as there are entries is
     * folded into a snapshot.
     */
    @Test
    void aSnapshotAndAJournalReadBackAsWritten() throws IOException {
        Random random = new Random(24);
        Map<String, IndexEntry> model = new HashMap<>();
        Md5Index index = new Md5Index(state);
        index.open();
        recordAll(index, random, model);
        index.forget("d1/ü1");
        model.remove("d1/ü1");
        index.forgetTree("d2");
        model.keySet().removeIf(path -> path.startsWith("d2/"));
        index.close();
        assertTrue(Files.size(state.resolve("index.journal")) > 4 << 20, "read in several windows");
        assertFalse(Files.exists(state.resolve("index.snapshot")), "a journal of live records is not copied");
        assertEquals(model, reopened());

        Md5Index rewritten = new Md5Index(state);
        rewritten.open();
        recordAll(rewritten, random, model);
        recordAll(rewritten, random, model);
        rewritten.close(); // three records for each entry: folded into one snapshot
        assertTrue(Files.size(state.resolve("index.snapshot")) > 4 << 20, "read in several windows");
        assertEquals(0, Files.size(state.resolve("index.journal")));
        assertEquals(model, reopened());

        Md5Index again = new Md5Index(state);
        again.open();
        assertEquals(model.size(), again.size());
        for (int i = 0; i < 100; i++) {
            String path = i % 3 == 0 ? "new/" + i : i % 3 == 1 ? "top" + i : "new/deeper/" + i; // no folder, nested
            IndexEntry entry = entry(random);
            again.record(path, entry);
            model.put(path, entry);
        }
        again.forgetTrees(Set.of("d3", "d4"));
        model.keySet().removeIf(path -> path.startsWith("d3/") || path.startsWith("d4/"));
        again.close();
        assertTrue(Files.size(state.resolve("index.journal")) > 0, "small changes stay in the journal");
        assertEquals(model, reopened());
    }

    /** 30,000 paths, some of them 200 KB long, each given a new entry. */
    private static void recordAll(Md5Index index, Random random, Map<String, IndexEntry> model) {
        for (int i = 0; i < 30_000; i++) {
            String path = "d" + (i % 300) + "/ü" + i + (i % 1000 == 0 ? "-" + "long".repeat(50_000) : "");
            IndexEntry entry = entry(random);
            index.record(path, entry);
            model.put(path, entry);
        }
    }

    /** A state folder written before owners were recorded (PUT records without them) still loads. */
    @Test
    void anOldPutRecordStillLoads() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream record = new DataOutputStream(bytes);
        byte[] name = "dir/ä file".getBytes(StandardCharsets.UTF_8);
        record.writeByte(1);
        record.writeInt(name.length);
        record.write(name);
        record.writeLong(64);
        record.writeLong(1_700_000_000_000_000_001L);
        record.writeInt(0640);
        record.writeLong(0x0123456789abcdefL);
        record.writeLong(0x0123456789abcdefL);
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        record.writeInt((int) crc.getValue());
        Files.createDirectories(state);
        Files.write(state.resolve("index.snapshot"), bytes.toByteArray(), StandardOpenOption.CREATE_NEW);

        Md5Index index = new Md5Index(state);
        index.open();
        assertEquals(new IndexEntry(64, 1_700_000_000_000_000_001L, 0640,
                Md5.parse("0123456789abcdef0123456789abcdef")), index.get("dir/ä file"));
        index.close();
    }
}
