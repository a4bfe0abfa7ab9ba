package io.foldersync.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The index's entries by path, 91 to 107 heap bytes each with their slot, its hash and their share of the folders,
 * where a ConcurrentHashMap of Strings to records took 210 to 235 (IndexFootprint, in the tests, measures it): a hash
 * table with open addressing and linear probing, whose slots hold {@link PackedEntry} arrays, and the folders held
 * once in {@link Folders}. An {@link IndexEntry} is made only when asked for.
 * <p>
 * Thread-safe with one lock, held only to find or place an array: hashing, encoding and decoding happen outside it,
 * since a packed entry never changes. A pass over all entries works on a copy of the slots, taken in one short hold.
 */
final class EntryTable {

    private static final int MIN_CAPACITY = 64;

    private byte[][] slots = new byte[MIN_CAPACITY][];
    /** The hash of each slot's entry: a probe compares it before it reads an entry's array, so mostly only its own. */
    private int[] hashes = new int[MIN_CAPACITY];
    private Folders folders = new Folders();
    private int size;
    /** The folder of the last entry {@link #putRecord} placed, as read and as a String. */
    private byte[] lastFolderBytes = new byte[0];
    private String lastFolder = "";

    IndexEntry get(String path) {
        byte[] packed = packed(path);
        return packed == null ? null : PackedEntry.entry(packed);
    }

    /** The path's entry as the table holds it ({@link PackedEntry}), or null. */
    byte[] packed(String path) {
        Key key = Key.of(path);
        synchronized (this) {
            int folder = folderOf(key);
            return folder < 0 ? null : slots[slotOf(PackedEntry.hash(folder, key.nameHash()), folder, key.name())];
        }
    }

    /** @return the entry the path had, or null */
    IndexEntry put(String path, IndexEntry entry) {
        Key key = Key.of(path);
        byte[] fields = PackedEntry.fields(entry);
        byte[] old;
        synchronized (this) {
            old = place(key.folder(), key.name(), key.nameHash(), fields, fields.length);
        }
        return old == null ? null : PackedEntry.entry(old);
    }

    /**
     * Puts an entry as the index file holds it: its path in UTF-8, {@code length} bytes of {@code bytes} from
     * {@code from}, and its fields already packed ({@link PackedEntry#fields}). Loading a large index makes no String
     * of each path and no IndexEntry this way, and a run of entries in one folder looks its folder up as one String.
     */
    void putRecord(byte[] bytes, int from, int length, byte[] fields, int fieldsLength) {
        int slash = from + length - 1;
        while (slash >= from && bytes[slash] != '/') {
            slash--;
        }
        byte[] name = Arrays.copyOfRange(bytes, slash + 1, from + length);
        int nameHash = PackedEntry.nameHash(name);
        synchronized (this) {
            place(slash < from ? null : folderNamed(bytes, from, slash - from), name, nameHash, fields, fieldsLength);
        }
    }

    /** The folder's path, the same String as the last entry's when it is the same folder. */
    private String folderNamed(byte[] bytes, int from, int length) {
        if (!Arrays.equals(bytes, from, from + length, lastFolderBytes, 0, lastFolderBytes.length)) {
            lastFolderBytes = Arrays.copyOfRange(bytes, from, from + length);
            lastFolder = new String(lastFolderBytes, StandardCharsets.UTF_8);
        }
        return lastFolder;
    }

    /** Places a packed entry under its folder (null for none) and name; returns the array it replaced, or null. */
    private byte[] place(String folderPath, byte[] name, int nameHash, byte[] fields, int fieldsLength) {
        int folder = folderPath == null ? Folders.NONE : folders.find(folderPath);
        boolean newFolder = folder < 0;
        if (newFolder) {
            folder = folders.add(folderPath);
        }
        int hash = PackedEntry.hash(folder, nameHash);
        int slot = slotOf(hash, folder, name);
        byte[] old = slots[slot];
        slots[slot] = PackedEntry.of(folder, name, fields, fieldsLength);
        hashes[slot] = hash;
        if (old == null) {
            if (!newFolder) {
                folders.enter(folder);
            }
            if (++size > slots.length / 4 * 3) {
                grow();
            }
        }
        return old;
    }

    /** @return the entry the path had, or null */
    IndexEntry remove(String path) {
        Key key = Key.of(path);
        byte[] old;
        synchronized (this) {
            int folder = folderOf(key);
            if (folder < 0) {
                return null;
            }
            int slot = slotOf(PackedEntry.hash(folder, key.nameHash()), folder, key.name());
            old = slots[slot];
            if (old == null) {
                return null;
            }
            delete(slot);
            folders.leave(folder);
        }
        return PackedEntry.entry(old);
    }

    /**
     * Removes every entry inside any of these folders, and hands each to {@code removed} outside the lock. An entry
     * put while this runs may stay, as with any change made meanwhile to a map being iterated.
     */
    void removeInside(Set<String> folderPaths, BiConsumer<String, IndexEntry> removed) {
        BitSet inside;
        byte[][] all;
        synchronized (this) {
            inside = folders.inside(folderPaths);
            if (inside.isEmpty()) {
                return; // no entry below them: nothing to go through
            }
            all = slots.clone();
        }
        for (byte[] packed : all) {
            if (packed != null && inside.get(PackedEntry.folder(packed))) {
                String path = removeSame(packed, PackedEntry.hash(packed));
                if (path != null) {
                    removed.accept(path, PackedEntry.entry(packed));
                }
            }
        }
    }

    /** Hands every entry to {@code action}, as they all were at one moment; the lock is not held meanwhile. */
    void forEach(Visitor action) throws IOException {
        byte[][] all;
        String[] paths;
        synchronized (this) {
            all = slots.clone();
            paths = folders.paths(); // the numbers in the copy, though a number may be given again meanwhile
        }
        for (byte[] packed : all) {
            if (packed != null) {
                action.accept(Folders.path(paths, PackedEntry.folder(packed), PackedEntry.name(packed)),
                        PackedEntry.entry(packed));
            }
        }
    }

    synchronized int size() {
        return size;
    }

    synchronized void clear() {
        slots = new byte[MIN_CAPACITY][];
        hashes = new int[MIN_CAPACITY];
        folders = new Folders();
        size = 0;
    }

    /** The entry's path if this very array was still in the table and is now removed, else null. */
    private synchronized String removeSame(byte[] packed, int hash) {
        int mask = slots.length - 1;
        for (int slot = hash & mask; slots[slot] != null; slot = (slot + 1) & mask) {
            if (slots[slot] == packed) {
                int folder = PackedEntry.folder(packed);
                String path = folders.path(folder, PackedEntry.name(packed));
                delete(slot);
                folders.leave(folder);
                return path;
            }
        }
        return null;
    }

    private int folderOf(Key key) {
        return key.folder() == null ? Folders.NONE : folders.find(key.folder());
    }

    /** The slot holding this key, whose hash is given, or the empty one where it would go. */
    private int slotOf(int hash, int folder, byte[] name) {
        int mask = slots.length - 1;
        int slot = hash & mask;
        while (slots[slot] != null && !(hashes[slot] == hash && PackedEntry.hasKey(slots[slot], folder, name))) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        byte[][] old = slots;
        int[] oldHashes = hashes;
        slots = new byte[old.length * 2][];
        hashes = new int[slots.length];
        int mask = slots.length - 1;
        for (int i = 0; i < old.length; i++) {
            if (old[i] != null) {
                int slot = oldHashes[i] & mask;
                while (slots[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = old[i];
                hashes[slot] = oldHashes[i];
            }
        }
    }

    /** Empties a slot and moves back the entries after it that probed past it, so no search stops short: no tombstones. */
    private void delete(int slot) {
        int mask = slots.length - 1;
        int hole = slot;
        for (int next = (slot + 1) & mask; slots[next] != null; next = (next + 1) & mask) {
            int home = hashes[next] & mask;
            if (((next - home) & mask) >= ((next - hole) & mask)) { // its home is not between the hole and it
                slots[hole] = slots[next];
                hashes[hole] = hashes[next];
                hole = next;
            }
        }
        slots[hole] = null;
        size--;
    }

    @FunctionalInterface
    interface Visitor {
        void accept(String path, IndexEntry entry) throws IOException;
    }

    /**
     * A path as the table looks it up: its folder (null for none), its name in UTF-8 and the name's hash. Both hashes,
     * the name's and the folder String's own, are worked out as the key is made, before the table is locked: two walks
     * at once look up every entry of a tree, and the time each holds the lock is the time the other may wait.
     */
    private record Key(String folder, byte[] name, int nameHash) {

        /** The folder of the last path this thread looked up: a walk looks up every entry of a folder in a row. */
        private static final ThreadLocal<String[]> LAST_FOLDER = ThreadLocal.withInitial(() -> new String[1]);

        static Key of(String path) {
            int slash = path.lastIndexOf('/');
            byte[] name = nameBytes(path, slash + 1);
            return new Key(slash < 0 ? null : folder(path, slash), name, PackedEntry.nameHash(name));
        }

        /** The path's folder, as the same String as the last lookup's when it is the same folder. */
        private static String folder(String path, int length) {
            String[] last = LAST_FOLDER.get();
            String folder = last[0];
            if (folder == null || folder.length() != length || !path.startsWith(folder)) {
                folder = path.substring(0, length);
                folder.hashCode(); // kept in the String, so the folders' map does not work it out under the lock
                last[0] = folder;
            }
            return folder;
        }

        /** The name's UTF-8 bytes: made straight from the path when it is ASCII, as nearly every name is. */
        private static byte[] nameBytes(String path, int from) {
            byte[] ascii = new byte[path.length() - from];
            for (int i = 0; i < ascii.length; i++) {
                char c = path.charAt(from + i);
                if (c >= 0x80) {
                    return path.substring(from).getBytes(StandardCharsets.UTF_8);
                }
                ascii[i] = (byte) c;
            }
            return ascii;
        }
    }
}
