package io.foldersync.cli;

import java.nio.file.Files;
import java.nio.file.Path;
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

/** Filters and kept versions through the jar: changed between runs, per pair, in a dry run, on a full disk. */
class FiltersAndVersionsIT {

    @TempDir
    Path work;

    private Jar.Result once(String... options) throws Exception {
        String[] args = Stream.concat(Stream.of("src", "rep", "60", "logs/sync.log", "--once"), Stream.of(options))
                .toArray(String[]::new);
        return Jar.run(work, Map.of("XDG_STATE_HOME", work.resolve("state").toString()), args);
    }

    @Test
    void aFilterChangedBetweenRunsDoesWhatAUserExpectsAndADryRunShowsItFirst() throws Exception {
        Trees.write(work, "src/keep.txt", "k");
        Trees.write(work, "src/build/out.bin", "o");
        assertEquals(0, once("--exclude", "build/").exitCode());
        assertFalse(Files.exists(work.resolve("rep/build")));

        Jar.Result preview = once("--dry-run");
        assertTrue(preview.stdout().contains("COPY build/out.bin 1 bytes (dry run)"), preview.stdout());
        assertFalse(Files.exists(work.resolve("rep/build")), "a dry run changes nothing");

        assertEquals(0, once().exitCode());
        assertEquals("o", Files.readString(work.resolve("rep/build/out.bin")), "newly included: copied");

        Jar.Result excludedAgain = once("--exclude", "build/", "--exclude=**/*.txt");
        assertEquals(0, excludedAgain.exitCode());
        assertTrue(Files.exists(work.resolve("rep/build/out.bin")), "newly excluded: left in REPLICA");
        assertTrue(Files.exists(work.resolve("rep/keep.txt")));
        assertTrue(excludedAgain.stdout().contains("excluded=2"), excludedAgain.stdout());

        Jar.Result deletePreview = once("--exclude", "build/", "--dry-run", "--config", config(
                "sync.delete-excluded=true\n"));
        assertTrue(deletePreview.stdout().contains("DELETE_DIR build (dry run)"), deletePreview.stdout());
        assertTrue(Files.exists(work.resolve("rep/build/out.bin")));
    }

    @Test
    void eachPairHasItsOwnFilter() throws Exception {
        Trees.write(work, "docs/a.txt", "a");
        Trees.write(work, "docs/a.tmp", "t");
        Trees.write(work, "photos/p.jpg", "p");
        Trees.write(work, "photos/p.xmp", "x");
        String pairs = """
                sync.pairs=docs,photos
                sync.pair.docs.source=docs
                sync.pair.docs.replica=backup/docs
                sync.pair.docs.exclude=**/*.tmp
                sync.pair.photos.source=photos
                sync.pair.photos.replica=backup/photos
                sync.pair.photos.include=**/*.jpg
                sync.log-file=logs/pairs.log
                sync.once=true
                """;
        Jar.Result result = Jar.run(work, Map.of("XDG_STATE_HOME", work.resolve("state").toString()), "--config",
                config(pairs));

        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        assertEquals(List.of("a.txt"), names(work.resolve("backup/docs")));
        assertEquals(List.of("p.jpg"), names(work.resolve("backup/photos")));
    }

    @Test
    void aDryRunShowsTheVersionsItWouldKeepAndKeepsNone() throws Exception {
        Trees.write(work, "src/a.txt", "first");
        Trees.write(work, "src/old/b.txt", "b");
        String versions = config("sync.versions-dir=versions\n");
        assertEquals(0, once("--config", versions).exitCode());
        Trees.write(work, "src/a.txt", "second, longer");
        Trees.deleteTree(work.resolve("src/old"));

        Jar.Result preview = once("--config", versions, "--dry-run");

        assertEquals(0, preview.exitCode(), preview.stderr());
        assertTrue(preview.stdout().matches("(?s).*VERSION a\\.txt -> a~\\d{8}-\\d{6}-\\d{3}\\.txt \\(dry run\\).*"),
                preview.stdout());
        assertTrue(preview.stdout().matches(
                "(?s).*VERSION old/b\\.txt -> old/b~\\d{8}-\\d{6}-\\d{3}\\.txt \\(dry run\\).*"), preview.stdout());
        assertEquals(List.of(), names(work.resolve("versions")));
        assertEquals("first", Files.readString(work.resolve("rep/a.txt")));
    }

    /**
     * A version that cannot be kept holds the update back: the versions folder on a full file system of its own (a
     * 1 MiB tmpfs, so versions are copied across), an update of a 2 MiB file is refused with an ERROR that names the
     * versions folder and the system's reason, and REPLICA keeps the old content rather than losing it. The version is
     * tried before the new content is read, and the comparison that found the file changed is not repeated by the
     * retries: SOURCE's file is read once, not once per attempt.
     */
    @Test
    void aFullVersionsDiskHoldsTheUpdateBackRatherThanLoseTheOldFile() throws Exception {
        Path versions = Files.createDirectories(work.resolve("versions"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", versions.toString())
                .inheritIO().start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mount.waitFor() == 0, "mounting needs root");
        try {
            byte[] big = new byte[2 << 20];
            Files.createDirectories(work.resolve("src"));
            Files.write(work.resolve("src/big.bin"), big);
            String config = config("sync.versions-dir=versions\nsync.retries=2\nsync.retry-delay=50ms\n");
            assertEquals(0, once("--config", config).exitCode());
            big[0] = 1;
            Files.write(work.resolve("src/big.bin"), big);

            Jar.Result held = once("--config", config);

            assertEquals(1, held.exitCode(), held.stdout());
            assertTrue(held.stdout().contains("ERROR big.bin: gave up for this cycle (retried next cycle): cannot "
                    + "keep the old version in the versions folder " + versions + ", so REPLICA's file is "
                    + "left as it is: IOException No space left on device"), held.stdout());
            assertTrue(held.stdout().contains(" bytes_hashed=" + big.length + " "), "read once, to compare, over "
                    + "three attempts: " + held.stdout());
            assertEquals(0, Files.readAllBytes(work.resolve("rep/big.bin"))[0], "the old content is still there");
            assertEquals(List.of(), names(versions), "no half-kept version left behind");
        } finally {
            new ProcessBuilder("umount", versions.toString()).inheritIO().start().waitFor();
        }
    }

    /** sync.versions-keep is a limit after every run, not only after the next run's prune pass. */
    @Test
    void theVersionLimitHoldsAfterEveryOneShotRun() throws Exception {
        String config = config("sync.versions-dir=versions\nsync.versions-keep=2\n");
        for (int run = 0; run < 5; run++) {
            Trees.write(work, "src/a.txt", "content of run " + run);
            Jar.Result result = once("--config", config);
            assertEquals(0, result.exitCode(), result.stdout());
            List<String> kept = names(work.resolve("versions"));
            assertTrue(kept.size() <= 2, "after run " + run + ": " + kept);
            assertEquals(Math.min(run, 2), kept.size(), "after run " + run + ": " + kept);
        }
        assertEquals("content of run 4", Files.readString(work.resolve("rep/a.txt")));
    }

    /**
     * A versions folder inside REPLICA must not share its path with an entry of SOURCE, which would be mirrored in
     * among the kept versions: refused at start; gained later, reported once and left alone on both sides.
     */
    @Test
    void aVersionsFolderInsideReplicaNeverSwallowsSourcesEntryOfTheSamePath() throws Exception {
        Trees.write(work, "src/a.txt", "a");
        Trees.write(work, "src/.versions/docs/user.txt", "a user's own file");
        String config = config("sync.versions-dir=rep/.versions\n");

        Jar.Result refused = once("--config", config);
        assertEquals(2, refused.exitCode(), refused.stdout());
        assertTrue(refused.stderr().contains("rep/.versions") && refused.stderr().contains("src/.versions"),
                refused.stderr());
        assertFalse(Files.exists(work.resolve("rep")), "a refused start makes nothing");

        Trees.deleteTree(work.resolve("src/.versions"));
        assertEquals(0, once("--config", config).exitCode());
        Trees.write(work, "src/a.txt", "a, changed");
        assertEquals(0, once("--config", config).exitCode());
        List<String> kept = names(work.resolve("rep/.versions"));
        assertEquals(1, kept.size(), kept.toString());

        Files.writeString(Path.of(config), "sync.versions-dir=rep/.versions\nsync.verify-interval=1s\n");
        Process daemon = Jar.start(work, Map.of("XDG_STATE_HOME", work.resolve("state").toString()), List.of(),
                "src", "rep", "1s", "logs/daemon.log", "--config", config);
        try {
            Await.until(() -> log("daemon.log").contains("CYCLE "), 30_000, "the first cycle");
            Trees.write(work, "src/.versions/docs/user.txt", "made after the start");
            Await.until(() -> log("daemon.log").contains("DIFF .versions SOURCE has an entry where REPLICA keeps its "
                    + "versions"), 30_000, "the background verify reporting it");
            Thread.sleep(2_000); // more cycles
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
        assertEquals(1, log("daemon.log").lines().filter(line -> line.contains("ERROR .versions:")).count(),
                log("daemon.log"));
        assertEquals(kept, names(work.resolve("rep/.versions")), "the kept versions are left as they were");
        assertEquals("made after the start", Files.readString(work.resolve("src/.versions/docs/user.txt")));
    }

    private String log(String name) throws Exception {
        Path log = work.resolve("logs").resolve(name);
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private String config(String text) throws Exception {
        Path file = Files.createTempFile(work, "config", ".properties");
        Files.writeString(file, text);
        return file.toString();
    }

    private static List<String> names(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
