package io.foldersync.index;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * The index on disk: a snapshot plus an append-only journal of changes since it, each record with its own CRC.
 * <p>
 * A kill at any moment leaves at worst a torn last record, which loading drops (those paths are then re-hashed). The
 * snapshot is only ever replaced by rename, and replaying a journal over a newer snapshot is harmless because each
 * record sets a path to its final value. The journal is folded into a new snapshot once most of what both hold is
 * superseded (a path written again or removed), not for its size alone: a first sync's journal is all live records,
 * which a snapshot would only copy.
 */
final class IndexJournal implements AutoCloseable {

    private static final String SNAPSHOT = "index.snapshot";
    private static final String JOURNAL = "index.journal";
    private static final int PUT = 1;
    private static final int REMOVE = 2;
    /** A PUT with owner, group, ctime and the attributes' hash: what is written now; PUT is still read. */
    private static final int PUT_FULL = 3;
    private static final long COMPACT_MIN_BYTES = 1 << 20;
    private static final int MAX_PATH_BYTES = 1 << 20;
    /** holds the longest record */
    private static final int READ_WINDOW = 2 * MAX_PATH_BYTES;
    /** size, mtime, permissions and the two halves of the MD5 */
    private static final int PUT_FIELDS = 8 + 8 + 4 + 8 + 8;
    /** and uid, gid, ctime, attributes' hash, inode */
    private static final int PUT_FULL_FIELDS = PUT_FIELDS + 4 + 4 + 8 + 8 + 8;

    private final Path snapshot;
    private final Path journal;
    private OutputStream out;
    private long journalBytes;
    private long journalRecords;
    private long snapshotRecords;
    /** one record as it is written; reused, as every write holds this journal's lock */
    private ByteBuffer record = ByteBuffer.allocate(512);
    private final CRC32 crc = new CRC32();

    IndexJournal(Path stateDir) {
        this.snapshot = stateDir.resolve(SNAPSHOT);
        this.journal = stateDir.resolve(JOURNAL);
    }

    /** Loads what a state folder holds into {@code into}, changing nothing there; a missing folder holds nothing. */
    static void read(Path stateDir, EntryTable into) throws IOException {
        for (String file : new String[] {SNAPSHOT, JOURNAL}) {
            Path path = stateDir.resolve(file);
            if (Files.exists(path)) {
                readRecords(path, into);
            }
        }
    }

    /** Loads snapshot and journal into {@code into}, cuts a torn journal tail, and opens the journal for appending. */
    void load(EntryTable into) throws IOException {
        Files.createDirectories(snapshot.getParent());
        snapshotRecords = Files.exists(snapshot) ? readRecords(snapshot, into).records() : 0;
        Extent journaled = Files.exists(journal) ? readRecords(journal, into) : new Extent(0, 0);
        journalBytes = journaled.bytes();
        journalRecords = journaled.records();
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.truncate(journalBytes);
        }
        out = new BufferedOutputStream(Files.newOutputStream(journal, StandardOpenOption.APPEND), 1 << 16);
    }

    synchronized void put(String path, IndexEntry entry) throws IOException {
        journalBytes += write(out, path, entry);
        journalRecords++;
    }

    synchronized void remove(String path) throws IOException {
        journalBytes += write(out, path, null);
        journalRecords++;
    }

    synchronized void flush() throws IOException {
        out.flush();
    }

    /**
     * Folds the journal into a new snapshot once snapshot and journal hold more than twice as many records as there are
     * entries, so loading stays proportional to the tree.
     */
    synchronized void compactIfLarge(EntryTable all) throws IOException {
        if (journalBytes < COMPACT_MIN_BYTES || snapshotRecords + journalRecords <= 2L * all.size()) {
            return;
        }
        out.flush();
        Path temporary = snapshot.resolveSibling("index.snapshot.tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
             OutputStream file = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16)) {
            all.forEach((path, entry) -> write(file, path, entry));
            file.flush();
            channel.force(true);
        }
        Files.move(temporary, snapshot, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        snapshotRecords = all.size();
        out.close();
        out = new BufferedOutputStream(Files.newOutputStream(journal, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), 1 << 16);
        journalBytes = 0;
        journalRecords = 0;
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }

    private int write(OutputStream target, String path, IndexEntry entry) throws IOException {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        int length = 1 + 4 + name.length + (entry == null ? 0 : PUT_FULL_FIELDS) + 4;
        if (record.capacity() < length) {
            record = ByteBuffer.allocate(Math.max(length, 2 * record.capacity()));
        }
        record.clear();
        record.put((byte) (entry == null ? REMOVE : PUT_FULL)).putInt(name.length).put(name);
        if (entry != null) {
            record.putLong(entry.size()).putLong(entry.mtimeNanos()).putInt(entry.permissions())
                    .putLong(entry.md5().high()).putLong(entry.md5().low())
                    .putInt(entry.uid()).putInt(entry.gid()).putLong(entry.ctimeNanos()).putLong(entry.xattrs())
                    .putLong(entry.inode());
        }
        crc.reset();
        crc.update(record.array(), 0, record.position());
        record.putInt((int) crc.getValue());
        target.write(record.array(), 0, record.position());
        return record.position();
    }

    /**
     * A PUT record's fields, packed as the table keeps them into {@code out}; returns their length. A record of an
     * older release has fewer.
     */
    private static int readFields(ByteBuffer in, boolean full, byte[] out) {
        long size = in.getLong();
        long mtime = in.getLong();
        int permissions = in.getInt();
        long md5High = in.getLong();
        long md5Low = in.getLong();
        if (!full) { // as IndexEntry's constructor for such an entry has them: no owner, ctime, xattrs or inode
            return PackedEntry.fields(out, size, mtime, 0, permissions, -1, -1, 0, 0, md5High, md5Low);
        }
        int uid = in.getInt();
        int gid = in.getInt();
        long ctime = in.getLong();
        long xattrs = in.getLong();
        long inode = in.getLong();
        return PackedEntry.fields(out, size, mtime, ctime, permissions, uid, gid, xattrs, inode, md5High, md5Low);
    }

    /** The valid prefix of a file: everything after the first bad or torn record is ignored. */
    private record Extent(long bytes, long records) {
    }

    private static Extent readRecords(Path file, EntryTable into) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer in = ByteBuffer.allocate(READ_WINDOW).flip();
            CRC32 crc = new CRC32();
            byte[] fields = new byte[PackedEntry.FIELDS_MAX];
            long valid = 0;
            long records = 0;
            for (int read; (read = readRecord(channel, in, crc, fields, into)) > 0; records++) {
                valid += read;
            }
            return new Extent(valid, records);
        }
    }

    /** Reads the next record into the table: its length in bytes, or 0 at the end of the valid prefix. */
    private static int readRecord(FileChannel channel, ByteBuffer in, CRC32 crc, byte[] fields, EntryTable into)
            throws IOException {
        if (!fill(channel, in, 1 + 4)) {
            return 0;
        }
        int kind = in.get(in.position()) & 0xff;
        int length = in.getInt(in.position() + 1);
        int body = length + (kind == PUT ? PUT_FIELDS : kind == PUT_FULL ? PUT_FULL_FIELDS : 0);
        if ((kind != PUT && kind != PUT_FULL && kind != REMOVE) || length < 0 || length > MAX_PATH_BYTES
                || !fill(channel, in, 1 + 4 + body + 4)) {
            return 0;
        }
        int start = in.position();
        int pathStart = start + 1 + 4;
        in.position(pathStart + length);
        int fieldsLength = kind == REMOVE ? 0 : readFields(in, kind == PUT_FULL, fields);
        crc.reset();
        crc.update(in.array(), start, in.position() - start);
        if ((int) crc.getValue() != in.getInt()) {
            return 0;
        }
        if (kind == REMOVE) {
            into.remove(new String(in.array(), pathStart, length, StandardCharsets.UTF_8));
        } else {
            into.putRecord(in.array(), pathStart, length, fields, fieldsLength);
        }
        return in.position() - start;
    }

    /**
     * Makes at least {@code bytes} readable in the window, reading on from the file: a snapshot is read a window at a
     * time, not whole, as with ten million entries it would not fit in the heap beside them.
     */
    private static boolean fill(FileChannel channel, ByteBuffer in, int bytes) throws IOException {
        if (in.remaining() >= bytes) {
            return true;
        }
        in.compact();
        while (in.position() < bytes && channel.read(in) >= 0) {
            // reads until there is enough, or the file ends
        }
        in.flip();
        return in.remaining() >= bytes;
    }
}
