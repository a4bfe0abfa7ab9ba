package io.foldersync;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.foldersync.observe.CycleStats;
import io.foldersync.support.MirrorRouteTestSupport;
import io.foldersync.support.TreeAssert;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.Test;

import static io.foldersync.support.TreeAssert.assertMirror;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile trees and races: names, links planted in REPLICA, files changing under the copy. */
class SafetyTest extends MirrorRouteTestSupport {

    @Test
    void hostileNamesAreMirroredExactly() throws Exception {
        String nfc = Normalizer.normalize("café", Normalizer.Form.NFC);
        String nfd = Normalizer.normalize("café", Normalizer.Form.NFD);
        List<String> names = List.of("with space", "-leading-dash", "--double", "100%", "$HOME", "#hash",
                "'single'", "\"double\"", "back\\slash", "new\nline", "tab\there", "emoji-\uD83D\uDE00", nfc, nfd,
                "x".repeat(255), "é".repeat(127), ".", "..x", "...", "*?[]{}", "semi;colon&amp|pipe",
                "held.camelLock", ".camel");
        for (String name : names) {
            if (!name.equals(".")) {
                Trees.write(source, name, "content of " + name);
            }
        }
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            deep.append("level-").append(i).append('/');
        }
        Trees.write(source, deep + "bottom.txt", "forty folders down");
        Trees.write(source, "folder/.camel/inside", "Camel's own listing skips folders named .camel");
        assertEquals(2, Files.list(source).filter(p -> p.getFileName().toString().startsWith("caf")).count(),
                "NFC and NFD are two names");

        CycleStats.Summary summary = cycle();

        assertEquals(0, summary.errors());
        assertMirror(source, replica);
        assertEquals(0, cycle().copied(), "and a second cycle finds them all unchanged");
    }

    @Test
    void aNameThatIsNotValidUtf8IsAnErrorNotASilentGap() throws Exception {
        Trees.write(source, "good.txt", "fine");
        Process create = new ProcessBuilder("sh", "-c", "printf latin1 > \"$(printf 'bad-\\377-name')\"")
                .directory(source.toFile()).inheritIO().start();
        assertEquals(0, create.waitFor());

        CycleStats.Summary summary = cycle();

        assertEquals(1, summary.errors(), "an entry that cannot be mirrored must be reported");
        assertEquals("fine", Files.readString(replica.resolve("good.txt")));
        assertTrue(io.foldersync.support.CapturedLog.lines().stream()
                .anyMatch(l -> l.startsWith("ERROR bad-") && l.endsWith("not valid UTF-8, and Java can only address "
                        + "names it decodes")), "one clean line, no dangling ': '");
    }

    @Test
    void aFolderWithAHundredThousandEntries() throws Exception {
        Path big = Files.createDirectories(source.resolve("big"));
        byte[] one = {'x'};
        for (int i = 0; i < 100_000; i++) {
            Files.write(big.resolve("f" + i), one);
        }

        CycleStats.Summary first = cycle();
        CycleStats.Summary second = cycle();

        assertEquals(100_000, first.copied());
        assertEquals(0, first.errors());
        assertEquals(0, second.copied() + second.bytesHashed());
        try (var entries = Files.list(replica.resolve("big"))) {
            assertEquals(100_000, entries.count());
        }
    }

    @Test
    void aSymlinkOrFileInReplicaWhereSourceHasAFolderIsReplacedAndNothingOutsideIsTouched() throws Exception {
        Path canary = canary();
        Trees.write(source, "sub/file.txt", "must land inside REPLICA");
        Trees.write(source, "other/file.txt", "also");
        Files.createDirectories(replica);
        Files.createSymbolicLink(replica.resolve("sub"), canary);
        Trees.write(replica, "other", "a file where the source has a folder");
        String before = TreeAssert.differences(canary, canary).toString() + listing(canary);

        CycleStats.Summary summary = cycle();

        assertEquals(0, summary.errors());
        assertMirror(source, replica);
        assertTrue(Files.isDirectory(replica.resolve("sub"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(before, TreeAssert.differences(canary, canary).toString() + listing(canary));
    }

    /** A link to nothing answers java.io's "is anything there" with no, as a missing folder does: it is replaced. */
    @Test
    void aLinkToNothingInReplicaWhereSourceHasAFolderIsReplacedAndItsTargetNeverMade() throws Exception {
        Path canary = canary();
        Path target = canary.resolve("never-made");
        Trees.write(source, "sub/deeper/file.txt", "must land inside REPLICA");
        Files.createDirectories(replica);
        Files.createSymbolicLink(replica.resolve("sub"), target);

        CycleStats.Summary summary = cycle();

        assertEquals(0, summary.errors());
        assertMirror(source, replica);
        assertTrue(Files.isDirectory(replica.resolve("sub"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(target, LinkOption.NOFOLLOW_LINKS), "nothing is made where the link pointed");
    }

    @Test
    void replicaFoldersSwappedForSymlinksWhileCyclesRunNeverLetAWriteOrDeleteOut() throws Exception {
        Path canary = canary();
        String canaryBefore = listing(canary);
        for (int i = 0; i < 300; i++) {
            Trees.write(source, "sub/f" + i, "content " + i);
            Trees.write(source, "sub/nested/g" + i, "nested " + i);
        }
        Trees.write(replica, "sub/extra-to-prune", "delete me, but only here");
        AtomicBoolean running = new AtomicBoolean(true);
        Thread attacker = new Thread(() -> {
            Path sub = replica.resolve("sub");
            Path moved = replica.resolve("sub.moved");
            while (running.get()) {
                try {
                    if (Files.isDirectory(sub, LinkOption.NOFOLLOW_LINKS)) {
                        Files.move(sub, moved);
                        Files.createSymbolicLink(sub, canary);
                        Thread.onSpinWait();
                        Files.delete(sub);
                        Files.move(moved, sub);
                    }
                } catch (Exception ignored) {
                    // the race is the point: keep swapping
                }
            }
        });
        attacker.start();
        try {
            for (int round = 0; round < 5; round++) {
                Files.writeString(source.resolve("sub/f" + round), "changed in round " + round);
                cycle();
                assertEquals(canaryBefore, listing(canary), "round " + round + " changed the canary");
            }
        } finally {
            running.set(false);
            attacker.join();
        }
        Trees.deleteTree(replica.resolve("sub.moved"));
        if (Files.isSymbolicLink(replica.resolve("sub"))) {
            Files.delete(replica.resolve("sub"));
        }
        cycle();
        assertMirror(source, replica);
        assertEquals(canaryBefore, listing(canary));
    }

    @Test
    void aFileRewrittenWhileItIsCopiedNeverLeavesAMixOfVersions() throws Exception {
        byte[] a = new byte[8 << 20];
        byte[] b = new byte[8 << 20];
        java.util.Arrays.fill(a, (byte) 'A');
        java.util.Arrays.fill(b, (byte) 'B');
        Path file = source.resolve("busy.bin");
        Files.write(file, a);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            boolean flip = false;
            while (running.get()) {
                try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                    byte[] content = flip ? a : b;
                    for (int off = 0; off < content.length; off += 1 << 20) {
                        channel.write(java.nio.ByteBuffer.wrap(content, off, 1 << 20), off);
                    }
                    flip = !flip;
                } catch (Exception ignored) {
                    // keep rewriting
                }
            }
        });
        writer.start();
        try {
            for (int round = 0; round < 6; round++) {
                cycle();
                Path copy = replica.resolve("busy.bin");
                if (Files.exists(copy)) {
                    byte[] content = Files.readAllBytes(copy);
                    byte first = content[0];
                    for (byte x : content) {
                        if (x != first) {
                            throw new AssertionError("round " + round + ": a mix of versions at the final path");
                        }
                    }
                }
            }
        } finally {
            running.set(false);
            writer.join();
        }
        cycle();
        assertMirror(source, replica);
    }

    @Test
    void aFileThatKeepsChangingIsRetriedAloneWhileTheFilesCopiedBesideItAreCopiedOnce() throws Exception {
        for (int i = 0; i < 40; i++) {
            Trees.write(source, "d/small" + i + ".txt", "small " + i); // one folder: batched with busy.bin
        }
        Path busy = Trees.write(source, "d/busy.bin", "0");
        AtomicBoolean running = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            for (long n = 1; running.get(); n++) {
                try {
                    Files.writeString(busy, "version " + n + " " + "x".repeat(64 << 10));
                } catch (Exception ignored) {
                    // keep rewriting
                }
            }
        });
        writer.start();
        try {
            cycle();
        } finally {
            running.set(false);
            writer.join();
        }
        List<String> copies = actions().stream().filter(line -> line.startsWith("COPY d/small")).toList();
        assertEquals(40, copies.size(), copies.toString());
        assertEquals(40, copies.stream().distinct().count(), "a redelivery copied a file of the batch again");
        for (int i = 0; i < 40; i++) {
            assertEquals("small " + i, Files.readString(replica.resolve("d/small" + i + ".txt")));
        }
        List<String> gaveUp = io.foldersync.support.CapturedLog.lines().stream()
                .filter(line -> line.contains("gave up")).toList();
        assertTrue(gaveUp.stream().allMatch(line -> line.contains("busy.bin")), gaveUp.toString());
        cycle();
        assertMirror(source, replica);
    }

    @Test
    void aFileDeletedBetweenListingAndCopyIsNotAnError() throws Exception {
        Trees.write(source, "kept.txt", "k");
        cycle();
        Path file = Trees.write(source, "listed-then-deleted.txt", "listed");
        io.foldersync.fs.FileMeta listed = io.foldersync.fs.FileMeta.of(file);
        Files.delete(file);
        io.foldersync.support.CapturedLog.clear();

        // what the apply route finds when the file went after the walk listed it
        template.sendBody("direct:default-apply", io.foldersync.decide.Decision.listed("listed-then-deleted.txt",
                listed));

        assertTrue(actions().contains("VANISHED listed-then-deleted.txt (gone from SOURCE before it was mirrored)"),
                actions().toString());
        assertEquals(0, cycle().errors());
    }

    private Path canary() throws Exception {
        Path canary = temp.resolve("canary");
        Trees.write(canary, "precious.txt", "outside both trees");
        Files.createDirectories(canary.resolve("nested"));
        return canary;
    }

    /** Every entry below a folder with its type, size, mode and mtime, read without following links. */
    private static String listing(Path root) throws Exception {
        StringBuilder out = new StringBuilder();
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted().toList()) {
                var attrs = Files.readAttributes(p, java.nio.file.attribute.PosixFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                out.append(root.relativize(p)).append(' ').append(attrs.isDirectory() ? "d" : "f")
                        .append(' ').append(attrs.size()).append(' ').append(attrs.permissions())
                        .append(' ').append(attrs.lastModifiedTime()).append('\n');
                if (attrs.isRegularFile()) {
                    out.append(new String(Files.readAllBytes(p), StandardCharsets.UTF_8)).append('\n');
                }
            }
        }
        return out.toString();
    }
}
