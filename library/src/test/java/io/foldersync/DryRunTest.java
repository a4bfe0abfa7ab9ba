package io.foldersync;

import java.nio.file.Files;

import io.foldersync.support.MirrorRouteTestSupport;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --dry-run logs every action a cycle would take and changes nothing in REPLICA. */
class DryRunTest extends MirrorRouteTestSupport {

    @Override
    protected boolean dryRun() {
        return true;
    }

    @Test
    void logsWhatWouldBeDoneAndChangesNothing() throws Exception {
        Files.createDirectories(replica.resolve("stale"));
        Trees.write(replica, "stale/old.txt", "old");
        Trees.write(source, "new/file.txt", "new");
        Trees.write(source, "keep.txt", "keep");
        Trees.write(replica, "keep.txt", "different");

        cycle();

        assertEquals("old", Files.readString(replica.resolve("stale/old.txt")));
        assertEquals("different", Files.readString(replica.resolve("keep.txt")));
        assertFalse(Files.exists(replica.resolve("new")));
        assertTrue(actions().contains("DELETE_DIR stale (dry run)"), actions().toString());
        assertTrue(actions().contains("COPY new/file.txt 3 bytes (dry run)"), actions().toString());
        assertTrue(actions().contains("CREATE_DIR new (dry run)"), actions().toString());
    }

    @Test
    void aReplicaThatDoesNotExistYetIsReportedAsCopiesNotErrors() throws Exception {
        Trees.write(source, "a/b.txt", "b");

        io.foldersync.observe.CycleStats.Summary summary = cycle();

        assertEquals(0, summary.errors());
        assertTrue(actions().contains("COPY a/b.txt 1 bytes (dry run)"), actions().toString());
        assertFalse(Files.exists(replica), "a dry run creates nothing, REPLICA included");
    }
}
