package io.foldersync;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import io.foldersync.observe.CycleStats;
import io.foldersync.support.MirrorRouteTestSupport;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** sync.exclude on real folders: what is left out of REPLICA, what is left alone in it, and what is not walked. */
class FiltersTest extends MirrorRouteTestSupport {

    @Override
    protected void extraProperties(Properties properties) {
        properties.setProperty("sync.exclude", "*.tmp,.git/,node_modules/,/cache/,link-*");
    }

    @Test
    void excludedFilesFoldersAndLinksAreNotMirroredAndExcludedFoldersAreNotWalked() throws Exception {
        Trees.write(source, "keep.txt", "k");
        Trees.write(source, ".hidden", "mirrored: only patterns leave things out");
        Trees.write(source, "a/b/scratch.tmp", "no");
        Trees.write(source, "a/b/kept.txt", "yes");
        Trees.write(source, "project/.git/config", "no");
        Trees.write(source, "project/.github/workflow", "yes");
        Trees.write(source, "cache/big.bin", "no");
        Trees.write(source, "sub/cache/small.bin", "yes: /cache/ is anchored at SOURCE");
        for (int i = 0; i < 50; i++) {
            Trees.write(source, "web/node_modules/pkg" + i + "/index.js", "no");
        }
        Files.createSymbolicLink(source.resolve("link-out"), Path.of("keep.txt"));

        CycleStats.Summary summary = cycle();

        assertTrue(Files.exists(replica.resolve("keep.txt")));
        assertTrue(Files.exists(replica.resolve(".hidden")));
        assertTrue(Files.exists(replica.resolve("a/b/kept.txt")));
        assertTrue(Files.exists(replica.resolve("project/.github/workflow")));
        assertTrue(Files.exists(replica.resolve("sub/cache/small.bin")));
        assertFalse(Files.exists(replica.resolve("a/b/scratch.tmp")));
        assertFalse(Files.exists(replica.resolve("project/.git")));
        assertFalse(Files.exists(replica.resolve("cache")));
        assertFalse(Files.exists(replica.resolve("web/node_modules")));
        assertFalse(Files.exists(replica.resolve("link-out"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals(5, summary.excluded(), "scratch.tmp, .git, cache, node_modules, link-out: each once");
        // keep.txt .hidden a a/b a/b/kept.txt project project/.github project/.github/workflow sub sub/cache
        // sub/cache/small.bin web: the 100 entries below node_modules were never looked at
        assertEquals(12, summary.scanned());
        assertTrue(actions().stream().noneMatch(line -> line.contains("node_modules")), actions().toString());
    }

    @Test
    void excludedEntriesInReplicaAreLeftAlone() throws Exception {
        Trees.write(source, "keep.txt", "k");
        Trees.write(replica, "old.tmp", "made by someone else");
        Trees.write(replica, "cache/warm.bin", "a cache REPLICA's users keep");
        Trees.write(replica, "gone.txt", "not in SOURCE, not excluded");

        CycleStats.Summary summary = cycle();

        assertTrue(Files.exists(replica.resolve("old.tmp")));
        assertTrue(Files.exists(replica.resolve("cache/warm.bin")));
        assertFalse(Files.exists(replica.resolve("gone.txt")));
        assertEquals(1, summary.deleted());
    }
}
