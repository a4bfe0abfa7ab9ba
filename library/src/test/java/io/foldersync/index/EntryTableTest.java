package io.foldersync.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EntryTableTest {

    private static final Md5 A = Md5.parse("0123456789abcdef0123456789abcdef");

    private static IndexEntry entry(long n) {
        return new IndexEntry(n, 1_700_000_000_123_456_789L + n, 0644, 1000, 1000, 1_700_000_001_000_000_000L, 0,
                n * 7, A);
    }

    private static Map<String, IndexEntry> contents(EntryTable table) throws IOException {
        Map<String, IndexEntry> all = new HashMap<>();
        table.forEach((path, entry) -> assertNull(all.put(path, entry), "listed twice: " + path));
        return all;
    }

    @Test
    void putGetOverwriteRemove() {
        EntryTable table = new EntryTable();
        assertNull(table.put("d/f", entry(1)));
        assertEquals(entry(1), table.get("d/f"));
        assertNull(table.get("d/g"), "same folder, another name");
        assertNull(table.get("e/f"), "same name, another folder");
        assertNull(table.get("f"));

        assertEquals(entry(1), table.put("d/f", entry(2)));
        assertEquals(entry(2), table.get("d/f"));
        assertEquals(1, table.size());

        assertEquals(entry(2), table.remove("d/f"));
        assertNull(table.get("d/f"));
        assertNull(table.remove("d/f"));
        assertNull(table.remove("never/there"));
        assertEquals(0, table.size());
    }

    /** Every field keeps its value at the edges of its range, as each is stored in as few bytes as it needs. */
    @Test
    void fieldsKeepTheirExtremes() {
        EntryTable table = new EntryTable();
        List<IndexEntry> entries = List.of(
                new IndexEntry(0, 0, 0, -1, -1, 0, 0, 0, new Md5(0, 0)),
                new IndexEntry(Long.MAX_VALUE, Long.MIN_VALUE, 07777, Integer.MAX_VALUE, Integer.MIN_VALUE,
                        Long.MAX_VALUE, -1, Long.MIN_VALUE, new Md5(-1, Long.MIN_VALUE)),
                new IndexEntry(-1, Long.MAX_VALUE, -1, 0, 65534, Long.MIN_VALUE, 0x8000_0000_0000_0000L, -1,
                        new Md5(Long.MAX_VALUE, 1)),
                new IndexEntry(5, 2, 0600, A));
        for (int i = 0; i < entries.size(); i++) {
            table.put("x/" + i, entries.get(i));
        }
        for (int i = 0; i < entries.size(); i++) {
            assertEquals(entries.get(i), table.get("x/" + i));
        }
    }

    @Test
    void oddAndNonAsciiNamesAreTheirOwnKeys() throws IOException {
        List<String> names = List.of("", "a", "/", "/x", "a/", "a//b", "a/b", "ab", "a b/c:d", "ü/日本語/файл.txt",
                "u\u0308/x", "emoji 😀/🎉", "tab\tand\nnewline/x", "..", "a/..", "d/" + "n".repeat(5000));
        EntryTable table = new EntryTable();
        for (int i = 0; i < names.size(); i++) {
            table.put(names.get(i), entry(i));
        }
        assertEquals(names.size(), table.size());
        for (int i = 0; i < names.size(); i++) {
            assertEquals(entry(i), table.get(names.get(i)), names.get(i));
        }
        assertNull(table.get("ü/日本語/файл.tx"));
        assertNull(table.get("ü/x"), "the composed ü is not u and a combining diaeresis");
        Map<String, IndexEntry> expected = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            expected.put(names.get(i), entry(i));
        }
        assertEquals(expected, contents(table));
        for (String name : names) {
            table.remove(name);
        }
        assertEquals(Map.of(), contents(table));
    }

    /** A lookup reuses the folder of the one before it only when it is that folder, not one of the same length. */
    @Test
    void foldersOfOneLengthLookedUpInTurnStayApart() {
        EntryTable table = new EntryTable();
        List<String> paths = List.of("ab/x", "cd/x", "ab/y", "a/bx", "ab", "ü/x", "üb/x", "abc/x");
        for (int i = 0; i < paths.size(); i++) {
            table.put(paths.get(i), entry(i));
        }
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < paths.size(); i++) {
                assertEquals(entry(i), table.get(paths.get(i)), paths.get(i));
            }
            assertNull(table.get("cd/y"));
            assertNull(table.get("ab/bx"));
        }
    }

    @Test
    void aFolderForgetsOnlyWhatIsInsideIt() {
        EntryTable table = new EntryTable();
        for (String path : List.of("a", "a/x", "a/b/c", "a/b/c/d/e", "ab/x", "a.txt", "b/a/x", "a b/x", "x")) {
            table.put(path, entry(path.length()));
        }
        Set<String> forgotten = new HashSet<>();
        table.removeInside(Set.of("a"), (path, entry) -> forgotten.add(path));

        assertEquals(Set.of("a/x", "a/b/c", "a/b/c/d/e"), forgotten);
        for (String kept : List.of("a", "ab/x", "a.txt", "b/a/x", "a b/x", "x")) {
            assertEquals(entry(kept.length()), table.get(kept), kept);
        }
        table.removeInside(Set.of("nothing", "x", ""), (path, entry) -> forgotten.add(path));
        assertEquals(6, table.size(), "a file is not a folder, and the root is no folder of a path");
    }

    /** The same paths as the old map's scan found: a folder's entries are those with it before one of their slashes. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void forgettingFoldersMatchesEveryPrefixBeforeASlash(long seed) throws IOException {
        Random random = new Random(seed);
        EntryTable table = new EntryTable();
        Map<String, IndexEntry> model = new HashMap<>();
        for (int i = 0; i < 3_000; i++) {
            String path = randomPath(random);
            table.put(path, entry(i));
            model.put(path, entry(i));
        }
        for (int round = 0; round < 20; round++) {
            Set<String> folders = new HashSet<>();
            for (int i = random.nextInt(4); i >= 0; i--) {
                String path = randomPath(random);
                folders.add(path.substring(0, Math.max(0, path.lastIndexOf('/'))));
            }
            Set<String> expected = new HashSet<>();
            model.keySet().removeIf(path -> isBelowAny(path, folders) && expected.add(path));
            Set<String> forgotten = new HashSet<>();
            table.removeInside(folders, (path, entry) -> assertTrue(forgotten.add(path)));
            assertEquals(expected, forgotten, "folders " + folders);
            assertEquals(model, contents(table));
        }
    }

    private static String randomPath(Random random) {
        String[] parts = {"a", "ab", "b", "", "ü", "a.b"};
        StringBuilder path = new StringBuilder(parts[random.nextInt(parts.length)]);
        for (int depth = random.nextInt(4); depth > 0; depth--) {
            path.append('/').append(parts[random.nextInt(parts.length)]);
        }
        return path.append(random.nextInt(40)).toString();
    }

    /** Md5Index's test before the table: below a folder when the path up to one of its slashes is that folder. */
    private static boolean isBelowAny(String path, Set<String> folders) {
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            if (folders.contains(path.substring(0, slash))) {
                return true;
            }
        }
        return false;
    }

    /** Numbers of folders let go are given again; entries of other folders keep their own paths. */
    @Test
    void aFolderEmptiedAndAnotherAddedKeepPathsApart() throws IOException {
        EntryTable table = new EntryTable();
        table.put("one/x", entry(1));
        table.put("two/x", entry(2));
        table.remove("one/x");
        table.put("three/x", entry(3));
        table.removeInside(Set.of("two"), (path, entry) -> { });
        table.put("four/x", entry(4));
        assertEquals(Map.of("three/x", entry(3), "four/x", entry(4)), contents(table));
        assertNull(table.get("one/x"));
        assertNull(table.get("two/x"));
    }

    /**
     * Writers on their own names in shared folders, while readers check what they see was written for that very path
     * and one thread keeps forgetting a folder of its own: at the end the table holds exactly what each writer left.
     */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14})
    void manyThreadsAtOnce(long seed) throws Exception {
        EntryTable table = new EntryTable();
        int writers = 4;
        int readers = 2;
        CyclicBarrier start = new CyclicBarrier(writers + readers + 1);
        Map<String, IndexEntry> left = new ConcurrentHashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(writers + readers + 1);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                running.add(threads.submit(() -> {
                    Random random = new Random(seed * 31 + writer);
                    Map<String, IndexEntry> mine = new HashMap<>();
                    start.await();
                    for (int i = 0; i < 20_000; i++) {
                        String path = sharedPath(random, writer);
                        if (random.nextInt(4) == 0) {
                            assertEquals(mine.remove(path), table.remove(path), path);
                        } else {
                            IndexEntry entry = valueFor(path, random.nextInt(1000));
                            assertEquals(mine.put(path, entry), table.put(path, entry), path);
                        }
                    }
                    left.putAll(mine);
                    return null;
                }));
            }
            for (int r = 0; r < readers; r++) {
                int reader = r;
                running.add(threads.submit(() -> {
                    Random random = new Random(seed * 37 + reader);
                    start.await();
                    for (int i = 0; i < 40_000; i++) {
                        String path = sharedPath(random, random.nextInt(writers));
                        IndexEntry seen = table.get(path);
                        assertTrue(seen == null || seen.inode() == path.hashCode(), path);
                    }
                    return null;
                }));
            }
            running.add(threads.submit(() -> {
                Random random = new Random(seed);
                Set<String> mine = new HashSet<>();
                start.await();
                for (int i = 0; i < 2_000; i++) {
                    String path = "own/" + random.nextInt(5) + "/" + random.nextInt(50);
                    table.put(path, valueFor(path, i));
                    mine.add(path);
                    if (i % 100 == 99) {
                        Set<String> gone = new HashSet<>();
                        table.removeInside(Set.of("own"), (p, entry) -> gone.add(p));
                        assertEquals(mine, gone, "nobody else writes there");
                        mine.clear();
                    }
                }
                return null;
            }));
            for (Future<?> each : running) {
                each.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(left, contents(table));
        assertEquals(left.size(), table.size());
    }

    /** Shared folders, each writer's own names. */
    private static String sharedPath(Random random, int writer) {
        return "f" + random.nextInt(30) + "/g" + random.nextInt(3) + "/w" + writer + "-" + random.nextInt(200);
    }

    private static IndexEntry valueFor(String path, int version) {
        return new IndexEntry(version, version, 0644, -1, -1, 0, 0, path.hashCode(), A);
    }
}
