package io.foldersync.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.foldersync.support.Jar;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.foldersync.support.TreeAssert.assertMirror;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults of whole file systems, on small tmpfs mounts: a full REPLICA disk and an unmounted SOURCE. Mounting needs
 * root; CI runs as root, and elsewhere these tests are reported as skipped by an assumption, never silently passed.
 */
class FileSystemFaultsIT {

    @TempDir
    Path work;
    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            run("umount", "-l", mounted.toString());
        }
    }

    @Test
    void aFullReplicaDiskKeepsThePreviousVersionAndResumesWhenSpaceIsBack() throws Exception {
        Path replica = mountTmpfs("rep", "2m");
        Files.write(Files.createDirectories(work.resolve("src")).resolve("data.bin"), bytes(1 << 20, 'A'));
        Trees.write(work, "src/small.txt", "small");
        assertEquals(0, once().exitCode());

        Files.write(work.resolve("src/data.bin"), bytes(3 << 20, 'B'));
        Jar.Result full = onceWith(Map.of("SYNC_RETRIES", "1", "SYNC_RETRY_DELAY", "10ms"));

        assertEquals(1, full.exitCode(), full.stdout());
        assertTrue(full.stdout().contains("ERROR data.bin"), full.stdout());
        assertTrue(full.stdout().contains("No space left on device"), full.stdout());
        byte[] kept = Files.readAllBytes(replica.resolve("data.bin"));
        assertEquals(1 << 20, kept.length, "the previous version is kept whole");
        assertEquals('A', kept[kept.length - 1]);
        try (var entries = Files.list(replica)) {
            assertFalse(entries.anyMatch(p -> p.getFileName().toString().startsWith(".folder-sync-")));
        }

        run("mount", "-o", "remount,size=16m", replica.toString());
        Jar.Result resumed = once();
        assertEquals(0, resumed.exitCode(), resumed.stdout());
        assertMirror(work.resolve("src"), replica);
    }

    @Test
    void anUnmountedSourceDeletesNothing() throws Exception {
        Path source = mountTmpfs("src", "4m");
        Trees.write(source, "a.txt", "a");
        Trees.write(source, "dir/b.txt", "b");
        Process daemon = Jar.start(work, Map.of(), List.of(), "src", "rep", "300ms", "logs/sync.log");
        try {
            waitFor(() -> Files.exists(work.resolve("rep/dir/b.txt")));
            unmount(source);
            Trees.write(work, "src/only-on-the-disk-below.txt", "x"); // not empty: the device check must catch it
            waitFor(() -> Files.readString(work.resolve("logs/sync.log")).contains("is now on another file system"));
            Thread.sleep(1000); // a few more 300 ms cycles, each of which must also hold its deletions
            assertTrue(Files.exists(work.resolve("rep/a.txt")));
            assertTrue(Files.exists(work.resolve("rep/dir/b.txt")));
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
        assertEquals(0, daemon.exitValue());
    }

    private Path mountTmpfs(String name, String size) throws Exception {
        Path point = Files.createDirectories(work.resolve(name));
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", point.toString()) == 0,
                "mounting a tmpfs needs root");
        mounted = point;
        return point;
    }

    /** Unmounts, retrying while a cycle's walk briefly holds a folder open there ("target is busy"). */
    private void unmount(Path point) throws Exception {
        waitFor(() -> run("umount", point.toString()) == 0);
        mounted = null;
    }

    private Jar.Result once() throws Exception {
        return onceWith(Map.of());
    }

    private Jar.Result onceWith(Map<String, String> environment) throws Exception {
        return Jar.run(work, environment, "src", "rep", "60", "logs/sync.log", "--once");
    }

    private static byte[] bytes(int size, char fill) {
        byte[] content = new byte[size];
        java.util.Arrays.fill(content, (byte) fill);
        return content;
    }

    private static int run(String... command) throws Exception {
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.call()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met in 30 s");
            }
            Thread.sleep(50);
        }
    }
}
