package io.foldersync;

import java.nio.file.Files;
import java.util.Properties;

import io.foldersync.observe.CycleStats;
import io.foldersync.support.MirrorRouteTestSupport;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** sync.delete-excluded prunes what the filters leave out, SOURCE having it or not, within sync.max-delete. */
class DeleteExcludedTest extends MirrorRouteTestSupport {

    @Override
    protected void extraProperties(Properties properties) {
        properties.setProperty("sync.include", "docs/**,*.txt");
        properties.setProperty("sync.exclude", "**/*.tmp");
        properties.setProperty("sync.delete-excluded", "true");
        properties.setProperty("sync.max-delete", "3");
    }

    @Test
    void excludedEntriesAreDeletedFromReplicaButNeverMoreThanMaxDelete() throws Exception {
        Trees.write(source, "notes.txt", "included");
        Trees.write(source, "docs/a/b.md", "included");
        Trees.write(source, "docs/a/c.tmp", "excluded, though included by docs/**");
        Trees.write(source, "photos/p.jpg", "not included");
        for (int i = 0; i < 4; i++) {
            Trees.write(replica, "bulk/f" + i + ".bin", "excluded, in REPLICA only");
        }

        CycleStats.Summary held = cycle();
        assertTrue(held.errors() > 0, "5 entries to delete (bulk and its 4 files) is over 3");
        assertTrue(Files.exists(replica.resolve("bulk/f0.bin")));

        Trees.deleteTree(replica.resolve("bulk/f3.bin"));
        Trees.deleteTree(replica.resolve("bulk/f2.bin"));
        cycle();
        assertFalse(Files.exists(replica.resolve("bulk")), "3 entries: within the limit");
        assertTrue(Files.exists(replica.resolve("notes.txt")));
        assertTrue(Files.exists(replica.resolve("docs/a/b.md")));
        assertFalse(Files.exists(replica.resolve("docs/a/c.tmp")));
        assertFalse(Files.exists(replica.resolve("photos")));

        Trees.write(replica, "docs/a/stale.tmp", "excluded, and SOURCE has no such file either");
        Trees.write(source, "docs/a/kept.tmp", "excluded in SOURCE");
        Trees.write(replica, "docs/a/kept.tmp", "an old copy from before the filter");
        assertEquals(2, cycle().deleted());
        assertFalse(Files.exists(replica.resolve("docs/a/kept.tmp")), "excluded though SOURCE has it: deleted");
    }
}
