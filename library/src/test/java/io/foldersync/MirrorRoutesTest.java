package io.foldersync;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import io.foldersync.observe.CycleStats;
import io.foldersync.support.MirrorRouteTestSupport;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.Test;

import static io.foldersync.support.TreeAssert.assertMirror;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sync and prune routes, end to end on real folders: what the mirror copies, skips, updates and deletes. */
class MirrorRoutesTest extends MirrorRouteTestSupport {

    @Test
    void firstCycleCopiesEverythingIncludingHiddenEntriesEmptyFoldersLinksAndModes() throws Exception {
        Trees.write(source, "a.txt", "alpha");
        Trees.write(source, ".hidden", "dot file");
        Trees.write(source, ".dot-folder/inside", "in a hidden folder");
        Trees.write(source, "deep/er/still/file.bin", "deep");
        Files.createDirectories(source.resolve("empty/nested-empty"));
        Trees.chmod(Trees.write(source, "script.sh", "#!/bin/sh"), "rwxr-x--x");
        Trees.chmod(source.resolve("deep"), "rwx------");
        Files.createSymbolicLink(source.resolve("link-to-a"), Path.of("a.txt"));
        Files.createSymbolicLink(source.resolve("dangling"), Path.of("no/such/target"));

        CycleStats.Summary summary = cycle();

        assertMirror(source, replica);
        assertEquals(0, summary.errors());
        assertEquals(5, summary.copied());
        assertTrue(Files.isSymbolicLink(replica.resolve("link-to-a")));
    }

    @Test
    void unchangedTreeIsNeitherCopiedNorRead() throws Exception {
        for (int i = 0; i < 50; i++) {
            Trees.write(source, "d" + (i % 5) + "/f" + i, "content " + i);
        }
        cycle();

        CycleStats.Summary second = cycle();

        assertEquals(0, second.copied() + second.updated() + second.touched() + second.deleted());
        assertEquals(0, second.bytesHashed(), "a no-change cycle must read no file content");
        assertEquals(55, second.scanned());
        assertMirror(source, replica);
    }

    @Test
    void changedContentIsUpdatedAndOnlyThatFileIsCopied() throws Exception {
        Trees.writeAged(source, "keep.txt", "same", 100);
        Trees.writeAged(source, "change.txt", "before", 100);
        cycle();

        Trees.write(source, "change.txt", "after, and longer");
        CycleStats.Summary summary = cycle();

        assertEquals(1, summary.updated());
        assertEquals(0, summary.copied());
        assertTrue(actions().contains("UPDATE change.txt 17 bytes"), actions().toString());
        assertMirror(source, replica);
    }

    @Test
    void sameContentWithNewMtimeOnlyTouchesTheReplica() throws Exception {
        Path file = Trees.writeAged(source, "f.txt", "unchanged content", 100);
        cycle();

        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(5)));
        CycleStats.Summary summary = cycle();

        assertEquals(1, summary.touched());
        assertEquals(0, summary.copied() + summary.updated());
        assertEquals(17, summary.bytesHashed(), "the content is hashed once to prove it is the same");
        assertMirror(source, replica);
    }

    @Test
    void permissionChangeAloneIsApplied() throws Exception {
        Path file = Trees.writeAged(source, "f.txt", "x", 100);
        cycle();

        Trees.chmod(file, "r--------");
        CycleStats.Summary summary = cycle();

        assertEquals(0, summary.copied() + summary.updated());
        assertEquals(0, summary.bytesHashed());
        assertMirror(source, replica);
    }

    @Test
    void contentThatChangesBackIsCopiedEachTime() throws Exception {
        Path file = Trees.writeAged(source, "f.txt", "AAAA", 300);
        cycle();
        Files.writeString(file, "BBBB");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(200)));
        assertEquals(1, cycle().updated());
        assertMirror(source, replica);

        Files.writeString(file, "AAAA");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(100)));
        assertEquals(1, cycle().updated());
        assertMirror(source, replica);
    }

    @Test
    void entriesGoneFromSourceAreDeletedDeepestFirst() throws Exception {
        Trees.write(source, "keep/k", "k");
        Trees.write(source, "gone/a/b/c.txt", "c");
        Trees.write(source, "gone/top.txt", "t");
        Trees.write(source, "file-gone.txt", "f");
        Files.createSymbolicLink(source.resolve("link-gone"), Path.of("keep"));
        cycle();

        Trees.deleteTree(source.resolve("gone"));
        Files.delete(source.resolve("file-gone.txt"));
        Files.delete(source.resolve("link-gone"));
        CycleStats.Summary summary = cycle();

        assertMirror(source, replica);
        assertEquals(7, summary.deleted());
        List<String> actions = actions();
        assertTrue(actions.indexOf("DELETE gone/a/b/c.txt") < actions.indexOf("DELETE_DIR gone/a/b"), actions.toString());
        assertTrue(actions.indexOf("DELETE_DIR gone/a") < actions.indexOf("DELETE_DIR gone"), actions.toString());
    }

    @Test
    void driftInReplicaIsRepairedByTheNextCycle() throws Exception {
        Trees.writeAged(source, "edited.txt", "original", 100);
        Trees.writeAged(source, "deleted.txt", "original", 100);
        Trees.writeAged(source, "folder/inside.txt", "original", 100);
        cycle();

        Files.writeString(replica.resolve("edited.txt"), "someone else wrote this");
        Files.delete(replica.resolve("deleted.txt"));
        Trees.deleteTree(replica.resolve("folder"));
        Trees.write(replica, "stray.txt", "not in source");
        cycle();

        assertMirror(source, replica);
    }

    @Test
    void symlinksAreCopiedAsLinksAndNeverFollowed() throws Exception {
        Path outside = temp.resolve("outside");
        Trees.write(outside, "canary.txt", "must never be copied");
        Trees.write(source, "real/file", "f");
        Files.createSymbolicLink(source.resolve("to-parent"), Path.of(".."));
        Files.createSymbolicLink(source.resolve("to-self"), Path.of("."));
        Files.createSymbolicLink(source.resolve("real/loop"), Path.of("../real"));
        Files.createSymbolicLink(source.resolve("absolute-out"), outside);

        CycleStats.Summary summary = cycle();

        assertMirror(source, replica);
        assertEquals(0, summary.errors());
        assertTrue(Files.isSymbolicLink(replica.resolve("absolute-out")));
        assertEquals(outside, Files.readSymbolicLink(replica.resolve("absolute-out")));
        try (var outsideEntries = Files.list(outside)) {
            assertEquals(List.of(outside.resolve("canary.txt")), outsideEntries.toList());
        }
        assertEquals("must never be copied", Files.readString(outside.resolve("canary.txt")));
        assertEquals(1, summary.copied(), "only real/file is a file to copy");
    }

    @Test
    void specialFilesAreSkippedWithAWarningNotAnError() throws Exception {
        Trees.mkfifo(source.resolve("pipe"));
        Trees.write(source, "normal.txt", "n");

        CycleStats.Summary summary = cycle();

        assertEquals(0, summary.errors());
        assertFalse(Files.exists(replica.resolve("pipe"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(actions().contains("SKIP pipe (not a regular file, folder or symlink)"), actions().toString());
        assertMirror(source, replica);
    }

    @Test
    void typeChangesConvergeInOneCycle() throws Exception {
        Trees.write(source, "file-becomes-dir", "f");
        Trees.write(source, "dir-becomes-file/child/grandchild", "g");
        Files.createSymbolicLink(source.resolve("link-becomes-file"), Path.of("x"));
        Trees.write(source, "file-becomes-link", "f");
        Files.createSymbolicLink(source.resolve("link-becomes-dir"), Path.of("x"));
        Trees.write(source, "dir-becomes-link/child", "c");
        cycle();

        Files.delete(source.resolve("file-becomes-dir"));
        Trees.write(source, "file-becomes-dir/child", "now a folder");
        Trees.deleteTree(source.resolve("dir-becomes-file"));
        Trees.write(source, "dir-becomes-file", "now a file");
        Files.delete(source.resolve("link-becomes-file"));
        Trees.write(source, "link-becomes-file", "now a file");
        Files.delete(source.resolve("file-becomes-link"));
        Files.createSymbolicLink(source.resolve("file-becomes-link"), Path.of("target"));
        Files.delete(source.resolve("link-becomes-dir"));
        Trees.write(source, "link-becomes-dir/child", "now a folder");
        Trees.deleteTree(source.resolve("dir-becomes-link"));
        Files.createSymbolicLink(source.resolve("dir-becomes-link"), Path.of("elsewhere"));
        CycleStats.Summary summary = cycle();

        assertMirror(source, replica);
        assertEquals(0, summary.errors());
    }

    @Test
    void leftoverTemporaryFilesFromACrashAreRemovedAndNoneAreLeftByACopy() throws Exception {
        Trees.write(source, "a/b.txt", "b");
        cycle();
        Trees.write(replica, "a/.folder-sync-00deadbeef000000.tmp", "half-written by a killed run");

        cycle();

        assertMirror(source, replica);
    }

    @Test
    void missingSourceDeletesNothingAndIsAnError() throws Exception {
        Trees.write(source, "precious.txt", "keep me");
        cycle();

        Trees.deleteTree(source);
        CycleStats.Summary summary = cycle();

        assertTrue(summary.errors() > 0);
        assertEquals("keep me", Files.readString(replica.resolve("precious.txt")));
    }

    @Test
    void emptiedSourceHoldsDeletions() throws Exception {
        Trees.write(source, "precious.txt", "keep me");
        cycle();

        Files.delete(source.resolve("precious.txt"));
        CycleStats.Summary summary = cycle();

        assertTrue(summary.errors() > 0);
        assertTrue(Files.exists(replica.resolve("precious.txt")));
    }

    @Test
    void namesThatCouldForgeLogLinesAreEscaped() throws Exception {
        Trees.write(source, "evil\nINFO CYCLE scanned=0 errors=0", "x");

        cycle();

        assertMirror(source, replica);
        assertTrue(actions().stream().anyMatch(line -> line.startsWith("COPY evil\\x0aINFO CYCLE")), actions().toString());
        assertTrue(actions().stream().noneMatch(line -> line.contains("\n")));
    }

    /**
     * The component that lets the sync route's poll be a cycle is registered as file: for the whole context. Another
     * route's file: endpoint must keep Camel's own behaviour: hidden files skipped, files moved after processing.
     */
    @Test
    void anotherFileEndpointInTheSameContextBehavesAsStock() throws Exception {
        Path inbox = Files.createDirectories(temp.resolve("inbox"));
        Path outbox = temp.resolve("outbox");
        Trees.write(inbox, "order.txt", "one order");
        Trees.write(inbox, ".hidden-order.txt", "skipped by Camel's default");
        context.addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + inbox + "?delay=50&move=.done").routeId("stock-inbox").to("file:" + outbox);
            }
        });

        io.foldersync.support.Await.until(() -> Files.exists(outbox.resolve("order.txt")), 10_000, "the stock route");
        io.foldersync.support.Await.until(() -> Files.exists(inbox.resolve(".done/order.txt")), 10_000, "the move");
        assertEquals("one order", Files.readString(outbox.resolve("order.txt")));
        assertFalse(Files.exists(inbox.resolve("order.txt")), "moved, as move=.done says");
        assertFalse(Files.exists(outbox.resolve(".hidden-order.txt")), "hidden files are skipped by default");
        assertEquals("org.apache.camel.component.file.FileConsumer",
                context.getRoute("stock-inbox").getConsumer().getClass().getName());
    }
}
