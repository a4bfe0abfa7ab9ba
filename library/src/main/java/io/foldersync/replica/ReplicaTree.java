package io.foldersync.replica;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import io.foldersync.fs.FileMeta;
import io.foldersync.fs.InFolder;
import io.foldersync.fs.RelativePath;
import io.foldersync.observe.Action;
import io.foldersync.observe.ActionLog;

/**
 * Link-safe access to REPLICA. Folders are opened one component at a time from the root, each relative to its opened
 * parent and refusing to follow a link, so a symlink planted anywhere in the replica, even while a cycle runs, can never
 * redirect a write or a delete outside it. Temporary names of copies in flight are registered here, so the pruner
 * leaves them alone.
 */
public class ReplicaTree {

    static final String TEMP_PREFIX = ".folder-sync-";
    static final String TEMP_SUFFIX = ".tmp";
    /** File descriptors kept for folders opened this cycle, at most. */
    private static final int MAX_OPEN_FOLDERS = 256;

    private final Path root;
    private final ActionLog log;
    private final boolean mayBeMissing;
    private final KeptVersions versions;
    private final boolean owners;
    /** The versions folder, whose folders are not REPLICA's: made as VERSION_DIR, not CREATE_DIR. */
    private final boolean holdsVersions;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Object[] creating = new Object[64];
    private volatile ReplicaFolder rootHandle;
    private ReplicaFolder retiredRootHandle;
    /**
     * Folders whose content this process changed since it last gave them SOURCE's metadata: their mtime moved by our
     * hand, so setting it back is part of that change, not a repair of its own.
     */
    private final Set<String> changedInside = ConcurrentHashMap.newKeySet();
    /** Folders this process made this cycle: nothing stands in them but what it put there. */
    private volatile Set<String> made = ConcurrentHashMap.newKeySet();
    /** Folders opened this cycle, kept open: a first sync writes thousands of files into each. */
    private final OpenFolders openFolders = new OpenFolders(MAX_OPEN_FOLDERS);

    /**
     * @param mayBeMissing true for a dry run, which creates nothing: REPLICA itself may not exist yet
     * @param versions     where a file replaced by a folder is kept first; null for nowhere
     * @param owners       whether folders get SOURCE's owner and group
     */
    public ReplicaTree(Path root, ActionLog log, boolean mayBeMissing, KeptVersions versions, boolean owners) {
        this(root, log, mayBeMissing, versions, owners, false);
    }

    /** The versions folder, reached as REPLICA is; its lines say that they are about it. */
    public static ReplicaTree versionsFolder(Path root, ActionLog log, boolean mayBeMissing) {
        return new ReplicaTree(root, log, mayBeMissing, null, false, true);
    }

    private ReplicaTree(Path root, ActionLog log, boolean mayBeMissing, KeptVersions versions, boolean owners,
                        boolean holdsVersions) {
        this.holdsVersions = holdsVersions;
        this.owners = owners;
        this.root = root;
        this.versions = versions;
        this.log = log;
        this.mayBeMissing = mayBeMissing;
        for (int i = 0; i < creating.length; i++) {
            creating[i] = new Object();
        }
    }

    public Path root() {
        return root;
    }

    /** Opens the root folder; the caller closes it. */
    public ReplicaFolder openRoot() throws IOException {
        DirectoryStream<Path> stream = Files.newDirectoryStream(root);
        if (stream instanceof SecureDirectoryStream<Path> secure) {
            return new ReplicaFolder(secure, root);
        }
        stream.close();
        throw new IOException("this file system offers no link-safe folder access: " + root);
    }

    /**
     * Opens the root afresh for the cycle that starts, so a REPLICA folder replaced meanwhile is picked up. The handle
     * it replaces is closed one refresh later, when no copy can still be using it.
     */
    public synchronized void refreshRoot() throws IOException {
        if (mayBeMissing && !Files.exists(root)) {
            return; // every entry is then reported as a copy
        }
        ReplicaFolder fresh = openRoot();
        if (retiredRootHandle != null) {
            retiredRootHandle.close();
        }
        retiredRootHandle = rootHandle;
        made = ConcurrentHashMap.newKeySet();
        rootHandle = fresh;
        openFolders.evict(""); // once the new root is in place, which the copies that start from now use
    }

    private ReplicaFolder rootHandle() throws IOException {
        if (rootHandle == null) {
            refreshRoot();
        }
        if (rootHandle == null) {
            throw new NoSuchFileException(root.toString()); // a dry run's REPLICA, not made yet
        }
        return rootHandle;
    }

    /**
     * Opens the replica folder at a relative path; the caller closes it. With {@code create}, missing folders are made
     * and anything on the way that is not a real folder (a file, a symlink) is removed first, as the source has a
     * folder there.
     */
    public ReplicaFolder openFolder(String folder, boolean create) throws IOException {
        List<String> names = RelativePath.components(folder);
        if (names.isEmpty()) {
            return openRoot();
        }
        ReplicaFolder open = openFolders.use(folder);
        if (open != null) {
            return open;
        }
        ReplicaFolder opened = walkTo(folder, names, create);
        openFolders.keep(folder, opened);
        return opened;
    }

    /**
     * Whether REPLICA has a real folder (not a link to one) at a relative path. java.io answers "no", a first sync's
     * answer for every folder, without the exception NIO's lstat makes of it; a folder it finds is looked at again
     * without following a link.
     */
    public boolean hasFolder(String path) {
        Path there = root.resolve(path);
        return there.toFile().isDirectory() && Files.isDirectory(there, LinkOption.NOFOLLOW_LINKS);
    }

    /** True for a folder this process made this cycle, where a file it copies can find nothing in its way. */
    public boolean madeThisCycle(String folder) {
        return made.contains(folder);
    }

    /**
     * Gives an existing replica folder the source folder's mode and mtime back after our own change inside it moved
     * its mtime: part of that change, so nothing is logged. A folder that is missing (or not a folder) is not made.
     */
    public void settleFolder(String path, FileMeta source) throws IOException {
        try (ReplicaFolder folder = openFolder(path, false)) {
            FileMeta current = FileMeta.ofFollowing(folder.self());
            boolean ownerDiffers = owners && (current.uid() != source.uid() || current.gid() != source.gid());
            if (current.mtimeNanos() != source.mtimeNanos() || current.permissions() != source.permissions()
                    || ownerDiffers) {
                Metadata.applyFollowing(folder.self(), source, ownerDiffers);
            }
        } catch (FileSystemException missingOrNotAFolder) {
            // nothing to settle
        }
    }

    /**
     * Sets an opened folder's mode, mtime and owner to the source's, when they differ. A difference this process did
     * not cause (someone changed the folder's mode or mtime, or SOURCE's folder changed) is a TOUCH of the folder.
     */
    void matchFolder(String path, ReplicaFolder folder, FileMeta source) throws IOException {
        boolean ours = changedInside.remove(path);
        FileMeta current = FileMeta.ofFollowing(folder.self());
        boolean ownerDiffers = owners && (current.uid() != source.uid() || current.gid() != source.gid());
        boolean modeDiffers = current.permissions() != source.permissions();
        if (current.mtimeNanos() != source.mtimeNanos() || modeDiffers || ownerDiffers) {
            if (modeDiffers || ownerDiffers || !ours) {
                log.folderTouched(path);
            }
            Metadata.applyFollowing(folder.self(), source, ownerDiffers);
        }
    }

    /** Notes that this process adds, renames or removes an entry in a folder, which moves the folder's mtime. */
    public void changeInside(String folder) {
        changedInside.add(folder);
    }

    /** For a dry run: whether a real run would have changed what the folder holds, moving its mtime. */
    public boolean wasChangedInside(String folder) {
        return changedInside.contains(folder);
    }

    /** Opens an existing replica folder with a handle of its own, which can be listed; the caller closes it. */
    public ReplicaFolder openListable(String folder) throws IOException {
        List<String> names = RelativePath.components(folder);
        return names.isEmpty() ? openRoot() : walkTo(folder, names, false);
    }

    /**
     * Forgets the open handles of a folder and everything below it ("" for all), when we delete or replace it, or find
     * that someone else did: a handle of a deleted folder would make every copy into that path fail.
     */
    public void evict(String folder) {
        openFolders.evict(folder);
    }

    private ReplicaFolder walkTo(String folder, List<String> names, boolean create) throws IOException {
        ReplicaFolder current = null;
        String walked = "";
        try {
            for (String name : names) {
                walked = RelativePath.child(walked, name);
                ReplicaFolder next = openChild(current == null ? rootHandle() : current, walked, name, create);
                if (current != null) {
                    current.close();
                }
                current = next;
            }
            return current;
        } catch (IOException | RuntimeException e) {
            if (current != null) {
                current.close();
            }
            throw e;
        }
    }

    /** Opens a child folder refusing links; only when that fails does it look at what is there instead. */
    private ReplicaFolder openChild(ReplicaFolder parent, String walked, String name, boolean create)
            throws IOException {
        if (create && !parent.resolve(name).toFile().exists()) {
            // java.io answers "nothing there" (or a link to nothing) without the two exceptions a failed entry makes:
            // a first sync meets it for every folder
            makeFolder(parent, walked, name);
        }
        try {
            return enter(parent, name, walked);
        } catch (NoSuchFileException missing) {
            if (!create) {
                throw missing;
            }
        } catch (FileSystemException notAFolder) {
            if (!create) {
                throw notAFolder;
            }
            replaceWithFolder(parent, Path.of(name), walked);
        }
        makeFolder(parent, walked, name);
        return enter(parent, name, walked);
    }

    /**
     * Copies into a new folder race to make it. The one that does says so first, and makes it while the others wait:
     * no copy can enter it, and log a line about a file in it, before its CREATE_DIR. Whatever stands there already
     * (made meanwhile, or a link) is left to the entry that follows.
     */
    private void makeFolder(ReplicaFolder parent, String walked, String name) throws IOException {
        synchronized (creating[Math.floorMod(walked.hashCode(), creating.length)]) {
            if (InFolder.attributes(parent.stream(), Path.of(name)) == null) {
                log.action(holdsVersions ? Action.VERSION_DIR : Action.CREATE_DIR, walked);
                changeInside(RelativePath.parent(walked));
                changeInside(walked); // made here: its metadata is set as part of making it
                try {
                    Files.createDirectory(parent.resolve(name));
                    made.add(walked);
                } catch (FileAlreadyExistsException raced) {
                    // made meanwhile by someone outside this process: it is there, which is what counts
                }
            }
        }
    }

    /**
     * Opens a child folder, refusing links. A folder we may not enter because it mirrors a source folder's mode (000,
     * 500) is given owner rwx first; the cycle's end sets the source's mode back. chmod here follows a link, but only
     * a non-root process gets this far (root is never denied), and it can only change what it owns.
     */
    public ReplicaFolder enter(ReplicaFolder parent, String name, String path) throws IOException {
        return enter(parent, Path.of(name), path);
    }

    private ReplicaFolder enter(ReplicaFolder parent, Path child, String path) throws IOException {
        try {
            return new ReplicaFolder(InFolder.openFolder(parent.stream(), child), root.resolve(path));
        } catch (AccessDeniedException denied) {
            BasicFileAttributes existing = InFolder.attributes(parent.stream(), child);
            if (existing == null || !existing.isDirectory()) {
                throw denied;
            }
            grantOwner(parent.resolve(child), 0700);
            return new ReplicaFolder(InFolder.openFolder(parent.stream(), child), root.resolve(path));
        }
    }

    /** Adds owner permission bits to a replica entry we own, so that we can write into or walk it. */
    static void grantOwner(Path entry, int bits) throws IOException {
        int mode = (Integer) Files.getAttribute(entry, "unix:mode");
        Files.setAttribute(entry, "unix:mode", (mode | bits) & 07777);
    }

    /**
     * Removes the file or symlink standing where the source has a folder. Copies into that folder run in parallel,
     * so another may have removed it first, or already made the folder: both are fine.
     */
    private void replaceWithFolder(ReplicaFolder parent, Path child, String walked) throws IOException {
        BasicFileAttributes existing = InFolder.attributes(parent.stream(), child);
        if (existing == null || existing.isDirectory()) {
            return;
        }
        try {
            if (versions != null) {
                versions.keep(parent, child.toString(), walked);
            }
            changeInside(RelativePath.parent(walked));
            parent.stream().deleteFile(child);
            if (holdsVersions) {
                log.warn(walked, "was not a folder in the versions folder " + root + ": removed, and a folder made "
                        + "in its place");
            } else {
                log.action(Action.DELETE, walked, "(the source has a folder here)");
            }
        } catch (NoSuchFileException removedByAnotherCopy) {
            // fine: the folder is made next
        }
    }

    /**
     * Deletes a name inside an opened folder, a whole tree if it is a folder, deepest first, never through a link. The
     * names below are used as listed, so a name the locale cannot decode is deleted with its folder too.
     */
    public void deleteTree(ReplicaFolder folder, Path name, String path, Runnable onEachDeleted) throws IOException {
        BasicFileAttributes attributes = InFolder.attributes(folder.stream(), name);
        if (attributes == null) {
            return;
        }
        changeInside(RelativePath.parent(path));
        if (attributes.isDirectory()) {
            try (ReplicaFolder child = enter(folder, name, path)) {
                grantWrite(child);
                for (Path entry : child.stream()) {
                    Path entryName = entry.getFileName();
                    deleteTree(child, entryName, RelativePath.child(path, entryName.toString()), onEachDeleted);
                }
            }
            evict(path);
            folder.stream().deleteDirectory(name);
            log.action(Action.DELETE_DIR, path);
        } else {
            folder.stream().deleteFile(name);
            log.action(Action.DELETE, path);
        }
        onEachDeleted.run();
    }

    /** rmdir(2) of a folder in an opened one: it goes only if it holds nothing, whatever was looked at before. */
    public boolean removeEmptyFolder(ReplicaFolder folder, String path) throws IOException {
        Path name = Path.of(RelativePath.name(path));
        BasicFileAttributes there = InFolder.attributes(folder.stream(), name);
        if (there == null || !there.isDirectory()) {
            return false;
        }
        evict(path);
        try {
            folder.stream().deleteDirectory(name);
        } catch (DirectoryNotEmptyException notEmpty) {
            return false;
        }
        changeInside(RelativePath.parent(path));
        log.action(Action.DELETE_DIR, path);
        return true;
    }

    /** Whether a replica folder is there and holds at least one entry. */
    public boolean holdsSomethingIn(String folder) {
        try (ReplicaFolder opened = openListable(folder)) {
            return opened.stream().iterator().hasNext();
        } catch (IOException missingOrNotAFolder) {
            return false;
        }
    }

    /** Entries below a replica folder, counted without following links; what cannot be read counts as none. */
    public long countBelow(String folder) {
        try (ReplicaFolder opened = openListable(folder)) {
            return count(opened.stream());
        } catch (IOException unreadable) {
            return 0;
        }
    }

    private static long count(SecureDirectoryStream<Path> folder) {
        long total = 0;
        for (Path entry : folder) {
            total++;
            try {
                BasicFileAttributes attributes = InFolder.attributes(folder, entry.getFileName());
                if (attributes != null && attributes.isDirectory()) {
                    try (SecureDirectoryStream<Path> child = InFolder.openFolder(folder, entry.getFileName())) {
                        total += count(child);
                    }
                }
            } catch (IOException changedMeanwhile) {
                // the count is for a limit and a summary
            }
        }
        return total;
    }

    /**
     * Gives owner write permission to an opened folder (through its own descriptor, so nothing else can be reached)
     * when it lacks it, as a copy of a read-only source folder does; the cycle's end sets the source's mode back.
     */
    public static void grantWrite(ReplicaFolder folder) throws IOException {
        int mode = (Integer) Files.getAttribute(folder.self(), "unix:mode");
        if ((mode & 0300) != 0300) {
            Files.setAttribute(folder.self(), "unix:mode", (mode | 0700) & 07777);
        }
    }

    /**
     * A fresh, recognisable temporary name in a folder, registered as in flight until {@link #release}. The name alone
     * is registered: 64 random bits tell it apart from every other in flight, in any folder, without a path made and
     * hashed twice per copy.
     */
    public String reserveTempName(String folder) {
        changeInside(folder);
        while (true) {
            String name = TEMP_PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE)
                    + TEMP_SUFFIX;
            if (inFlight.add(name)) {
                return name;
            }
        }
    }

    public void release(String tempName) {
        inFlight.remove(tempName);
    }

    /** Whether the entry at this path is a temporary file a copy is writing now. */
    public boolean isInFlight(String path) {
        String name = RelativePath.name(path);
        return name.startsWith(TEMP_PREFIX) && inFlight.contains(name);
    }
}
