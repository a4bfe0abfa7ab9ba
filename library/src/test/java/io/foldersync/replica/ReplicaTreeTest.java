package io.foldersync.replica;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import io.foldersync.observe.ActionLog;
import io.foldersync.observe.CycleStats;
import io.foldersync.observe.SyncCounters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The temporary files copies write, which the prune pass and deletions must leave alone while they are in flight. */
class ReplicaTreeTest {

    @TempDir
    Path root;

    private ReplicaTree replica;

    @BeforeEach
    void replica() {
        replica = new ReplicaTree(root, new ActionLog("t", new CycleStats(new SyncCounters(() -> 0)), false), false,
                null, false);
    }

    @Test
    void aReservedTemporaryFileIsInFlightInItsFolderUntilReleased() {
        String temp = replica.reserveTempName("a/b");

        assertTrue(replica.isInFlight("a/b/" + temp));
        assertTrue(temp.startsWith(ReplicaTree.TEMP_PREFIX) && temp.endsWith(ReplicaTree.TEMP_SUFFIX));
        replica.release(temp);
        assertFalse(replica.isInFlight("a/b/" + temp), "released: a leftover the prune pass may remove");
    }

    @Test
    void namesReservedAtOnceDifferAndOnlyTemporaryNamesAreInFlight() {
        String first = replica.reserveTempName("");
        String second = replica.reserveTempName("");

        assertNotEquals(first, second);
        assertTrue(replica.isInFlight(first), "in REPLICA's root");
        assertFalse(replica.isInFlight("a/file"));
        assertFalse(replica.isInFlight(ReplicaTree.TEMP_PREFIX + "0" + ReplicaTree.TEMP_SUFFIX),
                "a temporary name no copy holds");
    }
}
