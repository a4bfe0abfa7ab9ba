package io.foldersync.replica;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

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

    private final Path root;
    private final ActionLog log;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private volatile ReplicaFolder rootHandle;
    private ReplicaFolder retiredRootHandle;

    public ReplicaTree(Path root, ActionLog log) {
        this.root = root;
        this.log = log;
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
        ReplicaFolder fresh = openRoot();
        if (retiredRootHandle != null) {
            retiredRootHandle.close();
        }
        retiredRootHandle = rootHandle;
        rootHandle = fresh;
    }

    private ReplicaFolder rootHandle() throws IOException {
        if (rootHandle == null) {
            refreshRoot();
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
        Path child = Path.of(name);
        try {
            return new ReplicaFolder(parent.stream().newDirectoryStream(child, LinkOption.NOFOLLOW_LINKS),
                    root.resolve(walked));
        } catch (NoSuchFileException missing) {
            if (!create) {
                throw missing;
            }
        } catch (FileSystemException notAFolder) {
            if (!create) {
                throw notAFolder;
            }
            replaceWithFolder(parent, child, walked);
        }
        try {
            Files.createDirectory(parent.resolve(name));
            log.action(Action.CREATE_DIR, walked);
        } catch (FileAlreadyExistsException raced) {
            // made by a concurrent copy into the same folder
        }
        return new ReplicaFolder(parent.stream().newDirectoryStream(child, LinkOption.NOFOLLOW_LINKS),
                root.resolve(walked));
    }

    /**
     * Removes the file or symlink standing where the source has a folder. Copies into that folder run in parallel,
     * so another may have removed it first, or already made the folder: both are fine.
     */
    private void replaceWithFolder(ReplicaFolder parent, Path child, String walked) throws IOException {
        BasicFileAttributes existing = attributes(parent.stream(), child);
        if (existing == null || existing.isDirectory()) {
            return;
        }
        try {
            parent.stream().deleteFile(child);
            log.action(Action.DELETE, walked, "(the source has a folder here)");
        } catch (NoSuchFileException removedByAnotherCopy) {
            // fine: the folder is made next
        }
    }

    /** lstat of a name inside an opened folder; {@code null} when it does not exist. */
    public static BasicFileAttributes attributes(SecureDirectoryStream<Path> folder, Path name) throws IOException {
        try {
            return folder.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        } catch (NoSuchFileException missing) {
            return null;
        }
    }

    /** Deletes a name inside an opened folder, a whole tree if it is a folder, deepest first, never through a link. */
    public void deleteTree(SecureDirectoryStream<Path> folder, Path name, String path, Runnable onEachDeleted)
            throws IOException {
        BasicFileAttributes attributes = attributes(folder, name);
        if (attributes == null) {
            return;
        }
        if (attributes.isDirectory()) {
            try (SecureDirectoryStream<Path> child = folder.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
                for (Path entry : child) {
                    Path entryName = entry.getFileName();
                    deleteTree(child, entryName, RelativePath.child(path, entryName.toString()), onEachDeleted);
                }
            }
            folder.deleteDirectory(name);
            log.action(Action.DELETE_DIR, path);
        } else {
            folder.deleteFile(name);
            log.action(Action.DELETE, path);
        }
        onEachDeleted.run();
    }

    /** A fresh, recognisable temporary name in a folder, registered as in flight until {@link #release}. */
    public String reserveTempName(String folder) {
        while (true) {
            String name = TEMP_PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE)
                    + TEMP_SUFFIX;
            if (inFlight.add(RelativePath.child(folder, name))) {
                return name;
            }
        }
    }

    public void release(String folder, String tempName) {
        inFlight.remove(RelativePath.child(folder, tempName));
    }

    public boolean isInFlight(String path) {
        return inFlight.contains(path);
    }
}
