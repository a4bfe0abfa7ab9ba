package io.foldersync.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.foldersync.support.Jar;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import static io.foldersync.support.TreeAssert.assertMirror;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** kill -9 at any moment: never a partial file at a final path, and a clean restart (SIGTERM: {@link StopIT}). */
@Isolated
class CrashIT {

    @TempDir
    Path work;

    @BeforeEach
    void largeAndManyFiles() throws IOException {
        Random random = new Random(7);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(Files.createDirectories(work.resolve("src")).resolve("big.bin"))) {
            for (int i = 0; i < 200; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        for (int i = 0; i < 2000; i++) {
            Trees.write(work, "src/small/d" + (i % 20) + "/f" + i, "small file " + i);
        }
    }

    @Test
    void killedAtRandomMomentsThenRestartedConvergesWithNothingPartialLeft() throws Exception {
        Random random = new Random(42);
        for (int round = 0; round < 4; round++) {
            Process process = Jar.start(work, Map.of(), List.of(), "src", "rep", "60", "logs/sync.log", "--once");
            Thread.sleep(800 + random.nextInt(1500));
            process.destroyForcibly(); // SIGKILL
            process.waitFor(10, TimeUnit.SECONDS);
            assertNoPartialFileAtAFinalPath();
        }

        Jar.Result restart = Jar.run(work, Map.of(), "src", "rep", "60", "logs/sync.log", "--once");

        assertEquals(0, restart.exitCode(), restart.stdout() + restart.stderr());
        assertMirror(work.resolve("src"), work.resolve("rep"));
        assertNoTemporaryFiles();
    }

    /** Every file at a final path in REPLICA is a complete copy of its source. */
    private void assertNoPartialFileAtAFinalPath() throws IOException {
        Path replica = work.resolve("rep");
        if (!Files.exists(replica)) {
            return;
        }
        try (var paths = Files.walk(replica)) {
            for (Path copy : paths.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                String name = copy.getFileName().toString();
                if (name.startsWith(".folder-sync-") && name.endsWith(".tmp")) {
                    continue; // a temporary name is allowed to be partial; the next run removes it
                }
                Path original = work.resolve("src").resolve(replica.relativize(copy));
                assertArrayEquals(Files.readAllBytes(original), Files.readAllBytes(copy), "partial file at " + copy);
            }
        }
    }

    private void assertNoTemporaryFiles() throws IOException {
        try (var paths = Files.walk(work.resolve("rep"))) {
            List<Path> temporary = paths.filter(p -> p.getFileName().toString().startsWith(".folder-sync-")).toList();
            assertEquals(List.of(), temporary);
        }
    }
}
