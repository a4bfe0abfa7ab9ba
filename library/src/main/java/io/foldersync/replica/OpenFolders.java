package io.foldersync.replica;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The replica folders kept open for the copies into them, the least recently used let go first when a new one comes:
 * each holds a descriptor, and a first sync writes every file of a folder, one after another, where opening the folder
 * again from the root costs a look and an open at each level. A walk of a tree larger than the bound keeps the folders
 * it is in, not the first ones it met.
 */
final class OpenFolders {

    private final Map<String, ReplicaFolder> folders;

    OpenFolders(int capacity) {
        folders = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ReplicaFolder> eldest) {
                if (size() <= capacity) {
                    return false;
                }
                retire(eldest.getValue());
                return true;
            }
        };
    }

    /** The folder's kept handle with a use of it started (the caller's close ends it), or null. */
    synchronized ReplicaFolder use(String path) {
        ReplicaFolder open = folders.get(path);
        return open != null && open.tryUse() ? open : null;
    }

    /** Keeps a folder just opened, its caller's use started; when another thread kept one first, that one stays. */
    void keep(String path, ReplicaFolder opened) {
        opened.share().tryUse();
        ReplicaFolder raced;
        synchronized (this) {
            raced = folders.putIfAbsent(path, opened);
        }
        if (raced != null) {
            retire(opened); // closed by the caller's close, as its only user
        }
    }

    /** Lets go of a folder and everything below it, or of all ("" for the root). */
    synchronized void evict(String folder) {
        String below = folder + "/";
        folders.entrySet().removeIf(open -> {
            boolean gone = folder.isEmpty() || open.getKey().equals(folder) || open.getKey().startsWith(below);
            if (gone) {
                retire(open.getValue());
            }
            return gone;
        });
    }

    private static void retire(ReplicaFolder folder) {
        try {
            folder.retire();
        } catch (IOException closeFailed) {
            // a folder handle that cannot be closed is gone all the same
        }
    }
}
