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

import io.foldersync.settings.Fidelity;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MD5-keyed idempotent repository: per relative path, the MD5 of the content last written to the replica, with the
 * source's size, mtime and permissions at that moment.
 * <p>
 * It is a map, not a set: answered with a {@link StatKey} (path, size, mtime, mode from the walk's lstat), it says from
 * memory whether a file needs any work, so a cycle over an unchanged tree reads no file content. The sync route names
 * it as its file consumer's {@code idempotentRepository}. It persists to a journal under the state folder, locked
 * against a second process syncing the same pair.
 */
public class Md5IndexRepository extends ServiceSupport implements IdempotentRepository {

    private static final Logger LOG = LoggerFactory.getLogger("folder-sync");

    private final Map<String, IndexEntry> entries = new ConcurrentHashMap<>();
    private final Path stateDir;
    private final boolean readOnly;
    private final String pair;
    private final String owner;
    private final Fidelity fidelity;
    private IndexJournal journal;
    private FileChannel lockChannel;

    /** @param stateDir where the index persists; {@code null} keeps it in memory only */
    public Md5IndexRepository(Path stateDir) {
        this(stateDir, false, null, null, Fidelity.BASIC);
    }

    /**
     * @param readOnly for a dry run: the index on disk is loaded, so the run reports what a real one would do, but
     *                 neither locked nor changed; what the run records stays in memory
     * @param pair     the pair's name, for the log
     * @param owner    a line saying whose index this is, kept in the state folder's {@code PAIR} file: the folder's
     *                 own name is a hash
     * @param fidelity what besides content, mode and mtime makes a file unchanged
     */
    public Md5IndexRepository(Path stateDir, boolean readOnly, String pair, String owner, Fidelity fidelity) {
        this.fidelity = fidelity;
        this.stateDir = stateDir;
        this.readOnly = readOnly;
        this.pair = pair;
        this.owner = owner;
    }

    public IndexEntry get(String path) {
        return entries.get(path);
    }

    public void record(String path, IndexEntry entry) {
        entries.put(path, entry);
        journal(j -> j.put(path, entry));
    }

    /** Forgets a path, so its next scan treats it as new: used when the replica copy was deleted or drifted. */
    public void forget(String path) {
        if (entries.remove(path) != null) {
            journal(j -> j.remove(path));
        }
    }

    /**
     * Forgets a path only if the index still says what it said when {@code seen} was read: a copy that placed the
     * file since has recorded it anew, and that record stands. Nothing is forgotten when nothing was seen.
     */
    public void forget(String path, IndexEntry seen) {
        if (seen != null && entries.remove(path, seen)) {
            journal(j -> j.remove(path));
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
        entries.keySet().removeIf(path -> {
            boolean below = isBelowAny(path, folders);
            if (below) {
                journal(j -> j.remove(path));
            }
            return below;
        });
    }

    private static boolean isBelowAny(String path, Set<String> folders) {
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            if (folders.contains(path.substring(0, slash))) {
                return true;
            }
        }
        return false;
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

    // --- Camel's IdempotentRepository, keyed by StatKey: what the sync route's consumer asks of each file ---

    /**
     * True when the replica holds the file as the key describes it: the route skips it. Owners count when they are
     * mirrored; with extended attributes mirrored, a new ctime (which their change sets) sends the file to be looked
     * at; with hard links mirrored, so does a new inode (a link broken in SOURCE).
     */
    @Override
    public boolean contains(String key) {
        StatKey file = StatKey.parse(key);
        IndexEntry entry = entries.get(file.path());
        return entry != null && entry.size() == file.size() && entry.mtimeNanos() == file.mtimeNanos()
                && entry.permissions() == file.permissions()
                && (!fidelity.owners() || entry.sameOwner(file.uid(), file.gid()))
                && (!fidelity.xattrs() || entry.ctimeNanos() == file.ctimeNanos())
                && (!fidelity.hardLinks() || entry.inode() == file.inode());
    }

    /**
     * An eager consumer's claim: true when the file is to be routed. Nothing is recorded yet: the copy records the entry
     * with the MD5 it computes as it reads, which no key can carry.
     */
    @Override
    public boolean add(String key) {
        return !contains(key);
    }

    /** A file whose exchange failed is forgotten, so the next cycle decides about it afresh. */
    @Override
    public boolean remove(String key) {
        String path = StatKey.parse(key).path();
        boolean known = entries.containsKey(path);
        forget(path);
        return known;
    }

    /** The copy recorded the entry itself: confirmed when it did. */
    @Override
    public boolean confirm(String key) {
        return contains(key);
    }

    @Override
    public void clear() {
        entries.keySet().forEach(this::forget);
    }

    /**
     * Loads the index from the state folder and locks it against another process: when the pair starts to run here.
     * Not Camel's start of this repository, which comes with the sync route's endpoint even where the pair stands by.
     */
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
