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

import io.foldersync.fs.FileMeta;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MD5-keyed idempotent repository: per relative path, the MD5 of the content last written to the replica, with the
 * source's size, mtime and permissions at that moment.
 * <p>
 * It is a map, not a set: {@link #isUnchanged} answers from memory whether a file needs any work, so a scan of an
 * unchanged tree reads no file content. As a Camel {@link IdempotentRepository} its keys are {@link ContentKey}s ("this
 * content at this path"), so it also drops into Camel's idempotent consumer. It persists to a journal under the state
 * folder, locked against a second process syncing the same pair.
 */
public class Md5IndexRepository extends ServiceSupport implements IdempotentRepository {

    private static final Logger LOG = LoggerFactory.getLogger("folder-sync");

    private final Map<String, IndexEntry> entries = new ConcurrentHashMap<>();
    private final Path stateDir;
    private final boolean readOnly;
    private final String pair;
    private final String owner;
    private IndexJournal journal;
    private FileChannel lockChannel;

    /** @param stateDir where the index persists; {@code null} keeps it in memory only */
    public Md5IndexRepository(Path stateDir) {
        this(stateDir, false, null, null);
    }

    /**
     * @param readOnly for a dry run: the index on disk is loaded, so the run reports what a real one would do, but
     *                 neither locked nor changed; what the run records stays in memory
     * @param pair     the pair's name, for the log
     * @param owner    a line saying whose index this is, kept in the state folder's {@code PAIR} file: the folder's
     *                 own name is a hash
     */
    public Md5IndexRepository(Path stateDir, boolean readOnly, String pair, String owner) {
        this.stateDir = stateDir;
        this.readOnly = readOnly;
        this.pair = pair;
        this.owner = owner;
    }

    public IndexEntry get(String path) {
        return entries.get(path);
    }

    /** True when the replica holds what the source holds now, judged by stat alone. */
    public boolean isUnchanged(String path, FileMeta source) {
        IndexEntry entry = entries.get(path);
        return entry != null && entry.matches(source);
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

    // --- Camel's IdempotentRepository: keys are ContentKey strings ---

    @Override
    public boolean contains(String key) {
        ContentKey content = ContentKey.parse(key);
        IndexEntry entry = entries.get(content.path());
        return entry != null && entry.md5().equals(content.md5());
    }

    @Override
    public boolean add(String key) {
        if (contains(key)) {
            return false;
        }
        ContentKey content = ContentKey.parse(key);
        record(content.path(), new IndexEntry(IndexEntry.UNKNOWN_SIZE, 0, 0, content.md5()));
        return true;
    }

    @Override
    public boolean remove(String key) {
        boolean known = contains(key);
        if (known) {
            forget(ContentKey.parse(key).path());
        }
        return known;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        entries.keySet().forEach(this::forget);
    }

    @Override
    protected void doStart() throws Exception {
        if (stateDir == null) {
            return;
        }
        long started = System.nanoTime();
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

    @Override
    protected void doStop() throws Exception {
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
