package io.foldersync.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.foldersync.support.Await;
import io.foldersync.support.Jar;
import io.foldersync.support.TreeAssert;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances of the jar on one machine, sharing a cluster folder (Camel's file-lock cluster service), SOURCE,
 * REPLICA and the state folder: only the leader mirrors; after a kill -9 of it mid-sync the other takes over, resumes
 * from the shared index, and the replica converges with no temporary file left.
 */
class LeadershipIT {

    private static final int FILES = 20_000;

    @TempDir
    Path work;

    private Process start(String name) throws Exception {
        Path config = work.resolve(name + ".properties");
        Files.writeString(config, """
                camel.beans.cluster=#class:org.apache.camel.component.file.cluster.FileLockClusterService
                camel.beans.cluster.root=%s
                camel.beans.cluster.acquireLockDelay=1
                camel.beans.cluster.acquireLockInterval=1
                sync.state-dir=%s
                sync.threads=1
                """.formatted(work.resolve("cluster"), work.resolve("state")));
        return Jar.start(work, Map.of(), List.of(), "src", "rep", "1h", "logs/" + name + ".log", "--config",
                config.toString());
    }

    private String log(String name) throws Exception {
        Path log = work.resolve("logs/" + name + ".log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Test
    void onlyTheLeaderMirrorsAndTheOtherTakesOverAfterAKillWithoutCopyingAgain() throws Exception {
        for (int i = 0; i < FILES; i++) {
            Trees.write(work, "src/d" + (i % 100) + "/f" + i, "content of file " + i);
        }
        Process first = start("a");
        Process second = null;
        try {
            Await.until(() -> log("a").contains("LEADER pair=default gained"), 30_000, "a leads");
            second = start("b");
            Await.until(() -> log("b").contains("LEADER pair=default standing by"), 30_000, "b stands by");
            Await.until(() -> copies(log("a")).size() > 2_000, 60_000, "a mirrors");
            assertFalse(log("b").contains("LEADER pair=default gained"), "one leader at a time");

            first.destroyForcibly().waitFor();
            long killed = System.nanoTime();
            Await.until(() -> log("b").contains("LEADER pair=default gained"), 10_000, "b takes over");
            long failoverMs = (System.nanoTime() - killed) / 1_000_000;
            assertTrue(failoverMs <= 5_000, "failover took " + failoverMs + " ms");

            try {
                Await.until(() -> TreeAssert.isMirror(work.resolve("src"), work.resolve("rep")), 120_000,
                        "the replica converges");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; b's log, without its copies:\n" + log("b").lines()
                        .filter(line -> !line.contains(" COPY ")).collect(Collectors.joining("\n")), e);
            }
            Set<String> copiedTwice = new HashSet<>(copies(log("a")));
            copiedTwice.retainAll(copies(log("b")));
            assertTrue(copiedTwice.size() <= 1, "at most the copy in flight at the kill: " + copiedTwice);
            try (Stream<Path> all = Files.walk(work.resolve("rep"))) {
                assertEquals(List.of(), all.filter(p -> p.getFileName().toString().startsWith(".folder-sync-"))
                        .toList(), "no temporary file left");
            }
            System.out.println("failover after kill -9: " + failoverMs + " ms");
        } finally {
            first.destroyForcibly();
            if (second != null) {
                second.destroy();
                second.waitFor();
            }
        }
    }

    private static List<String> copies(String log) {
        return log.lines().filter(line -> line.contains(" COPY "))
                .map(line -> line.substring(line.indexOf(" COPY ") + 6).split(" ")[0]).collect(Collectors.toList());
    }
}
