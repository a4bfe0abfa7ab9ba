package io.foldersync.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.foldersync.support.Await;
import io.foldersync.support.Jar;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --versions and --restore through the jar: the listing, a restore of the newest version, of one as of a time, into
 * another folder, the refusal to replace a newer file and --force, the mirror taking the restored file (and keeping
 * REPLICA's file it replaces), and the usage errors.
 */
class KeptVersionsIT {

    private static final Instant FIRST = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant SECOND = Instant.parse("2026-11-02T10:00:00Z");
    private static final Instant THIRD = Instant.parse("2026-11-03T10:00:00Z");
    /** kept=TIME modified=TIME size=N md5=HEX path=PATH */
    private static final Pattern LINE = Pattern.compile(
            "kept=(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z) modified=(\\S+) size=(\\d+) md5=([0-9a-f]{32}) "
                    + "path=(.+)");

    @TempDir
    Path work;
    private String config;

    @BeforeEach
    void threeVersionsOfOneFile() throws Exception {
        config = config("sync.versions-dir=versions\n");
        write("keep.txt", "SOURCE never empties", FIRST);
        write("docs/report.pdf", "first", FIRST);
        Trees.chmod(work.resolve("src/docs/report.pdf"), "rw-r-----");
        assertEquals(0, once().exitCode());
        write("docs/report.pdf", "second, longer", SECOND);
        assertEquals(0, once().exitCode());
        write("docs/report.pdf", "third", THIRD);
        assertEquals(0, once().exitCode());
        write("docs/report.pdf", "current", Instant.parse("2026-11-04T10:00:00Z"));
        assertEquals(0, once().exitCode());
    }

    @Test
    void versionsListsEachKeptVersionNewestFirstAndTouchesNothing() throws Exception {
        Trees.deleteTree(work.resolve("logs"));
        List<String> before = tree();

        Jar.Result listed = command("--versions", "docs/report.pdf");

        assertEquals(0, listed.exitCode(), listed.stderr());
        List<String> lines = listed.stdout().lines().toList();
        assertEquals(3, lines.size(), listed.stdout());
        List<String> contents = new ArrayList<>();
        Instant previousKept = Instant.MAX;
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            assertTrue(m.matches(), line);
            Instant kept = Instant.parse(m.group(1));
            assertTrue(kept.isBefore(previousKept), "newest first: " + lines);
            previousKept = kept;
            Path version = Path.of(m.group(5));
            assertTrue(version.startsWith(work.resolve("versions/docs")), line);
            byte[] content = Files.readAllBytes(version);
            contents.add(new String(content));
            assertEquals(String.valueOf(content.length), m.group(3), line);
            assertEquals(md5(content), m.group(4), line);
            assertEquals(Files.getLastModifiedTime(version).toInstant(), Instant.parse(m.group(2)), line);
        }
        assertEquals(List.of("third", "second, longer", "first"), contents);
        assertEquals(THIRD, Instant.parse(lines.get(0).split(" ")[1].substring("modified=".length())));
        assertEquals(before, tree(), "a listing creates and changes nothing, not even the log file");

        Jar.Result absolute = command("--versions", work.resolve("rep/docs/report.pdf").toString());
        assertEquals(listed.stdout(), absolute.stdout(), "a path inside REPLICA names the same file");
        String settingsOnly = config("sync.source=src\nsync.replica=rep\nsync.versions-dir=versions\n");
        Jar.Result fromProperties = Jar.run(work, Map.of("XDG_STATE_HOME", work.resolve("state").toString()),
                "--config", settingsOnly, "--versions", "docs/report.pdf");
        assertEquals(listed.stdout(), fromProperties.stdout(), "SOURCE and the rest from properties alone");
        Files.delete(Path.of(settingsOnly));

        Jar.Result none = command("--versions", "docs/never.pdf");
        assertEquals(1, none.exitCode(), none.stdout());
        assertEquals("", none.stdout());
        assertEquals(1, none.stderrLines().size(), none.stderr());
        assertTrue(none.stderr().contains("no kept versions of docs/never.pdf"), none.stderr());
    }

    @Test
    void aDeletedFileIsRestoredFromItsNewestVersionAndMirroredAsAnyChange() throws Exception {
        Files.delete(work.resolve("src/docs/report.pdf"));
        Trees.deleteTree(work.resolve("src/docs"));
        Jar.Result deleted = once();
        assertEquals(0, deleted.exitCode(), deleted.stdout());
        assertFalse(Files.exists(work.resolve("rep/docs")));

        Jar.Result restored = command("--restore", "docs/report.pdf");

        assertEquals(0, restored.exitCode(), restored.stderr());
        Path file = work.resolve("src/docs/report.pdf");
        assertTrue(restored.stdout().startsWith("RESTORE " + file + " from "), restored.stdout());
        assertEquals("current", Files.readString(file), "the newest version: the content it had when deleted");
        assertEquals(Instant.parse("2026-11-04T10:00:00Z"), Files.getLastModifiedTime(file).toInstant());
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of("report.pdf"), names(work.resolve("src/docs")), "no temporary file left");

        Jar.Result mirrored = once();
        assertEquals(0, mirrored.exitCode(), mirrored.stdout());
        assertEquals("current", Files.readString(work.resolve("rep/docs/report.pdf")));
    }

    @Test
    void aNewerFileIsReplacedOnlyWithForceAndTheMirrorKeepsTheReplacedOneAsAVersion() throws Exception {
        Path file = work.resolve("src/docs/report.pdf");

        Jar.Result refused = command("--restore", "docs/report.pdf");

        assertEquals(1, refused.exitCode(), refused.stdout());
        assertEquals(1, refused.stderrLines().size(), refused.stderr());
        assertTrue(refused.stderr().contains("after this version") && refused.stderr().contains("--force"),
                refused.stderr());
        assertEquals("current", Files.readString(file), "left as it was");

        Jar.Result forced = command("--restore", "docs/report.pdf", "--force");
        assertEquals(0, forced.exitCode(), forced.stderr());
        assertEquals("third", Files.readString(file));
        assertEquals(THIRD, Files.getLastModifiedTime(file).toInstant());

        Jar.Result mirrored = once();
        assertEquals(0, mirrored.exitCode(), mirrored.stdout());
        assertEquals("third", Files.readString(work.resolve("rep/docs/report.pdf")));
        Jar.Result listed = command("--versions", "docs/report.pdf");
        assertTrue(listed.stdout().lines().findFirst().orElseThrow().contains(
                "size=" + "current".length() + " md5=" + md5("current".getBytes())), "REPLICA's file the restore "
                + "replaced is the newest version now, so a restore loses nothing: " + listed.stdout());
    }

    @Test
    void atChoosesTheFileAsItWasThenAndToWritesElsewhere() throws Exception {
        Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));

        Jar.Result iso = command("--restore", "docs/report.pdf", "--at", "2026-11-02T12:00:00Z", "--to",
                elsewhere.toString());
        assertEquals(0, iso.exitCode(), iso.stderr());
        assertEquals("second, longer", Files.readString(elsewhere.resolve("report.pdf")));
        assertEquals(SECOND, Files.getLastModifiedTime(elsewhere.resolve("report.pdf")).toInstant());
        assertEquals("current", Files.readString(work.resolve("src/docs/report.pdf")), "SOURCE untouched");

        Jar.Result stamp = command("--restore", "docs/report.pdf", "--at", "20261101-235959", "--to", "elsewhere");
        assertEquals(1, stamp.exitCode(), "a newer file is there: " + stamp.stdout());
        Jar.Result stampForced = command("--restore", "docs/report.pdf", "--at", "20261101-235959", "--to",
                "elsewhere", "--force");
        assertEquals(0, stampForced.exitCode(), stampForced.stderr());
        assertEquals("first", Files.readString(elsewhere.resolve("report.pdf")));

        Jar.Result tooEarly = command("--restore", "docs/report.pdf", "--at", "2026-10-01T00:00:00Z");
        assertEquals(1, tooEarly.exitCode());
        assertTrue(tooEarly.stderr().contains("no version of docs/report.pdf modified at or before"),
                tooEarly.stderr());

        String oldest = command("--versions", "docs/report.pdf").stdout().lines().reduce((a, b) -> b).orElseThrow();
        Path versionPath = Path.of(oldest.substring(oldest.indexOf("path=") + 5));
        Files.delete(elsewhere.resolve("report.pdf"));
        Jar.Result byItsPath = command("--restore", versionPath.toString(), "--to", "elsewhere");
        assertEquals(0, byItsPath.exitCode(), byItsPath.stderr());
        assertEquals("first", Files.readString(elsewhere.resolve("report.pdf")), "a version named by its own path");
    }

    /** Restored into SOURCE while the daemon runs: the watch mirrors it, and REPLICA's file it replaces is kept. */
    @Test
    void theRunningDaemonMirrorsARestoredFile() throws Exception {
        Process daemon = Jar.start(work, Map.of("XDG_STATE_HOME", work.resolve("state").toString()), List.of(),
                "src", "rep", "60", "logs/daemon.log", "--config", config);
        try {
            Await.until(() -> log("daemon.log").contains("CYCLE "), 30_000, "the first cycle");
            Jar.Result restored = command("--restore", "docs/report.pdf", "--at", "2026-11-02T12:00:00Z", "--force");
            assertEquals(0, restored.exitCode(), restored.stderr());
            Await.until(() -> "second, longer".equals(read(work.resolve("rep/docs/report.pdf"))), 30_000,
                    "the restored file in REPLICA");
            Await.until(() -> log("daemon.log").contains("VERSION docs/report.pdf -> docs/report~"), 30_000,
                    "REPLICA's file kept as a version");
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
        Jar.Result listed = command("--versions", "docs/report.pdf");
        assertTrue(listed.stdout().lines().findFirst().orElseThrow().contains("md5=" + md5("current".getBytes())),
                listed.stdout());
        assertFalse(log("daemon.log").contains("ERROR"), log("daemon.log"));
        assertFalse(log("daemon.log").contains(".folder-sync-"), "the restore's temporary file is not mirrored: "
                + log("daemon.log"));
    }

    @Test
    void usageErrorsExitTwoWithOneLineAndTouchNothing() throws Exception {
        String noVersions = config("sync.exclude=*.tmp\n");
        Trees.deleteTree(work.resolve("logs"));
        List<String> before = tree();
        String aFolder = work.resolve("versions/docs").toString();
        Map<List<String>, String> errors = Map.ofEntries(
                Map.entry(List.of("--versions", "docs/report.pdf", "--config", noVersions), "sync.versions-dir"),
                Map.entry(List.of("--restore", "docs/report.pdf", "--config", noVersions), "sync.versions-dir"),
                Map.entry(List.of("--at", "2026-11-02T12:00:00Z"), "--at goes with --restore"),
                Map.entry(List.of("--restore", "docs/report.pdf", "--at", "yesterday"), "--at yesterday is not a"),
                Map.entry(List.of("--restore", "docs/report.pdf", "--to", "rep"), "inside REPLICA"),
                Map.entry(List.of("--restore", "docs/report.pdf", "--to", "missing"), "not an existing folder"),
                Map.entry(List.of("--restore", "/etc/passwd"), "is not inside SOURCE, REPLICA or the versions"),
                Map.entry(List.of("--versions", "../outside.txt"), "names no file inside SOURCE"),
                Map.entry(List.of("--versions", "docs/report.pdf", "--once"), "--versions mirrors nothing"),
                Map.entry(List.of("--versions", "a", "--restore", "b"), "not both"),
                Map.entry(List.of("--restore", aFolder), "is in the versions folder but is not a kept version"));
        for (Map.Entry<List<String>, String> error : errors.entrySet()) {
            Jar.Result result = command(error.getKey().toArray(String[]::new));
            assertEquals(2, result.exitCode(), error.getKey() + ": " + result.stdout() + result.stderr());
            assertEquals(1, result.stderrLines().size(), error.getKey() + ": " + result.stderr());
            assertTrue(result.stderr().contains(error.getValue()), error.getKey() + ": " + result.stderr());
        }
        assertEquals(before, tree(), "nothing created or changed");
    }

    private Jar.Result command(String... options) throws Exception {
        List<String> withConfig = new ArrayList<>(List.of(options));
        if (!withConfig.contains("--config")) {
            withConfig.addAll(List.of("--config", config));
        }
        return run(withConfig);
    }

    private Jar.Result once() throws Exception {
        return run(List.of("--once", "--config", config));
    }

    private Jar.Result run(List<String> options) throws Exception {
        String[] args = Stream.concat(Stream.of("src", "rep", "60", "logs/sync.log"), options.stream())
                .toArray(String[]::new);
        return Jar.run(work, Map.of("XDG_STATE_HOME", work.resolve("state").toString()), args);
    }

    private void write(String path, String content, Instant modified) throws Exception {
        Path file = Trees.write(work.resolve("src"), path, content);
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    /** Every entry below the work folder but the jar's own output files, with size and mtime. */
    private List<String> tree() throws Exception {
        try (Stream<Path> entries = Files.walk(work)) {
            return entries.filter(p -> !p.getFileName().toString().matches("std(out|err)\\.txt"))
                    .map(p -> work.relativize(p) + " " + p.toFile().length() + " " + p.toFile().lastModified())
                    .sorted().toList();
        }
    }

    private String log(String name) throws Exception {
        Path log = work.resolve("logs").resolve(name);
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception notThereYet) {
            return null;
        }
    }

    private String config(String text) throws Exception {
        Path file = Files.createTempFile(work, "config", ".properties");
        Files.writeString(file, text);
        return file.toString();
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String md5(byte[] content) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(content));
    }
}
