package io.foldersync;

import java.nio.file.Files;
import java.util.Properties;

import io.foldersync.observe.CycleStats;
import io.foldersync.support.MirrorRouteTestSupport;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.Test;

import static io.foldersync.support.TreeAssert.assertMirror;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** sync.max-delete holds a pass that would delete more than allowed, and lets a smaller one through. */
class MaxDeleteTest extends MirrorRouteTestSupport {

    @Override
    protected void extraProperties(Properties properties) {
        properties.setProperty("sync.max-delete", "50%");
    }

    @Test
    void aPassOverTheLimitDeletesNothingAndOneUnderItDeletes() throws Exception {
        for (int i = 0; i < 10; i++) {
            Trees.write(source, "d/f" + i, "x");
        }
        Trees.write(source, "keep.txt", "k");
        cycle();

        Trees.deleteTree(source.resolve("d"));
        CycleStats.Summary held = cycle();
        assertTrue(held.errors() > 0, "11 of 12 entries is over 50%");
        assertEquals(0, held.deleted());
        assertTrue(Files.exists(replica.resolve("d/f9")));

        Trees.write(source, "d/f0", "back");
        for (int i = 0; i < 10; i++) {
            Trees.write(source, "more/g" + i, "y");
        }
        assertEquals(0, cycle().deleted(), "the prune runs before the copy: still 9 of 12");
        CycleStats.Summary allowed = cycle();
        assertEquals(9, allowed.deleted(), "9 of 23 is under 50% once the new files are in REPLICA");
        cycle();
        assertMirror(source, replica);
    }
}
