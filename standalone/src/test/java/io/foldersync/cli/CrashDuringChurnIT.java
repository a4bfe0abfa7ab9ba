package io.foldersync.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.foldersync.support.Await;
import io.foldersync.support.Churn;
import io.foldersync.support.Jar;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import static io.foldersync.support.TreeAssert.assertMirror;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** kill -9 while SOURCE changes under a daemon whose every actor is busy, then a restart. */
@Isolated
class CrashDuringChurnIT {

    @TempDir
    Path work;

    /**
     * kill -9 of a daemon in the middle of random changes (the cycle, the prune pass and the watch all busy), then a
     * restart: REPLICA converges, no temporary file is left, and nothing REPLICA already held as SOURCE has it is
     * copied again (a copy placed but not yet recorded by the killed run is read on both sides and adopted).
     */
    @Test
    void killedDuringChurnThenRestartedConvergesAndCopiesNothingAlreadyInPlace() throws Exception {
        Path source = work.resolve("src");
        Path replica = work.resolve("rep");
        for (int i = 0; i < 300; i++) {
            Trees.write(work, "src/busy/d" + (i % 10) + "/e" + (i % 3) + "/f" + i, "file " + i + " ".repeat(i));
        }
        for (int i = 0; i < 50; i++) { // untouched by the churn, so the killed runs surely placed some files
            Trees.write(work, "src/still/f" + i, "still " + i);
        }
        Files.writeString(work.resolve("busy.properties"), "sync.prune-interval=1s\n");
        Random random = new Random(11);
        for (int round = 0; round < 3; round++) {
            String log = "logs/daemon-" + round + ".log";
            Process daemon = Jar.start(work, Map.of(), List.of(), "src", "rep", "1s", log, "--config",
                    "busy.properties");
            Await.until(() -> Files.exists(work.resolve(log)) && Files.readString(work.resolve(log)).contains("CYCLE "),
                    30_000, "the first cycle");
            long end = System.nanoTime() + (1_500 + random.nextInt(2_000)) * 1_000_000L;
            while (System.nanoTime() < end) {
                Churn.operate(random, source.resolve("busy"));
                Thread.sleep(random.nextInt(5));
            }
            daemon.destroyForcibly(); // SIGKILL, with changes still coming in
            daemon.waitFor(10, TimeUnit.SECONDS);
        }
        Set<String> inPlace = filesAsInSource(source, replica);

        Jar.Result restart = Jar.run(work, Map.of(), "src", "rep", "60", "logs/restart.log", "--once", "-v");

        assertEquals(0, restart.exitCode(), restart.stdout() + restart.stderr());
        assertMirror(source, replica);
        assertNoTemporaryFiles();
        List<String> copiedAgain = restart.stdout().lines()
                .filter(line -> line.contains(" COPY ") || line.contains(" UPDATE "))
                .filter(line -> inPlace.stream().anyMatch(path -> line.contains(" " + path + " ")))
                .toList();
        assertEquals(List.of(), copiedAgain, "already in place before the restart, and copied again");
        assertTrue(inPlace.containsAll(List.of("still/f0", "still/f49")), "the killed runs placed " + inPlace);
        System.out.println("after the kills: " + inPlace.size() + " files already in place; the restart: "
                + restart.stdout().lines().filter(line -> line.contains("CYCLE ")).findFirst().orElse(""));
    }

    /** The regular files REPLICA holds with SOURCE's content, mode and mtime. */
    private static Set<String> filesAsInSource(Path source, Path replica) throws IOException {
        Set<String> same = new HashSet<>();
        try (var paths = Files.walk(source)) {
            for (Path file : paths.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                Path copy = replica.resolve(source.relativize(file));
                if (Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS)
                        && Arrays.equals(Files.readAllBytes(file), Files.readAllBytes(copy))
                        && Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS)
                        .equals(Files.getLastModifiedTime(copy, LinkOption.NOFOLLOW_LINKS))) {
                    same.add(source.relativize(file).toString());
                }
            }
        }
        return same;
    }

    private void assertNoTemporaryFiles() throws IOException {
        try (Stream<Path> paths = Files.walk(work.resolve("rep"))) {
            assertEquals(List.of(), paths.filter(p -> p.getFileName().toString().startsWith(".folder-sync-")).toList());
        }
    }
}
