package io.foldersync.cli;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.foldersync.support.Await;
import io.foldersync.support.Jar;
import io.foldersync.support.Nobody;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Owners, extended attributes and --verify through the jar, as root and, where it must degrade, as nobody. */
class FidelityIT {

    @TempDir
    Path work;

    private Jar.Result run(String... options) throws Exception {
        String[] args = Stream.concat(Stream.of("src", "rep", "60", "logs/sync.log"), Stream.of(options))
                .toArray(String[]::new);
        return Jar.run(work, Map.of("XDG_STATE_HOME", work.resolve("state").toString()), args);
    }

    private static int owner(Path path, String which) throws Exception {
        return (Integer) Files.getAttribute(path, "unix:" + which, LinkOption.NOFOLLOW_LINKS);
    }

    private static void chown(Path path, int uid, int gid) throws Exception {
        Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void asRootOwnersAreMirroredAndAChangeOfOwnerAloneIsMirroredLikeAChangeOfMode() throws Exception {
        assumeTrue(Nobody.isRoot(), "only root may give files away");
        Path file = Trees.write(work, "src/d/owned.txt", "mine");
        chown(file, 1234, 5678);
        Files.setAttribute(file, "unix:mode", 04750); // setuid survives: the owner goes first, as chown clears it
        chown(file.getParent(), 4321, 8765);
        Files.createSymbolicLink(work.resolve("src/link"), Path.of("d/owned.txt"));
        chown(work.resolve("src/link"), 99, 98);

        assertEquals(0, run("--once").exitCode());
        Path copy = work.resolve("rep/d/owned.txt");
        assertEquals(1234, owner(copy, "uid"));
        assertEquals(5678, owner(copy, "gid"));
        assertEquals(04750, (Integer) Files.getAttribute(copy, "unix:mode") & 07777);
        assertEquals(4321, owner(work.resolve("rep/d"), "uid"));
        assertEquals(99, owner(work.resolve("rep/link"), "uid"));
        Object inode = Files.getAttribute(copy, "unix:ino");

        chown(file, 1000, 1000);
        Jar.Result ownerOnly = run("--once");

        assertEquals(0, ownerOnly.exitCode());
        assertTrue(ownerOnly.stdout().contains("touched=1"), ownerOnly.stdout());
        assertEquals(1000, owner(copy, "uid"));
        assertEquals(inode, Files.getAttribute(copy, "unix:ino"), "metadata only: the same file, not a new copy");
        assertEquals(0, run("--verify").exitCode(), "owners compared too, and equal");
    }

    @Test
    void asNobodyOwnersAreNotTriedAndSayingTheyMustBeIsAUsageError() throws Exception {
        assumeTrue(Nobody.isRoot(), "the test hands the folder to nobody");
        Trees.write(work, "src/a.txt", "a");
        Nobody.handOver(work);
        Map<String, String> env = Map.of("HOME", work.resolve("home").toString(), "XDG_STATE_HOME", "");

        Jar.Result auto = Nobody.run(work, env, "src", "rep", "60", "logs/sync.log", "--once");
        assertEquals(0, auto.exitCode(), auto.stdout() + auto.stderr());
        assertTrue(auto.stdout().contains("owners and groups are not mirrored: this process may not change them"),
                auto.stdout());
        assertEquals(1, countOf(auto.stdout(), "owners and groups are not mirrored"), "said once");

        Jar.Result required = Nobody.run(work, Map.of("SYNC_OWNER", "true"), "src", "rep2", "60", "logs/sync.log");
        assertEquals(2, required.exitCode());
        assertTrue(required.stderr().contains("sync.owner=true, but this process may not change owners"),
                required.stderr());
        assertFalse(Files.exists(work.resolve("rep2")));
    }

    @Test
    void extendedAttributesAreCopiedAndAChangeOfThemAloneIsMirrored() throws Exception {
        Path file = Trees.write(work, "src/tagged.txt", "content");
        setXattr(file, "colour", "blue");
        setXattr(file, "origin", "scanner");
        Trees.write(work, "src/plain.txt", "no attributes");
        Path config = work.resolve("xattrs.properties");
        Files.writeString(config, "sync.xattrs=true\n");

        assertEquals(0, run("--once", "--config", config.toString()).exitCode());
        Path copy = work.resolve("rep/tagged.txt");
        assertEquals("blue", xattr(copy, "colour"));
        assertEquals("scanner", xattr(copy, "origin"));

        FileTime mtime = Files.getLastModifiedTime(file);
        setXattr(file, "colour", "red");
        view(file).delete("origin");
        assertEquals(mtime, Files.getLastModifiedTime(file), "only the attributes changed");
        Jar.Result changed = run("--once", "--config", config.toString());

        assertEquals(0, changed.exitCode(), changed.stdout());
        assertTrue(changed.stdout().contains("touched=1"), changed.stdout());
        assertEquals("red", xattr(copy, "colour"));
        assertEquals(List.of("colour"), view(copy).list());
        Jar.Result again = run("--once", "--config", config.toString());
        assertTrue(again.stdout().contains("copied=0 updated=0 touched=0"), "nothing more to do: " + again.stdout());
    }

    /** REPLICA on ramfs, which has no user.* attributes: one WARN, and everything else syncs. */
    @Test
    void whereExtendedAttributesAreNotSupportedOneWarningSaysSo() throws Exception {
        Path replica = Files.createDirectories(work.resolve("rep"));
        Process mount = new ProcessBuilder("mount", "-t", "ramfs", "ramfs", replica.toString()).inheritIO().start();
        assumeTrue(mount.waitFor() == 0, "mounting needs root");
        try {
            for (int i = 0; i < 3; i++) {
                setXattr(Trees.write(work, "src/tagged-" + i + ".txt", "content " + i), "colour", "blue");
            }
            Path config = work.resolve("xattrs.properties");
            Files.writeString(config, "sync.xattrs=true\n");

            Jar.Result result = run("--once", "--config", config.toString());

            assertEquals(0, result.exitCode(), result.stdout());
            assertEquals(1, countOf(result.stdout(), "extended attributes are not supported"), result.stdout());
            assertTrue(result.stdout().contains("copied=3"), result.stdout());
            assertEquals("content 2", Files.readString(replica.resolve("tagged-2.txt")));
        } finally {
            new ProcessBuilder("umount", replica.toString()).inheritIO().start().waitFor();
        }
    }

    @Test
    void verifyFindsACorruptionTheIndexCannotSeeAndEveryOtherKindOfDifference() throws Exception {
        Trees.write(work, "src/same.txt", "unchanged");
        Path victim = Trees.write(work, "src/victim.bin", "0123456789");
        Trees.write(work, "src/missing.txt", "m");
        Trees.write(work, "src/becomes-folder", "f");
        Trees.write(work, "src/skip.tmp", "excluded: never a difference");
        Files.createSymbolicLink(work.resolve("src/link"), Path.of("same.txt"));
        assertEquals(0, run("--once").exitCode());
        assertEquals(0, run("--verify").exitCode(), "identical trees");

        Path corrupted = work.resolve("rep/victim.bin");
        FileTime mtime = Files.getLastModifiedTime(corrupted);
        Files.writeString(corrupted, "0123X56789"); // bit rot: same size, same mtime
        Files.setLastModifiedTime(corrupted, mtime);
        Jar.Result blind = run("--once");
        assertTrue(blind.stdout().contains("copied=0 updated=0 touched=0"), "the index trusts size and mtime: "
                + blind.stdout());
        Files.delete(work.resolve("rep/missing.txt"));
        Trees.write(work, "rep/extra.txt", "e");
        Files.delete(work.resolve("rep/becomes-folder"));
        Files.createDirectories(work.resolve("rep/becomes-folder"));
        Files.delete(work.resolve("rep/link"));
        Files.createSymbolicLink(work.resolve("rep/link"), Path.of("elsewhere"));
        Files.delete(work.resolve("rep/skip.tmp"));

        Jar.Result verify = run("--verify", "--exclude", "**/*.tmp");

        assertEquals(1, verify.exitCode(), verify.stdout());
        List<String> diffs = verify.stdout().lines().filter(l -> l.contains(" DIFF "))
                .map(l -> l.substring(l.indexOf("DIFF "))).toList();
        assertTrue(diffs.contains("DIFF victim.bin content: another MD5 at the same size"), diffs.toString());
        assertTrue(diffs.contains("DIFF missing.txt missing in REPLICA"), diffs.toString());
        assertTrue(diffs.contains("DIFF becomes-folder type: file in SOURCE, folder in REPLICA"), diffs.toString());
        assertTrue(diffs.contains("DIFF extra.txt not in SOURCE"), diffs.toString());
        assertTrue(diffs.contains("DIFF link link target: same.txt in SOURCE"), diffs.toString());
        assertEquals(6, diffs.size(), "and the new link's mtime: " + diffs);
        assertTrue(diffs.stream().noneMatch(d -> d.contains("skip.tmp")), "excluded: " + diffs);
        assertTrue(verify.stdout().contains("VERIFY entries="), verify.stdout());
        assertEquals("0123X56789", Files.readString(corrupted), "a verify changes nothing");
        assertTrue(Files.exists(victim));
    }

    @Test
    void theReadRateBoundsHowFastAVerifyReads() throws Exception {
        byte[] mebibyte = new byte[1 << 20];
        for (int i = 0; i < 2; i++) {
            Files.createDirectories(work.resolve("src"));
            Files.write(work.resolve("src/f" + i), mebibyte);
        }
        assertEquals(0, run("--once").exitCode());
        Path config = work.resolve("rate.properties");
        Files.writeString(config, "sync.verify-rate=1MB\n");

        Jar.Result bounded = run("--verify", "--config", config.toString());

        assertEquals(0, bounded.exitCode(), bounded.stdout());
        Matcher summary = Pattern.compile("VERIFY .*bytes_read=(\\d+) duration_ms=(\\d+)").matcher(bounded.stdout());
        assertTrue(summary.find(), bounded.stdout());
        long bytes = Long.parseLong(summary.group(1));
        long millis = Long.parseLong(summary.group(2));
        assertEquals(4L << 20, bytes, "both trees read in full");
        double rate = bytes / (millis / 1000.0);
        assertTrue(rate <= 1.1 * (1 << 20), "read at " + rate + " B/s, over the 1 MiB/s bound");
        assertTrue(millis >= 2_900, "4 MiB at 1 MiB/s, the first MiB free: " + millis + " ms");
    }

    @Test
    void theBackgroundVerifyRepairsACorruptedReplicaFileWithinOneInterval() throws Exception {
        Path file = Trees.write(work, "src/precious.txt", "the real content");
        Path config = work.resolve("scrub.properties");
        Files.writeString(config, "sync.verify-interval=2s\nsync.interval=1h\nsync.watch=false\n");
        Process daemon = Jar.start(work, Map.of("XDG_STATE_HOME", work.resolve("state").toString()), List.of(),
                "src", "rep", "1h", "logs/sync.log", "--config", config.toString());
        try {
            Path copy = work.resolve("rep/precious.txt");
            Await.until(() -> Files.exists(copy), 30_000, "the first cycle");
            FileTime mtime = Files.getLastModifiedTime(copy);
            Files.writeString(copy, "the faked content".substring(0, 16)); // same length, same mtime: bit rot
            Files.setLastModifiedTime(copy, mtime);
            long corrupted = System.nanoTime();

            Await.until(() -> Files.readString(copy).equals("the real content"), 10_000, "the repair");

            assertTrue((System.nanoTime() - corrupted) / 1_000_000 < 2 * 2_000 + 2_000,
                    "within one interval of the next verify");
            // the UPDATE line follows the rename that put the content back
            Await.until(() -> Files.readString(work.resolve("logs/sync.log")).contains("UPDATE precious.txt"), 5_000,
                    "the repair's UPDATE line");
            String log = Files.readString(work.resolve("logs/sync.log"));
            assertTrue(log.contains("DIFF precious.txt content: another MD5 at the same size"), log);
            assertTrue(log.contains("REPAIR precious.txt (content: another MD5 at the same size)"), log);
            assertEquals(Files.getLastModifiedTime(file), Files.getLastModifiedTime(copy));
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
    }

    @Test
    void hardLinkGroupsAreCopiedOnceExtendedBrokenAndSurviveARestartWithoutACopy() throws Exception {
        Path first = Trees.write(work, "src/a/first.bin", "x".repeat(10_000));
        Files.createLink(work.resolve("src/b-second.bin"), first);
        Files.createDirectories(work.resolve("src/c"));
        Files.createLink(work.resolve("src/c/third.bin"), first);
        Trees.write(work, "src/single.txt", "alone");
        Path config = work.resolve("links.properties");
        Files.writeString(config, "sync.hard-links=true\n");

        Jar.Result created = run("--once", "--config", config.toString());

        assertEquals(0, created.exitCode(), created.stdout());
        assertTrue(created.stdout().contains("bytes_copied=10005"), "one copy of the linked file: " + created.stdout());
        Object key = Files.getAttribute(work.resolve("rep/a/first.bin"), "unix:ino");
        assertEquals(key, Files.getAttribute(work.resolve("rep/b-second.bin"), "unix:ino"));
        assertEquals(key, Files.getAttribute(work.resolve("rep/c/third.bin"), "unix:ino"));
        assertEquals(3, Files.getAttribute(work.resolve("rep/a/first.bin"), "unix:nlink"));

        Jar.Result restarted = run("--once", "--config", config.toString());
        assertTrue(restarted.stdout().contains("copied=0 updated=0 touched=0"), restarted.stdout());
        assertTrue(restarted.stdout().contains("bytes_copied=0 bytes_hashed=0"), restarted.stdout());
        assertFalse(restarted.stdout().contains("HARD_LINK"), restarted.stdout());

        Files.createLink(work.resolve("src/c/fourth.bin"), first); // the group grows
        Path broken = work.resolve("src/b-second.bin");
        FileTime mtime = Files.getLastModifiedTime(broken);
        Files.copy(first, work.resolve("src/copy.tmp"));
        Files.move(work.resolve("src/copy.tmp"), broken, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(broken, mtime); // a file of its own now, same content and times
        Jar.Result changed = run("--once", "--config", config.toString());

        assertEquals(0, changed.exitCode(), changed.stdout());
        assertEquals(key, Files.getAttribute(work.resolve("rep/c/fourth.bin"), "unix:ino"), "extended");
        assertFalse(key.equals(Files.getAttribute(work.resolve("rep/b-second.bin"), "unix:ino")), "broken");
        assertEquals(0, run("--verify", "--config", config.toString()).exitCode());

        Files.delete(work.resolve("rep/c/third.bin"));
        Files.copy(work.resolve("rep/a/first.bin"), work.resolve("rep/c/third.bin"),
                java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        Jar.Result unlinked = run("--verify", "--config", config.toString());
        assertEquals(1, unlinked.exitCode(), unlinked.stdout());
        assertTrue(unlinked.stdout().contains("DIFF c/third.bin hard link: another name of a/first.bin in SOURCE, "
                + "a file of its own in REPLICA"), unlinked.stdout());
    }

    /**
     * The watch mirrors hard links as the cycle does: names linked while the daemon runs arrive as one copy and links,
     * and a change through one name reaches every name, as they are one file (INTERVAL 1h: no cycle helps).
     */
    @Test
    void theWatchMirrorsHardLinksAsTheCycleDoes() throws Exception {
        Path a = Trees.write(work, "src/a", "first");
        Files.createLink(work.resolve("src/a2"), a);
        Files.writeString(work.resolve("links.properties"), "sync.hard-links=true\n");
        Process daemon = Jar.start(work, Map.of(), List.of(), "src", "rep", "1h", "logs/sync.log", "--config",
                "links.properties");
        try {
            Await.until(() -> log().contains("CYCLE "), 30_000, "the first cycle");
            assertEquals(Files.getAttribute(work.resolve("rep/a"), "unix:ino"),
                    Files.getAttribute(work.resolve("rep/a2"), "unix:ino"));

            Files.writeString(a, " modified", StandardOpenOption.APPEND);
            Await.until(() -> "first modified".equals(read("rep/a2")) && "first modified".equals(read("rep/a")),
                    10_000, "a change through one name, in every name");
            assertEquals(Files.getAttribute(work.resolve("rep/a"), "unix:ino"),
                    Files.getAttribute(work.resolve("rep/a2"), "unix:ino"), "still one file");

            Path n1 = Trees.write(work, "src/d/n1", "x".repeat(5_000));
            Files.createLink(work.resolve("src/n2"), n1);
            Files.createLink(work.resolve("src/d/n3"), n1);
            Await.until(() -> Files.exists(work.resolve("rep/d/n3")) && Files.exists(work.resolve("rep/n2"))
                    && Files.getAttribute(work.resolve("rep/d/n1"), "unix:ino").equals(
                    Files.getAttribute(work.resolve("rep/d/n3"), "unix:ino"))
                    && Files.getAttribute(work.resolve("rep/d/n1"), "unix:ino").equals(
                    Files.getAttribute(work.resolve("rep/n2"), "unix:ino")), 10_000, "three names, one file");
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
        assertEquals(0, run("--verify", "--config", "links.properties").exitCode(), log());
        assertEquals(1, countOf(log(), "COPY d/n1") + countOf(log(), "COPY n2") + countOf(log(), "COPY d/n3"),
                "one copy of the three names: " + log());
        assertEquals(2, countOf(log(), "HARD_LINK d/n1") + countOf(log(), "HARD_LINK n2")
                + countOf(log(), "HARD_LINK d/n3"), "and two links: " + log());
    }

    private String log() {
        String log = read("logs/sync.log");
        return log == null ? "" : log;
    }

    private String read(String path) {
        try {
            return Files.readString(work.resolve(path));
        } catch (java.io.IOException notYet) {
            return null;
        }
    }

    private static int countOf(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static UserDefinedFileAttributeView view(Path file) {
        return Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    }

    private static void setXattr(Path file, String name, String value) throws Exception {
        view(file).write(name, ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)));
    }

    private static String xattr(Path file, String name) throws Exception {
        ByteBuffer value = ByteBuffer.allocate(view(file).size(name));
        view(file).read(name, value);
        return new String(value.array(), StandardCharsets.UTF_8);
    }
}
