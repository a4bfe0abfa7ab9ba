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
import io.foldersync.support.Instances;
import io.foldersync.support.Jar;
import io.foldersync.support.TreeAssert;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances of the jar on one machine, sharing a cluster folder (Camel's file-lock cluster service), SOURCE,
 * REPLICA and the state folder: only the leader mirrors; after a kill -9 of it mid-sync the other takes over, resumes
 * from the shared index, and the replica converges with no temporary file left.
 */
@Isolated
class LeadershipIT {

    private static final int FILES = 20_000;

    @TempDir
    Path work;

    private Instances instances() {
        return new Instances(work, fileLockCluster());
    }

    /** The file-lock cluster service at the settings README documents, on a folder of this test's. */
    private String fileLockCluster() {
        return """
                camel.beans.cluster=#class:org.apache.camel.component.file.cluster.FileLockClusterService
                camel.beans.cluster.root=%s
                camel.beans.cluster.acquireLockDelay=1
                camel.beans.cluster.acquireLockInterval=500
                camel.beans.cluster.acquireLockIntervalUnit=MILLISECONDS
                camel.beans.cluster.heartbeatTimeoutMultiplier=2
                """.formatted(work.resolve("cluster"));
    }

    private String log(String name) throws Exception {
        return instances().log(name);
    }

    @Test
    void onlyTheLeaderMirrorsAndTheOtherTakesOverAfterAKillWithoutCopyingAgain() throws Exception {
        instances().tree(FILES);
        Process[] both = instances().leaderAndStandby();
        Process first = both[0];
        Process second = both[1];
        try {
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
            Instances.stopAll(first, second);
        }
    }

    /**
     * A paused leader (SIGSTOP) keeps its operating-system lock on the cluster file: the standby sees its heartbeat go
     * stale and tries the lock, but cannot take it, so no other instance writes; resumed, the leader goes on. With
     * the file-lock service a paused leader is not replaced: safe, but nothing is mirrored until it resumes or dies.
     */
    @Test
    void aPausedLeaderKeepsTheLockAndNoOtherInstanceWrites() throws Exception {
        instances().tree(FILES);
        Process[] both = instances().leaderAndStandby();
        try {
            Await.until(() -> log("a").contains(" COPY "), 30_000, "a copies");
            Instances.signal(both[0], "STOP");
            Thread.sleep(6_000); // twice the worst failover measured after a kill
            assertFalse(log("b").contains("LEADER pair=default chosen") || log("b").contains(" COPY "),
                    "b neither leads nor writes while a holds the lock");
            Instances.signal(both[0], "CONT");
            Await.until(() -> TreeAssert.isMirror(work.resolve("src"), work.resolve("rep")), 120_000,
                    "a finishes the mirror");
            assertFalse(log("a").contains("LEADER pair=default lost"), "a kept leading");
            assertFalse(log("b").contains("LEADER pair=default gained"), "b never led");
        } finally {
            Instances.signal(both[0], "CONT");
            Instances.stopAll(both);
        }
    }

    /** Five kills of whichever instance leads, each killed one started again as the standby: failover times. */
    @Test
    void everyKillOfTheLeaderIsFollowedByAFailoverWithinFiveSeconds() throws Exception {
        List<Long> failovers = killTheLeaderFiveTimes(work, instances());
        List<Long> sorted = failovers.stream().sorted().toList();
        System.out.println("file-lock failovers after kill -9 (ms): " + failovers + ", median " + sorted.get(2)
                + ", worst " + sorted.get(4));
        assertTrue(sorted.get(4) <= 5_000, "worst failover " + sorted.get(4) + " ms");
    }

    /**
     * Two instances, a and b; five times, the leader is killed, the other must take over and mirror a change, and the
     * killed one is started again as the standby. Returns the time from each kill to the takeover.
     */
    static List<Long> killTheLeaderFiveTimes(Path work, Instances instances) throws Exception {
        instances.tree(500);
        Process[] running = instances.leaderAndStandby();
        List<Long> failovers = new java.util.ArrayList<>();
        try {
            for (int kill = 0; kill < 5; kill++) {
                int leader = kill % 2;
                String standby = leader == 0 ? "b" : "a";
                long gainedBefore = countOf(instances.log(standby), "LEADER pair=default gained");
                running[leader].destroyForcibly().waitFor();
                long killed = System.nanoTime();
                Await.until(() -> countOf(instances.log(standby), "LEADER pair=default gained") > gainedBefore, 30_000,
                        standby + " takes over");
                failovers.add((System.nanoTime() - killed) / 1_000_000);
                Trees.write(work, "src/after-kill-" + kill, "made while " + standby + " leads");
                running[leader] = instances.start(leader == 0 ? "a" : "b");
                Await.until(() -> TreeAssert.isMirror(work.resolve("src"), work.resolve("rep")), 30_000,
                        standby + " mirrors the change");
            }
        } finally {
            Instances.stopAll(running);
        }
        return failovers;
    }

    /** Two pairs, two instances: each pair is led by exactly one instance at any time, and both are mirrored. */
    @Test
    void eachOfSeveralPairsIsLedByExactlyOneInstance() throws Exception {
        Trees.write(work, "docs/a.txt", "docs");
        Trees.write(work, "photos/p.jpg", "photos");
        String pairs = fileLockCluster() + """
                sync.pairs=docs,photos
                sync.pair.docs.source=docs
                sync.pair.docs.replica=backup/docs
                sync.pair.photos.source=photos
                sync.pair.photos.replica=backup/photos
                sync.state-dir=%s
                """.formatted(work.resolve("state"));
        Process one = null;
        Process two = null;
        try {
            for (String name : List.of("one", "two")) {
                Files.writeString(work.resolve(name + ".properties"), pairs + "sync.log-file=logs/" + name + ".log\n");
            }
            one = Jar.start(work, Map.of(), List.of(), "--config", work.resolve("one.properties").toString());
            two = Jar.start(work, Map.of(), List.of(), "--config", work.resolve("two.properties").toString());
            Await.until(() -> TreeAssert.isMirror(work.resolve("docs"), work.resolve("backup/docs"))
                    && TreeAssert.isMirror(work.resolve("photos"), work.resolve("backup/photos")), 30_000, "both");
            Thread.sleep(2_000); // a second instance that wrongly led too would have said so by now
            for (String pair : List.of("docs", "photos")) {
                String gained = "LEADER pair=" + pair + " gained";
                assertEquals(1, countOf(log("one"), gained) + countOf(log("two"), gained), pair + ": one leader");
            }
        } finally {
            for (Process instance : new Process[] {one, two}) {
                if (instance != null) {
                    instance.destroy();
                    instance.waitFor();
                }
            }
        }
    }

    static long countOf(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private static List<String> copies(String log) {
        return log.lines().filter(line -> line.contains(" COPY "))
                .map(line -> line.substring(line.indexOf(" COPY ") + 6).split(" ")[0]).collect(Collectors.toList());
    }
}
