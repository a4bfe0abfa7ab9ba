package io.foldersync.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.foldersync.support.BusyCore;
import io.foldersync.support.Jar;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import static io.foldersync.support.TreeAssert.assertMirror;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The watch in the real process: a burst of 10,000 files, a change right after the first cycle, a SOURCE made again,
 * and the fallback when SOURCE cannot be watched.
 */
@Isolated
class WatchIT {

    private static final Path WATCH_LIMIT = Path.of("/proc/sys/fs/inotify/max_user_watches");

    @TempDir
    Path work;

    @Test
    void aBurstOfTenThousandFilesConvergesWithNoneMissed() throws Exception {
        Trees.write(work, "src/first.txt", "first");
        Process daemon = Jar.start(work, Map.of(), List.of(), "src", "rep", "1h", "logs/sync.log");
        try {
            waitFor(() -> Files.exists(work.resolve("rep/first.txt")) && log().contains("watching"), 30_000);
            long start = System.nanoTime();
            for (int i = 0; i < 10_000; i++) {
                Trees.write(work, "src/burst/d" + (i % 10) + "/f" + i, "burst file " + i);
            }
            long written = System.nanoTime();
            waitFor(() -> countFiles(work.resolve("rep/burst")) == 10_000, 120_000);
            long converged = System.nanoTime();
            System.out.printf("burst of 10,000 files: written in %d ms, in REPLICA %d ms after the first write%n",
                    (written - start) / 1_000_000, (converged - start) / 1_000_000);
            assertMirror(work.resolve("src"), work.resolve("rep"));
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
        assertEquals(0, daemon.exitValue());
    }

    /** The watch is installed before the first cycle walks SOURCE: nothing made right after that walk waits. */
    @Test
    void aChangeMadeRightAfterTheFirstCycleIsMirroredAtOnce() throws Exception {
        Trees.write(work, "src/first.txt", "first");
        Process daemon = Jar.start(work, Map.of(), List.of(), "src", "rep", "1h", "logs/sync.log");
        try {
            long deadline = System.currentTimeMillis() + 30_000;
            while (!log().contains("CYCLE ")) {
                assertTrue(System.currentTimeMillis() < deadline, "no first cycle in 30 s");
                Thread.sleep(2);
            }
            Trees.write(work, "src/new/folder/file.txt", "made just after the first cycle");
            waitFor(() -> Files.exists(work.resolve("rep/new/folder/file.txt")), 5_000);
            String log = log();
            assertTrue(log.indexOf("watching") < log.indexOf("CYCLE "), log);
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
    }

    /** A watch belongs to the folder it was put on: a SOURCE deleted and made again is watched again, and said so. */
    @Test
    void aSourceDeletedAndMadeAgainIsWatchedAgain() throws Exception {
        Trees.write(work, "src/first.txt", "first");
        Process daemon = Jar.start(work, Map.of(), List.of(), "src", "rep", "1h", "logs/sync.log");
        try {
            waitFor(() -> log().contains("CYCLE "), 30_000);
            Trees.deleteTree(work.resolve("src"));
            Files.createDirectory(work.resolve("src"));
            waitFor(() -> log().contains("was deleted and made again"), 5_000);
            Trees.write(work, "src/second/after.txt", "written into the new SOURCE");
            waitFor(() -> Files.exists(work.resolve("rep/second/after.txt")), 3_000);
            assertTrue(Files.exists(work.resolve("rep/first.txt")), "nothing deleted because SOURCE went");
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
        assertEquals(0, daemon.exitValue());
    }

    /**
     * README's first safety rule under the watch: SOURCE removed (rm -rf, or emptied entry by entry and then removed)
     * while the daemon runs deletes nothing in REPLICA, though the children go before the root, and their events
     * arrive first. Ten removals, with the other core busy; SOURCE is made again between them, so the held deletions
     * find everything back.
     */
    @Test
    void removingSourceUnderTheDaemonDeletesNothingInReplica() throws Exception {
        Path stash = work.resolve("stash");
        Trees.write(stash, "top.txt", "top");
        Files.createDirectories(stash.resolve("emptydir"));
        Files.write(stash.resolve("empty.bin"), new byte[0]);
        for (int i = 0; i < 40; i++) {
            Trees.write(stash, "many/f" + i, "file " + i);
        }
        Trees.write(stash, "sub/deeper/file", "deep");
        copyTree(stash, work.resolve("src"));
        Process daemon = Jar.start(work, Map.of(), List.of(), "src", "rep", "1h", "logs/sync.log");
        try (BusyCore busy = new BusyCore()) {
            waitFor(() -> log().contains("CYCLE ") && log().contains("watching"), 30_000);
            assertMirror(stash, work.resolve("rep"));
            for (int round = 0; round < 10; round++) {
                List<String> removal = round % 2 == 0 ? List.of("rm", "-rf", "src")
                        : List.of("sh", "-c", "find src -mindepth 1 -delete && rmdir src");
                assertEquals(0, new ProcessBuilder(removal).directory(work.toFile()).start().waitFor());
                Thread.sleep(1_500); // several watch windows
                try {
                    assertMirror(stash, work.resolve("rep"));
                } catch (AssertionError lost) {
                    throw new AssertionError("round " + round + ": " + lost.getMessage() + "\nthe log:\n" + log());
                }
                copyTree(stash, work.resolve("src"));
                int seen = round + 1;
                waitFor(() -> log().split("was deleted and made again", -1).length > seen, 10_000);
            }
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
        assertFalse(log().lines().anyMatch(line -> line.contains(" DELETE")), log());
    }

    private static void copyTree(Path from, Path to) throws Exception {
        assertEquals(0, new ProcessBuilder("cp", "-a", from.toString(), to.toString()).start().waitFor());
    }

    /**
     * A file replaced by rename while it is copied (how writers publish) was read whole through its descriptor: that
     * version is placed at once, and the replacement's event brings the next. Here two 20 MiB versions take turns, a
     * rename every few milliseconds for 2 s, with the other core busy: a copy must land while they go on.
     */
    @Test
    void aFileReplacedByRenameAgainAndAgainLandsWholeWhileItGoesOn() throws Exception {
        Trees.write(work, "src/keep", "keep");
        byte[][] versions = {new byte[20 << 20], new byte[20 << 20]};
        java.util.Arrays.fill(versions[0], (byte) 'a');
        java.util.Arrays.fill(versions[1], (byte) 'b');
        Files.createDirectories(work.resolve("stage"));
        Files.write(work.resolve("stage/a"), versions[0]);
        Files.write(work.resolve("stage/b"), versions[1]);
        Process daemon = Jar.start(work, Map.of(), List.of(), "src", "rep", "1h", "logs/sync.log");
        try {
            waitFor(() -> log().contains("CYCLE "), 30_000);
            replaceAgainAndAgain(versions);
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
    }

    private void replaceAgainAndAgain(byte[][] versions) throws Exception {
        try (BusyCore busy = new BusyCore()) {
            long end = System.nanoTime() + 2_000_000_000L;
            boolean landedMeanwhile = false;
            for (int turn = 0; System.nanoTime() < end; turn++) {
                Files.createLink(work.resolve("src/.publishing"), work.resolve(turn % 2 == 0 ? "stage/a" : "stage/b"));
                Files.move(work.resolve("src/.publishing"), work.resolve("src/big.bin"),
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                landedMeanwhile |= Files.exists(work.resolve("rep/big.bin"));
                Thread.sleep(3);
            }
            assertTrue(landedMeanwhile, "no copy landed in 2 s of replacements");
            waitFor(() -> java.util.Arrays.equals(Files.readAllBytes(work.resolve("rep/big.bin")),
                    Files.readAllBytes(work.resolve("src/big.bin"))), 10_000);
        }
    }

    /** Replica folders the watch deletes give back their handles at once, not at the next cycle an hour away. */
    @Test
    void foldersMadeAndDeletedByTheThousandHoldNoFileDescriptors() throws Exception {
        Trees.write(work, "src/keep", "so that SOURCE never becomes empty");
        Process daemon = Jar.start(work, Map.of(), List.of(), "src", "rep", "1h", "logs/sync.log");
        try {
            waitFor(() -> log().contains("CYCLE "), 30_000);
            long before = openFiles(daemon);
            for (int round = 0; round < 10; round++) {
                for (int i = 0; i < 40; i++) {
                    Trees.write(work, "src/t" + i + "/a/b/f", "x");
                }
                waitFor(() -> countFiles(work.resolve("rep")) == 41, 10_000);
                for (int i = 0; i < 40; i++) {
                    Trees.deleteTree(work.resolve("src/t" + i));
                }
                waitFor(() -> countFiles(work.resolve("rep")) == 1, 10_000);
            }
            waitFor(() -> openFiles(daemon) < before + 20, 5_000); // 1,200 folders came and went
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
    }

    private static long openFiles(Process process) {
        try (var fds = Files.list(Path.of("/proc/" + process.pid() + "/fd"))) {
            return fds.count();
        } catch (Exception gone) {
            return Long.MAX_VALUE;
        }
    }

    @Test
    void aSourceTooLargeToWatchLogsOneWarningAndTheCycleCarriesOn() throws Exception {
        Assumptions.assumeTrue(Files.isWritable(WATCH_LIMIT), "lowering the inotify limit needs root");
        for (int i = 0; i < 50; i++) {
            Trees.write(work, "src/d" + i + "/f", "f" + i);
        }
        String limit = watchLimit();
        Process daemon;
        setWatchLimit("16");
        try {
            daemon = Jar.start(work, Map.of(), List.of(), "src", "rep", "500ms", "logs/sync.log");
            waitFor(() -> log().contains("not watching SOURCE"), 30_000);
        } finally {
            setWatchLimit(limit);
        }
        try {
            Trees.write(work, "src/later.txt", "picked up by the periodic cycle");
            waitFor(() -> Files.exists(work.resolve("rep/later.txt")), 30_000);
            String log = log();
            assertEquals(1, log.lines().filter(l -> l.contains("not watching SOURCE")).count(), log);
            assertTrue(log.contains("inotify watches are left"), log);
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
        assertEquals(0, daemon.exitValue());
    }

    /** With one write(2), through the shell: the kernel keeps only the first write to a sysctl file. */
    private static void setWatchLimit(String value) throws Exception {
        Process echo = new ProcessBuilder("sh", "-c", "echo " + Integer.parseInt(value) + " > " + WATCH_LIMIT)
                .inheritIO().start();
        assertEquals(0, echo.waitFor());
        assertEquals(value, watchLimit());
    }

    /** Files.readString reads one byte of a /proc file, which reports a size of 0. */
    private static String watchLimit() throws Exception {
        return Files.readAllLines(WATCH_LIMIT).get(0).trim();
    }

    private String log() {
        try {
            return Files.readString(work.resolve("logs/sync.log"));
        } catch (Exception notYet) {
            return "";
        }
    }

    private static long countFiles(Path root) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (var paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).count();
        } catch (Exception racing) {
            return -1;
        }
    }

    private void waitFor(Callable<Boolean> condition, long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.call()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met in " + millis + " ms; the log:\n" + log());
            }
            Thread.sleep(50);
        }
    }
}
