package io.foldersync.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MD5 index: per relative path, the MD5 of the content last written to the replica, with the source's size, mtime,
 * mode, owner, ctime and inode at that moment, so that whether a file needs any work is answered from memory and an
 * unchanged tree costs no read of its content. It persists to a journal under the state folder, locked against a second
 * process syncing the same pair. With hard links mirrored, it also finds the names of one source file by its inode.
 */
public class Md5Index {

    private static final Logger LOG = LoggerFactory.getLogger("folder-sync");

    private final EntryTable entries = new EntryTable();
    private final Path stateDir;
    private final boolean readOnly;
    private final String pair;
    private final String owner;
    /** The names of each source inode, kept only when hard links are mirrored. */
    private final Map<Long, Set<String>> namesByInode;
    private IndexJournal journal;
    private FileChannel lockChannel;

    /** @param stateDir where the index persists; {@code null} keeps it in memory only */
    public Md5Index(Path stateDir) {
        this(stateDir, false, null, null, false);
    }

    /**
     * @param readOnly for a dry run: the index on disk is loaded, so the run reports what a real one would do, but
     *                 neither locked nor changed; what the run records stays in memory
     * @param pair     the pair's name, for the log
     * @param owner    a line saying whose index this is, kept in the state folder's {@code PAIR} file: the folder's
     *                 own name is a hash
     * @param byInode  whether the names of each inode are to be found (hard links are mirrored)
     */
    public Md5Index(Path stateDir, boolean readOnly, String pair, String owner, boolean byInode) {
        this.namesByInode = byInode ? new ConcurrentHashMap<>() : null;
        this.stateDir = stateDir;
        this.readOnly = readOnly;
        this.pair = pair;
        this.owner = owner;
    }

    public IndexEntry get(String path) {
        return entries.get(path);
    }

    /**
     * Whether the index records the path with another size, mtime or rwx permission bits than these: a replica file
     * someone else changed. The prune pass asks it of every replica file, so no {@link IndexEntry} is made for it.
     */
    public boolean recordsOtherThan(String path, long size, long mtimeNanos, int rwx) {
        byte[] packed = entries.packed(path);
        return packed != null && !PackedEntry.hasStat(packed, size, mtimeNanos, rwx);
    }

    public void record(String path, IndexEntry entry) {
        unindex(path, entries.put(path, entry));
        if (namesByInode != null) {
            namesByInode.computeIfAbsent(entry.inode(), inode -> ConcurrentHashMap.newKeySet()).add(path);
        }
        journal(j -> j.put(path, entry));
    }

    /** Forgets a path, so its next scan treats it as new: used when the replica copy was deleted or drifted. */
    public void forget(String path) {
        IndexEntry gone = entries.remove(path);
        if (gone != null) {
            unindex(path, gone);
            journal(j -> j.remove(path));
        }
    }

    /** The paths the index records for one source inode: the names of a file with several hard links. */
    public Set<String> namesOf(long inode) {
        if (namesByInode == null) {
            return Set.of();
        }
        return Set.copyOf(namesByInode.getOrDefault(inode, Set.of()));
    }

    private void unindex(String path, IndexEntry old) {
        if (namesByInode != null && old != null) {
            namesByInode.computeIfPresent(old.inode(), (inode, names) -> {
                names.remove(path);
                return names.isEmpty() ? null : names;
            });
        }
    }

    /** Forgets every path below a folder, after that folder was deleted from the replica. */
    public void forgetTree(String folder) {
        forgetTrees(Set.of(folder));
    }

    /** Forgets every path below any of these folders: one pass over the index however many folders went. */
    public void forgetTrees(Set<String> folders) {
        if (folders.isEmpty()) {
            return;
        }
        entries.removeInside(folders, (path, gone) -> {
            unindex(path, gone);
            journal(j -> j.remove(path));
        });
    }

    public int size() {
        return entries.size();
    }

    /** Makes what was recorded so far survive a kill of this process, and keeps the journal from growing without end. */
    public void checkpoint() {
        journal(j -> {
            j.flush();
            j.compactIfLarge(entries);
        });
    }

    /** Loads the index from the state folder and locks it against another process: when the pair starts to run here. */
    public synchronized void open() throws IOException {
        if (stateDir == null || journal != null) {
            return;
        }
        long started = System.nanoTime();
        entries.clear(); // what another instance recorded while this one stood by is on disk
        if (readOnly) {
            IndexJournal.read(stateDir, entries);
        } else {
            journal = new IndexJournal(stateDir);
            lockState();
            journal.load(entries);
            nameOwner();
        }
        if (namesByInode != null) {
            namesByInode.clear();
            entries.forEach((path, entry) -> namesByInode.computeIfAbsent(entry.inode(),
                    inode -> ConcurrentHashMap.newKeySet()).add(path));
        }
        LOG.atInfo().addKeyValue("pair", pair).log("INDEX {} entries loaded in {} ms from {}", entries.size(),
                (System.nanoTime() - started) / 1_000_000, stateDir);
    }

    /** Saves and closes the index and lets go of the state folder: when the pair stops running here. */
    public synchronized void close() throws IOException {
        if (journal != null) {
            checkpoint();
            journal.close();
            journal = null;
        }
        if (lockChannel != null) {
            lockChannel.close();
            lockChannel = null;
        }
    }

    private void nameOwner() throws IOException {
        Path file = stateDir.resolve("PAIR");
        String line = owner + "\n";
        if (owner != null && !(Files.exists(file) && Files.readString(file).equals(line))) {
            Files.writeString(file, line);
        }
    }

    private void lockState() throws IOException {
        Files.createDirectories(stateDir);
        lockChannel = FileChannel.open(stateDir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockChannel.tryLock();
        if (lock == null) {
            lockChannel.close();
            lockChannel = null;
            throw new IllegalStateException("another folder-sync process is syncing this pair (state folder "
                    + stateDir + " is locked)");
        }
    }

    private void journal(JournalWrite write) {
        if (journal == null) {
            return;
        }
        try {
            write.apply(journal);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the index journal in " + stateDir, e);
        }
    }

    @FunctionalInterface
    private interface JournalWrite {
        void apply(IndexJournal journal) throws IOException;
    }
}
