package io.foldersync.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.foldersync.support.Jar;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.foldersync.support.TreeAssert.assertMirror;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The jar as users run it: --once, restarts, settings from properties, environment and system properties, daemon. */
class MirrorCommandIT {

    /** The top of the checkout, where the routes are. */
    private static final Path ROOT = Path.of(System.getProperty("folder-sync.root", ".."));

    @TempDir
    Path work;

    private void sampleTree() throws Exception {
        Trees.write(work, "src/a.txt", "alpha");
        Trees.write(work, "src/sub/b.txt", "beta");
        Trees.write(work, "src/.hidden/c", "gamma");
        Files.createDirectories(work.resolve("src/empty"));
        Files.createSymbolicLink(work.resolve("src/link"), Path.of("a.txt"));
    }

    @Test
    void onceMirrorsTheTreeLogsEveryActionAndExitsZero() throws Exception {
        sampleTree();

        Jar.Result result = Jar.run(work, Map.of(), "src", "rep", "500ms", "logs/sync.log", "--once");

        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        assertMirror(work.resolve("src"), work.resolve("rep"));
        String log = Files.readString(work.resolve("logs/sync.log"), StandardCharsets.UTF_8);
        assertTrue(log.contains("INFO  COPY sub/b.txt 4 bytes"), log);
        assertTrue(log.contains("INFO  CREATE_DIR empty"), log);
        assertTrue(log.contains("INFO  LINK link -> a.txt"), log);
        assertTrue(log.contains("CYCLE scanned=7 copied=3"), log);
    }

    /**
     * A replica folder whose mode and mtime someone else changed is set right with a TOUCH line of its own (rsync -i's
     * ".d..tp"), in a dry run too; a folder whose mtime only our own copy into it moved gets no line of its own.
     */
    @Test
    void aFolderSetRightIsATouchOfThatFolder() throws Exception {
        sampleTree();
        assertEquals(0, Jar.run(work, Map.of(), "src", "rep", "60", "logs/sync.log", "--once").exitCode());
        Path folder = work.resolve("rep/sub");
        Trees.chmod(folder, "rwx------");
        Files.setLastModifiedTime(folder, java.nio.file.attribute.FileTime.fromMillis(0));

        Jar.Result preview = Jar.run(work, Map.of(), "src", "rep", "60", "logs/sync.log", "--once", "--dry-run");
        assertTrue(preview.stdout().contains("TOUCH sub (folder) (dry run)"), preview.stdout());
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(folder)), "a dry run changes nothing");

        Jar.Result repair = Jar.run(work, Map.of(), "src", "rep", "60", "logs/sync.log", "--once", "-v");
        assertEquals(0, repair.exitCode(), repair.stdout());
        assertTrue(repair.stdout().contains("TOUCH sub (folder)"), repair.stdout());
        assertTrue(repair.stdout().contains("touched=1"), repair.stdout());
        assertMirror(work.resolve("src"), work.resolve("rep"));

        Trees.write(work, "src/sub/new.txt", "new");
        Jar.Result copy = Jar.run(work, Map.of(), "src", "rep", "60", "logs/sync.log", "--once", "-v");
        assertTrue(copy.stdout().contains("COPY sub/new.txt"), copy.stdout());
        assertFalse(copy.stdout().contains("TOUCH sub"), copy.stdout());
        assertMirror(work.resolve("src"), work.resolve("rep"));
    }

    @Test
    void restartOnAnUnchangedTreeHashesNothing() throws Exception {
        sampleTree();
        Jar.run(work, Map.of(), "src", "rep", "60", "logs/sync.log", "--once");

        Jar.Result second = Jar.run(work, Map.of(), "src", "rep", "60", "logs/sync.log", "--once");

        assertEquals(0, second.exitCode());
        assertEquals(0, summaryValue(second.stdout(), "bytes_hashed"), second.stdout());
        assertEquals(0, summaryValue(second.stdout(), "copied"), second.stdout());
    }

    @Test
    void settingsComeFromConfigFileEnvironmentAndSystemPropertiesWithArgumentsWinning() throws Exception {
        sampleTree();
        Files.writeString(work.resolve("my.properties"), "sync.source=nowhere\nsync.replica=from-file\n"
                + "sync.log-file=logs/file.log\n");

        Jar.Result fromFileAndEnv = Jar.run(work, Map.of("SYNC_SOURCE", "src"), "--config", "my.properties", "--once");
        assertEquals(0, fromFileAndEnv.exitCode(), fromFileAndEnv.stderr());
        assertMirror(work.resolve("src"), work.resolve("from-file"));
        assertTrue(Files.exists(work.resolve("logs/file.log")));

        Process withSystemProperties = Jar.start(work, Map.of("SYNC_REPLICA", "from-env"),
                List.of("-Dsync.source=src", "-Dsync.replica=from-sysprop", "-Dsync.once=true"));
        assertTrue(withSystemProperties.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, withSystemProperties.exitValue(), Jar.result(withSystemProperties, work).stderr());
        assertMirror(work.resolve("src"), work.resolve("from-sysprop"));
        assertFalse(Files.exists(work.resolve("from-env")), "a system property beats the environment");

        Jar.Result argumentsWin = Jar.run(work, Map.of("SYNC_REPLICA", "from-env"),
                "src", "from-args", "60", "logs/args.log", "--once");
        assertEquals(0, argumentsWin.exitCode());
        assertMirror(work.resolve("src"), work.resolve("from-args"));
        assertFalse(Files.exists(work.resolve("from-env")));
    }

    @Test
    void routesComeFromTheUsersOwnFolderWhenTheConfigSaysSo() throws Exception {
        sampleTree();
        Path routes = Files.createDirectories(work.resolve("my-routes"));
        for (String name : List.of("apply.yaml", "sync.yaml", "watch.yaml")) {
            Files.copy(ROOT.resolve("routes").resolve(name), routes.resolve(name));
        }
        Files.writeString(routes.resolve("prune.yaml"), Files.readString(ROOT.resolve("routes/prune.yaml"))
                .replace("          - bean:\n              ref: \"{{pair}}.prune\"",
                        "          - log: \"the user's own prune route\"\n"
                                + "          - bean:\n              ref: \"{{pair}}.prune\""));
        Files.writeString(work.resolve("my.properties"),
                "camel.main.routes-include-pattern=file:" + routes + "/*.yaml\n");

        Jar.Result result = Jar.run(work, Map.of(), "src", "rep", "60", "logs/sync.log", "--once",
                "--config", "my.properties");

        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        assertTrue(result.stdout().contains("the user's own prune route"), result.stdout());
        assertMirror(work.resolve("src"), work.resolve("rep"));
    }

    @Test
    void aDryRunAfterARunThatLeftTheTreesIdenticalShowsNothingToDo() throws Exception {
        sampleTree();
        assertEquals(0, Jar.run(work, Map.of(), "src", "rep", "60", "logs/sync.log", "--once").exitCode());

        Jar.Result dryRun = Jar.run(work, Map.of(), "src", "rep", "60", "logs/sync.log", "--once", "--dry-run");

        assertEquals(0, dryRun.exitCode(), dryRun.stderr());
        // no action line; the summaries end in (dry run) too
        assertFalse(Pattern.compile("INFO  (?!PRUNE |CYCLE )[A-Z_]+ .*\\(dry run\\)$", Pattern.MULTILINE)
                .matcher(dryRun.stdout()).find(), dryRun.stdout());
        assertTrue(dryRun.stdout().contains("copied=0 updated=0 touched=0 adopted=0 deleted=0"), dryRun.stdout());
    }

    /** A replica made by another tool (cp -a, rsync -a), or whose state folder was lost, is adopted, not rewritten. */
    @Test
    void anIdenticalReplicaIsAdoptedWithoutAWriteAndADifferentFileIsUpdated() throws Exception {
        sampleTree();
        Trees.write(work, "src/same-size.txt", "content A");
        assertEquals(0, new ProcessBuilder("cp", "-a", "src", "rep").directory(work.toFile()).start().waitFor());
        Path differs = work.resolve("rep/same-size.txt");
        var mtime = Files.getLastModifiedTime(differs);
        Files.writeString(differs, "content B"); // same size and, below, the same mtime: only the content tells
        Files.setLastModifiedTime(differs, mtime);
        Object inode = Files.getAttribute(work.resolve("rep/sub/b.txt"), "unix:ino");

        Jar.Result first = Jar.run(work, Map.of(), "src", "rep", "60", "logs/sync.log", "--once");

        assertEquals(0, first.exitCode(), first.stderr());
        assertMirror(work.resolve("src"), work.resolve("rep"));
        assertEquals(inode, Files.getAttribute(work.resolve("rep/sub/b.txt"), "unix:ino"), "not rewritten");
        String log = Files.readString(work.resolve("logs/sync.log"), StandardCharsets.UTF_8);
        assertTrue(log.contains("UPDATE same-size.txt 9 bytes"), log);
        assertFalse(log.contains(" COPY "), log);
        assertEquals(3, summaryValue(first.stdout(), "adopted"), first.stdout());

        Trees.deleteTree(work.resolve("state")); // a lost state folder: adopted again, nothing copied
        Jar.Result again = Jar.run(work, Map.of(), "src", "rep", "60", "logs/sync.log", "--once");

        assertEquals(4, summaryValue(again.stdout(), "adopted"), again.stdout());
        assertEquals(0, summaryValue(again.stdout(), "copied") + summaryValue(again.stdout(), "updated"));
    }

    @Test
    void dryRunChangesNothing() throws Exception {
        sampleTree();
        Trees.write(work, "rep/stale.txt", "stale");

        Jar.Result result = Jar.run(work, Map.of(), "src", "rep", "60", "logs/sync.log", "--once", "--dry-run");

        assertEquals(0, result.exitCode());
        try (var entries = Files.list(work.resolve("rep"))) {
            assertEquals(List.of(work.resolve("rep/stale.txt")), entries.toList());
        }
        assertTrue(result.stdout().contains("DELETE stale.txt (dry run)"), result.stdout());
        assertTrue(result.stdout().contains("COPY a.txt 5 bytes (dry run)"), result.stdout());
    }

    @Test
    void daemonFollowsChangesEveryIntervalAndExitsZeroOnSigterm() throws Exception {
        sampleTree();
        Process daemon = Jar.start(work, Map.of(), List.of(), "src", "rep", "300ms", "logs/sync.log");
        try {
            waitFor(() -> Files.exists(work.resolve("rep/a.txt")), 30_000);
            Trees.write(work, "src/later.txt", "written while running");
            Files.delete(work.resolve("src/sub/b.txt"));
            waitFor(() -> Files.exists(work.resolve("rep/later.txt"))
                    && !Files.exists(work.resolve("rep/sub/b.txt")), 30_000);
            assertMirror(work.resolve("src"), work.resolve("rep"));
        } finally {
            long start = System.nanoTime();
            daemon.destroy(); // SIGTERM
            assertTrue(daemon.waitFor(10, TimeUnit.SECONDS), "must exit within 10 s of SIGTERM");
            long stoppedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(0, daemon.exitValue(), "SIGTERM is a normal stop; stopped in " + stoppedMs + " ms");
        }
    }

    @Test
    void logFileRotatesBySize() throws Exception {
        for (int i = 0; i < 200; i++) {
            Trees.write(work, "src/file-with-a-long-name-to-fill-the-log-" + i, "x");
        }

        Jar.Result result = Jar.run(work, Map.of("SYNC_LOG_MAX_SIZE", "4KB", "SYNC_LOG_MAX_FILES", "2"),
                "src", "rep", "60", "logs/sync.log", "--once");

        assertEquals(0, result.exitCode());
        assertTrue(Files.size(work.resolve("logs/sync.log")) <= 8192);
        assertTrue(Files.exists(work.resolve("logs/sync.log.1")));
        assertTrue(Files.exists(work.resolve("logs/sync.log.2")));
        assertFalse(Files.exists(work.resolve("logs/sync.log.3")), "only sync.log-max-files rotated files are kept");
    }

    /** Log4j's own way to name a configuration still wins over the packaged one, which the command line starts itself. */
    @Test
    void aLog4jConfigurationTheUserNamesIsUsedInsteadOfThePackagedOne() throws Exception {
        Trees.write(work, "src/a.txt", "alpha");
        Files.writeString(work.resolve("own-log4j2.xml"), """
                <Configuration name="own">
                  <Appenders><File name="own" fileName="own.log"><PatternLayout pattern="OWN %msg%n"/></File></Appenders>
                  <Loggers><Logger name="folder-sync" level="INFO"/><Root level="WARN"><AppenderRef ref="own"/></Root></Loggers>
                </Configuration>
                """);

        Jar.Result result = Jar.await(Jar.start(work, Map.of(), List.of("-Dlog4j2.configurationFile=own-log4j2.xml"),
                "src", "rep", "60", "logs/sync.log", "--once"), work);

        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(Files.readString(work.resolve("own.log")).contains("OWN CYCLE scanned=1"),
                Files.readString(work.resolve("own.log")));
        assertFalse(Files.exists(work.resolve("logs/sync.log")), "the packaged configuration was started as well");
    }

    static long summaryValue(String output, String key) {
        Matcher m = Pattern.compile("CYCLE .*\\b" + key + "=(\\d+)").matcher(output);
        if (!m.find()) {
            throw new AssertionError("no CYCLE line with " + key + " in:\n" + output);
        }
        return Long.parseLong(m.group(1));
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition, long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.call()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met in " + millis + " ms");
            }
            Thread.sleep(50);
        }
    }
}
