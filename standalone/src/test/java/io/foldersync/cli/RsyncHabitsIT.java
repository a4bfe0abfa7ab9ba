package io.foldersync.cli;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.foldersync.support.Await;
import io.foldersync.support.Jar;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What users bring from rsync, .gitignore and Syncthing, through the jar on real trees: patterns at any depth, folders
 * only for what includes choose, a one-shot repair as rsync -c makes, and a log that says what a dry run would do.
 */
class RsyncHabitsIT {

    @TempDir
    Path work;

    private Jar.Result once(String... options) throws Exception {
        String[] args = Stream.concat(Stream.of("src", "rep", "60", "logs/sync.log", "--once"), Stream.of(options))
                .toArray(String[]::new);
        return Jar.run(work, Map.of(), args);
    }

    private Jar.Result run(String... args) throws Exception {
        return Jar.run(work, Map.of(), Stream.concat(Stream.of("src", "rep", "60", "logs/sync.log"), Stream.of(args))
                .toArray(String[]::new));
    }

    @Test
    void patternsMatchAtAnyDepthAsRsyncAndGitignoreReadThem() throws Exception {
        for (String path : List.of("top.txt", "a.tmp", "proj/a.tmp", "proj/.git/config", "proj/node_modules/x/i.js",
                "proj/src/main.c", "cache", "sub/cache/big.bin", "build/out", "src/build/keep", "a.txt", "d/b.txt",
                "c.txt", "x.bak", "y.log", "a,b", "a")) {
            Trees.write(work, "src/" + path, path);
        }

        Jar.Result result = once("--exclude", "*.tmp", "--exclude", "node_modules/", "--exclude", ".git/",
                "--exclude", "cache/", "--exclude", "/build", "--exclude", "[ab].txt", "--exclude", "*.{bak,log}",
                "--exclude", "a,b");

        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        assertEquals(List.of("a", "c.txt", "cache", "d", "proj", "proj/src", "proj/src/main.c", "src", "src/build",
                "src/build/keep", "sub", "top.txt"), tree(work.resolve("rep")),
                "cache/ is a folder only; a,b is one pattern; /build is anchored");
    }

    @Test
    void aPatternThatIsEmptyOrNoGlobIsAUsageErrorThatTouchesNothing() throws Exception {
        Trees.write(work, "src/a.txt", "a");
        for (String pattern : List.of("", "[ab.txt", "*.{tmp,bak", "a/../b")) {
            Jar.Result refused = once("--exclude", pattern);

            assertEquals(2, refused.exitCode(), pattern + ": " + refused.stderr());
            assertEquals(1, refused.stderrLines().size(), refused.stderr());
            assertTrue(refused.stderr().contains("pattern"), refused.stderr());
            assertFalse(Files.exists(work.resolve("rep")), "nothing made");
        }
    }

    @Test
    void includesMakeOnlyTheFoldersThatLeadToAMatchAndTheWatchRemovesThemWhenItGoes() throws Exception {
        Trees.write(work, "src/keep.txt", "top");
        Trees.write(work, "src/proj/a/keep.txt", "deep");
        Trees.write(work, "src/proj/node_modules/lodash/index.js", "no");
        Trees.write(work, "src/py/asyncio/__pycache__/x.pyc", "no");
        Trees.write(work, "src/py/json/tool.py", "yes");
        Files.createDirectories(work.resolve("src/.git/objects"));

        Jar.Result result = once("--include", "**/keep.txt", "--include", "py/json/**");

        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        assertEquals(List.of("keep.txt", "proj", "proj/a", "proj/a/keep.txt", "py", "py/json", "py/json/tool.py"),
                tree(work.resolve("rep")));

        Process daemon = Jar.start(work, Map.of(), List.of(), "src", "rep", "1h", "logs/sync.log", "--include",
                "**/keep.txt", "--include", "py/json/**");
        try {
            Await.until(() -> log().contains("watching"), 30_000, "the watch");
            Files.createDirectories(work.resolve("src/new/empty/folders"));
            Trees.write(work, "src/new/notes.md", "not chosen");
            Trees.write(work, "src/other/deeper/keep.txt", "chosen");
            Await.until(() -> Files.exists(work.resolve("rep/other/deeper/keep.txt")), 10_000, "the chosen file");
            Thread.sleep(1_000); // windows enough for new/ to appear, which it must not
            assertFalse(Files.exists(work.resolve("rep/new")), log());

            Files.delete(work.resolve("src/proj/a/keep.txt"));
            Await.until(() -> !Files.exists(work.resolve("rep/proj")), 10_000,
                    "proj/a and proj to go with their last match: " + tree(work.resolve("rep")));
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
        assertTrue(Files.exists(work.resolve("rep/keep.txt")));
    }

    /** A flipped byte with size, mtime and mode kept: --verify finds it, --verify --repair puts it right. */
    @Test
    void verifyRepairMendsWhatTheIndexCannotSee() throws Exception {
        Trees.write(work, "src/data.bin", "the content as it should be");
        Trees.write(work, "src/fine.txt", "fine");
        assertEquals(0, once().exitCode());
        Path copy = work.resolve("rep/data.bin");
        FileTime mtime = Files.getLastModifiedTime(copy);
        try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {'T'}), 0);
        }
        Files.setLastModifiedTime(copy, mtime);
        assertEquals(0, once().exitCode(), "--once trusts size and mtime: changes nothing");
        assertEquals(1, run("--verify").exitCode());

        Jar.Result repair = run("--verify", "--repair");

        assertEquals(0, repair.exitCode(), repair.stdout() + repair.stderr());
        assertTrue(repair.stdout().contains("REPAIR data.bin (content: another MD5 at the same size)"),
                repair.stdout());
        assertTrue(repair.stdout().contains("repaired=1 unrepaired=0"), repair.stdout());
        assertEquals("the content as it should be", Files.readString(copy));
        assertTrue(Files.readString(work.resolve("logs/sync.log")).contains("UPDATE data.bin"));
        assertEquals(0, run("--verify").exitCode());
        Jar.Result alone = run("--repair");
        assertEquals(2, alone.exitCode(), alone.stderr());
        assertTrue(alone.stderr().contains("--verify"), alone.stderr());
    }

    @Test
    void theBackgroundVerifyShowsItsRepairsOnTheConsole() throws Exception {
        Trees.write(work, "src/data.bin", "good");
        Path config = work.resolve("scrub.properties");
        Files.writeString(config, "sync.verify-interval=1s\n");
        Process daemon = Jar.start(work, Map.of(), List.of(), "src", "rep", "1h", "logs/sync.log", "--config",
                config.toString());
        try {
            // a verify that found nothing: one running beside the first cycle may have repaired what it was copying
            Await.until(() -> log().contains("differences=0"), 30_000, "a first clean background verify");
            Path copy = work.resolve("rep/data.bin");
            FileTime mtime = Files.getLastModifiedTime(copy);
            int before = log().length();
            Files.writeString(copy, "bad!");
            Files.setLastModifiedTime(copy, mtime);
            Await.until(() -> log().substring(before).contains("repaired=1"), 10_000, "the repair");
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
        String console = Files.readString(work.resolve("stdout.txt"));
        assertTrue(console.contains("REPAIR data.bin"), console);
        assertTrue(console.contains("repaired=1 unrepaired=0"), console);
        assertEquals("good", Files.readString(work.resolve("rep/data.bin")));
    }

    @Test
    void folderXattrsAreCopiedAndVerifyComparesXattrs() throws Exception {
        Path folder = Files.createDirectories(work.resolve("src/tagged"));
        Trees.write(work, "src/tagged/file.txt", "f");
        setXattr(folder, "colour", "blue");
        Path config = work.resolve("xattrs.properties");
        Files.writeString(config, "sync.xattrs=true\n");

        Jar.Result first = once("--config", config.toString());

        assertEquals(0, first.exitCode(), first.stdout() + first.stderr());
        assertEquals("blue", xattr(work.resolve("rep/tagged"), "colour"));
        setXattr(work.resolve("rep/tagged/file.txt"), "planted", "x");
        Jar.Result verify = run("--verify", "--config", config.toString());
        assertEquals(1, verify.exitCode());
        assertTrue(verify.stdout().contains("DIFF tagged/file.txt extended attributes differ"), verify.stdout());
    }

    @Test
    void aDryRunSaysSoInItsSummariesAndListsFoldersBeforeWhatTheyHold() throws Exception {
        Trees.write(work, "src/proj/keep.txt", "k");
        Trees.write(work, "rep/old/one", "1");
        Trees.write(work, "rep/old/two", "2");

        Jar.Result quiet = once("-q", "--dry-run");

        assertTrue(quiet.stdout().lines().anyMatch(line -> line.contains("CYCLE ") && line.endsWith("(dry run)")
                && line.contains(" deleted=3 ")), quiet.stdout());
        assertTrue(quiet.stdout().lines().anyMatch(line -> line.contains("PRUNE ") && line.endsWith("(dry run)")
                && line.contains(" deleted=3 ")), quiet.stdout());
        List<String> actions = Files.readString(work.resolve("logs/sync.log")).lines()
                .filter(line -> line.contains("(dry run)")).map(line -> line.replaceFirst(".*INFO  ", "")).toList();
        assertTrue(actions.indexOf("CREATE_DIR proj (dry run)") >= 0
                && actions.indexOf("CREATE_DIR proj (dry run)") < actions.indexOf("COPY proj/keep.txt 1 bytes (dry run)"),
                actions.toString());
        assertEquals(List.of("old", "old/one", "old/two"), tree(work.resolve("rep")), "a dry run changes nothing");
    }

    @Test
    void aDryRunWithHardLinksShowsWhatTheRunThenDoes() throws Exception {
        Path file = Trees.write(work, "src/a", "linked three times");
        Files.createDirectories(work.resolve("src/d"));
        Files.createLink(work.resolve("src/b"), file);
        Files.createLink(work.resolve("src/d/c"), file);
        Path config = work.resolve("links.properties");
        Files.writeString(config, "sync.hard-links=true\n");

        Jar.Result preview = once("--dry-run", "-v", "--config", config.toString());
        Jar.Result real = once("-v", "--config", config.toString());

        List<String> previewed = preview.stdout().lines().filter(line -> line.contains("(dry run)"))
                .map(line -> line.replaceFirst(".*INFO  ", "").replace(" (dry run)", "").replaceAll(" => .*", ""))
                .filter(line -> line.startsWith("COPY") || line.startsWith("HARD_LINK")).toList();
        List<String> done = real.stdout().lines().map(line -> line.replaceFirst(".*INFO  ", ""))
                .map(line -> line.replaceAll(" => .*", ""))
                .filter(line -> line.startsWith("COPY") || line.startsWith("HARD_LINK")).toList();
        assertEquals(1, done.stream().filter(line -> line.startsWith("COPY")).count(), done.toString());
        assertEquals(2, done.stream().filter(line -> line.startsWith("HARD_LINK")).count(), done.toString());
        assertEquals(done.stream().map(line -> line.split(" ")[0]).sorted().toList(),
                previewed.stream().map(line -> line.split(" ")[0]).sorted().toList(), preview.stdout());
    }

    @Test
    void anOwnerOnlyChangeIsNotATouch() throws Exception {
        Path file = Trees.write(work, "src/owned.txt", "o");
        assertEquals(0, once().exitCode());
        Files.setAttribute(file, "unix:uid", 65534);

        Jar.Result result = once();

        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        String log = log();
        assertTrue(log.contains("ATTRIBUTES owned.txt (owner)"), log);
        assertFalse(log.contains("TOUCH owned.txt"), log);
        assertEquals(65534, Files.getAttribute(work.resolve("rep/owned.txt"), "unix:uid", LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void sourceMovedAwayUnderTheDaemonIsSaidOnTheConsoleOnce() throws Exception {
        Trees.write(work, "src/a.txt", "a");
        Process daemon = Jar.start(work, Map.of(), List.of(), "src", "rep", "1h", "logs/sync.log");
        try {
            Await.until(() -> log().contains("CYCLE "), 30_000, "the first cycle");
            Files.move(work.resolve("src"), work.resolve("src.away"));
            Trees.write(work, "src.away/written-while-away.txt", "w");
            Await.until(() -> Files.readString(work.resolve("stdout.txt")).contains("is gone"), 10_000,
                    "the console to say so");
            Thread.sleep(1_500);
            Files.move(work.resolve("src.away"), work.resolve("src"));
            Await.until(() -> Files.readString(work.resolve("stdout.txt")).contains("is back"), 10_000, "its return");
            Await.until(() -> Files.exists(work.resolve("rep/written-while-away.txt")), 10_000,
                    "what was written while SOURCE was away");
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
        String console = Files.readString(work.resolve("stdout.txt"));
        assertEquals(1, console.split("is gone", -1).length - 1, console);
        assertTrue(Files.exists(work.resolve("rep/a.txt")));
    }

    private String log() {
        try {
            return Files.readString(work.resolve("logs/sync.log"));
        } catch (Exception notYet) {
            return "";
        }
    }

    private static List<String> tree(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(path -> !path.equals(root)).map(path -> root.relativize(path).toString()).sorted()
                    .toList();
        }
    }

    private static void setXattr(Path path, String name, String value) throws Exception {
        Files.getFileAttributeView(path, UserDefinedFileAttributeView.class)
                .write(name, ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)));
    }

    private static String xattr(Path path, String name) throws Exception {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(path, UserDefinedFileAttributeView.class);
        ByteBuffer value = ByteBuffer.allocate(view.size(name));
        view.read(name, value);
        return new String(value.array(), StandardCharsets.UTF_8);
    }
}
