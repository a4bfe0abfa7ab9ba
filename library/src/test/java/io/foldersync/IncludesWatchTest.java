package io.foldersync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.foldersync.cycle.SyncCycle;
import io.foldersync.support.Await;
import io.foldersync.support.MirrorRouteTestSupport;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.foldersync.IncludesTest.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** With includes, the watch makes and removes folders as the cycle does: only those leading to a chosen entry. */
class IncludesWatchTest extends MirrorRouteTestSupport {

    @Override
    protected void extraProperties(Properties properties) {
        properties.setProperty("sync.once", "false");
        properties.setProperty("sync.interval", "1h");
        properties.setProperty("sync.watch-window", "100ms");
        properties.setProperty("sync.include", "*.pdf");
    }

    @BeforeEach
    void watching() throws Exception {
        Trees.write(source, "top.pdf", "so that SOURCE is never empty");
        assertNotNull(bean("syncCycle", SyncCycle.class).awaitCycles(1, 30, TimeUnit.SECONDS), "the first cycle");
    }

    @Test
    void theWatchMakesOnlyFoldersThatLeadToAMatchAndRemovesThemWhenItGoes() throws Exception {
        Files.createDirectories(source.resolve("a/b/c"));
        Trees.write(source, "a/b/notes.txt", "not chosen");
        Trees.write(source, "x/y/report.pdf", "chosen");
        Await.until(() -> Files.exists(replica.resolve("x/y/report.pdf")), 10_000, "the chosen file");
        Thread.sleep(500); // several windows: a/b/c had its chance to appear, and must not
        assertEquals(List.of("top.pdf", "x", "x/y", "x/y/report.pdf"), tree(replica));

        Trees.write(source, "a/b/c/late.pdf", "chosen, in a folder made before");
        Await.until(() -> Files.exists(replica.resolve("a/b/c/late.pdf")), 10_000, "a file in a folder made earlier");

        Files.delete(source.resolve("x/y/report.pdf"));
        Files.delete(source.resolve("a/b/c/late.pdf"));
        Await.poll(() -> List.of("top.pdf").equals(replicaTree()), 10_000);
        assertEquals(List.of("top.pdf"), replicaTree(), "the folders left empty go");
    }

    /** REPLICA's entries; null when the watch removed a folder while the walk was in it (look again). */
    private List<String> replicaTree() throws IOException {
        try {
            return tree(replica);
        } catch (UncheckedIOException removedDuringTheWalk) {
            return null;
        }
    }
}
