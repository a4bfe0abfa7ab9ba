package io.foldersync.cli;

import java.nio.file.Path;
import java.util.stream.Collectors;

import io.foldersync.support.Await;
import io.foldersync.support.Instances;
import io.foldersync.support.TestHost;
import io.foldersync.support.TreeAssert;
import io.foldersync.support.Trees;
import io.foldersync.support.ZooKeeperServer;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two jar processes, each on a test host of its own (a network namespace) that reaches a real ZooKeeper server in
 * the test JVM over a veth link. The leader's link is cut mid-sync: it stands down, the other leads once the cut-off
 * one's session has expired, and nothing is written by the cut-off one after it said so. With the link back, it is
 * a candidate again: it takes over when the other is killed.
 */
@Isolated
class ZooKeeperPartitionIT {

    private static final int SESSION_MS = 4_000;
    private static final String GAINED = "LEADER pair=default gained";
    private static final String LOST = "LEADER pair=default lost";
    private static final String STANDING_BY = "LEADER pair=default standing by";

    @TempDir
    Path work;

    @Test
    void aLeaderCutOffFromZooKeeperStandsDownAndTheOtherLeads() throws Exception {
        try (TestingServer zookeeper = ZooKeeperServer.start();
             TestHost hostA = TestHost.create("a", 1);
             TestHost hostB = TestHost.create("b", 2)) {
            Instances instances = new Instances(work, "");
            instances.tree(20_000);
            Process a = instances.start("a", hostA.prefix(), cluster(hostA, zookeeper.getPort()));
            Process b = null;
            try {
                Await.until(() -> instances.log("a").contains(GAINED), 30_000, "a leads");
                b = instances.start("b", hostB.prefix(), cluster(hostB, zookeeper.getPort()));
                Await.until(() -> instances.log("b").contains(STANDING_BY), 30_000, "b waits");
                Await.until(() -> instances.log("a").contains(" COPY "), 30_000, "a copies");

                hostA.cut();
                long cut = System.nanoTime();
                Await.until(() -> instances.log("a").contains(LOST), 3 * SESSION_MS, "a stands down");
                long stoodDownMs = (System.nanoTime() - cut) / 1_000_000;
                Await.until(() -> instances.log("b").contains(GAINED), 3 * SESSION_MS, "b leads");
                long takenOverMs = (System.nanoTime() - cut) / 1_000_000;
                System.out.println("link cut: the leader stood down after " + stoodDownMs + " ms, the other led after "
                        + takenOverMs + " ms");
                String afterLoss = instances.log("a").substring(instances.log("a").indexOf(LOST));
                assertFalse(afterLoss.contains(" COPY ") || afterLoss.contains(" UPDATE "),
                        "a writes nothing once it has stood down: " + afterLoss.lines().limit(5).toList());
                Await.until(() -> TreeAssert.isMirror(work.resolve("src"), work.resolve("rep")), 120_000,
                        "b finishes the mirror");

                hostA.mend();
                Await.until(() -> LeadershipIT.countOf(instances.log("a"), STANDING_BY) == 2, 30_000,
                        "a queues for leadership again");
                b.destroyForcibly().waitFor();
                Await.until(() -> LeadershipIT.countOf(instances.log("a"), GAINED) == 2, 3 * SESSION_MS,
                        "a leads again once b is gone");
                Trees.write(work, "src/after-the-partition", "made while a leads again");
                Await.until(() -> TreeAssert.isMirror(work.resolve("src"), work.resolve("rep")), 30_000,
                        "a mirrors the change");
                assertTrue(stoodDownMs <= 2 * SESSION_MS, "the cut-off leader stood down after " + stoodDownMs + " ms");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\na's log, without its copies:\n"
                        + withoutCopies(instances.log("a")) + "\nb's log, without its copies:\n"
                        + withoutCopies(instances.log("b")), e);
            } finally {
                Instances.stopAll(a, b);
            }
        }
    }

    private static String withoutCopies(String log) {
        return log.lines().filter(line -> !line.contains(" COPY ") && !line.startsWith("\t"))
                .collect(Collectors.joining("\n"));
    }

    private static String cluster(TestHost host, int port) {
        return """
                camel.beans.cluster=#class:org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService
                camel.beans.cluster.nodes=%s:%d
                camel.beans.cluster.basePath=/folder-sync
                camel.beans.cluster.sessionTimeout=%d
                camel.beans.cluster.connectTimeout=2000
                """.formatted(host.gateway(), port, SESSION_MS);
    }
}
