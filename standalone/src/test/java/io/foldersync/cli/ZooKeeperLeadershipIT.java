package io.foldersync.cli;

import java.nio.file.Path;
import java.util.List;

import io.foldersync.support.Await;
import io.foldersync.support.Instances;
import io.foldersync.support.TreeAssert;
import io.foldersync.support.ZooKeeperServer;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two jar processes led through a real ZooKeeper server (Curator's TestingServer, in the test JVM): a killed leader
 * is replaced within the session timeout, and a paused one, once it resumes, hears it lost and writes nothing more,
 * while the new leader waits for it to let go of REPLICA before writing.
 */
@Isolated
class ZooKeeperLeadershipIT {

    private static final int SESSION_MS = 4_000;
    /** The session expires at the server's first tick past its timeout; then a second to take over. */
    private static final int FAILOVER_BOUND_MS = SESSION_MS + ZooKeeperServer.TICK_MS + 1_000;

    @TempDir
    Path work;
    private TestingServer zookeeper;

    @BeforeEach
    void startZooKeeper() throws Exception {
        zookeeper = ZooKeeperServer.start();
    }

    @AfterEach
    void stopZooKeeper() throws Exception {
        zookeeper.close();
    }

    private Instances instances() {
        return new Instances(work, """
                camel.beans.cluster=#class:org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService
                camel.beans.cluster.nodes=%s
                camel.beans.cluster.basePath=/folder-sync
                camel.beans.cluster.sessionTimeout=%d
                camel.beans.cluster.connectTimeout=2000
                """.formatted(zookeeper.getConnectString(), SESSION_MS));
    }

    private String log(String name) throws Exception {
        return instances().log(name);
    }

    @Test
    void aKilledLeaderIsReplacedWithinTheSessionTimeout() throws Exception {
        instances().tree(5_000);
        Process[] both = instances().leaderAndStandby();
        Process first = both[0];
        Process second = both[1];
        try {
            first.destroyForcibly().waitFor();
            long killed = System.nanoTime();
            Await.until(() -> log("b").contains("LEADER pair=default gained"), 3 * SESSION_MS, "b takes over");
            long failoverMs = (System.nanoTime() - killed) / 1_000_000;
            System.out.println("ZooKeeper failover after kill -9: " + failoverMs + " ms");
            assertTrue(failoverMs <= FAILOVER_BOUND_MS, "failover took " + failoverMs + " ms");
            Await.until(() -> TreeAssert.isMirror(work.resolve("src"), work.resolve("rep")), 120_000, "converges");
        } finally {
            Instances.stopAll(first, second);
        }
    }

    @Test
    void everyKillOfTheLeaderIsFollowedByAFailoverWithinTheSessionTimeout() throws Exception {
        List<Long> failovers = LeadershipIT.killTheLeaderFiveTimes(work, instances());
        List<Long> sorted = failovers.stream().sorted().toList();
        System.out.println("ZooKeeper failovers after kill -9 (ms): " + failovers + ", median " + sorted.get(2)
                + ", worst " + sorted.get(4));
        assertTrue(sorted.get(4) <= FAILOVER_BOUND_MS, "worst failover " + sorted.get(4) + " ms");
    }

    @Test
    void aPausedLeaderWritesNothingAfterItResumesAndTheNewLeaderWaitsForItToLetGo() throws Exception {
        instances().tree(20_000);
        Process[] both = instances().leaderAndStandby();
        Process first = both[0];
        Process second = both[1];
        try {
            Await.until(() -> log("a").contains(" COPY "), 30_000, "a copies");
            Instances.signal(first, "STOP");
            Await.until(() -> log("b").contains("LEADER pair=default chosen, but cannot take over yet"),
                    3 * SESSION_MS, "b is chosen once a's session expires, and waits for a's locks");
            assertFalse(log("b").contains("LEADER pair=default gained"), "not while a holds REPLICA");

            Instances.signal(first, "CONT");
            Await.until(() -> log("a").contains("LEADER pair=default lost"), 30_000, "a hears it lost");
            Await.until(() -> log("b").contains("LEADER pair=default gained"), 30_000, "b takes over");
            String afterLoss = log("a").substring(log("a").indexOf("LEADER pair=default lost"));
            assertFalse(afterLoss.contains(" COPY ") || afterLoss.contains(" UPDATE "),
                    "a writes nothing once it has lost: " + afterLoss.lines().limit(5).toList());
            Await.until(() -> TreeAssert.isMirror(work.resolve("src"), work.resolve("rep")), 120_000, "converges");
        } finally {
            Instances.signal(first, "CONT");
            Instances.stopAll(first, second);
        }
    }
}
