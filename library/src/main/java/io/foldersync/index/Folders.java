package io.foldersync.index;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The folders of the indexed paths, each held once and known by a number, which the entries inside it carry instead of
 * its path: a folder of a hundred files costs its path once, not a hundred times. A folder is let go with its last
 * entry, and its number is given to the next new folder. {@link #NONE} stands for no folder: a path without a slash.
 * <p>
 * Not thread-safe: {@link EntryTable} calls it under its lock.
 */
final class Folders {

    static final int NONE = 0;

    private final Map<String, Integer> numbers = new HashMap<>();
    private final ArrayDeque<Integer> free = new ArrayDeque<>();
    private String[] paths = new String[64];
    private int[] entries = new int[64];
    private int next = NONE + 1;

    /** The number of a folder that holds entries, else -1. */
    int find(String folder) {
        Integer number = numbers.get(folder);
        return number == null ? -1 : number;
    }

    /** Adds a folder that holds no entry yet, with its first one. */
    int add(String folder) {
        int number = free.isEmpty() ? next++ : free.pop();
        if (number == paths.length) {
            paths = Arrays.copyOf(paths, number * 2);
            entries = Arrays.copyOf(entries, number * 2);
        }
        paths[number] = folder;
        entries[number] = 1;
        numbers.put(folder, number);
        return number;
    }

    void enter(int number) {
        if (number != NONE) {
            entries[number]++;
        }
    }

    void leave(int number) {
        if (number != NONE && --entries[number] == 0) {
            numbers.remove(paths[number]);
            paths[number] = null;
            free.push(number);
        }
    }

    /** The paths by number as they are now, for reading entries outside the lock while numbers are given again. */
    String[] paths() {
        return paths.clone();
    }

    String path(int folder, String name) {
        return path(paths, folder, name);
    }

    static String path(String[] paths, int folder, String name) {
        return folder == NONE ? name : paths[folder] + "/" + name;
    }

    /** The numbers of the folders that are any of these or inside one: one look per slash, however many they are. */
    BitSet inside(Set<String> folders) {
        BitSet inside = new BitSet();
        for (int number = NONE + 1; number < next; number++) {
            String path = paths[number];
            if (path != null && isInsideAny(path, folders)) {
                inside.set(number);
            }
        }
        return inside;
    }

    private static boolean isInsideAny(String path, Set<String> folders) {
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            if (folders.contains(path.substring(0, slash))) {
                return true;
            }
        }
        return folders.contains(path);
    }
}
