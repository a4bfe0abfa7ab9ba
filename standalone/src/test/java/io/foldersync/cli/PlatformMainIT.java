package io.foldersync.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.foldersync.support.Await;
import io.foldersync.support.Trees;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.foldersync.support.TreeAssert.assertMirror;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The routes and beans without our command line: Camel's own Main class, the jar on the class path, the packaged
 * routes and application.properties, and the settings as properties, as an integration platform would run them.
 */
class PlatformMainIT {

    private static final Path JAR = Path.of(System.getProperty("folder-sync.jar", "../target/folder-sync.jar"));
    private static final String SETTINGS = "sync.source=src\nsync.replica=rep\nsync.interval=1h\n";

    @TempDir
    Path work;

    @Test
    void thePackagedRoutesRunInAPlainCamelMain() throws Exception {
        Trees.write(work, "src/a/b.txt", "bravo");
        Process main = startMain(SETTINGS + "sync.log-file=logs/main.log\n");
        try {
            Await.until(() -> Files.exists(work.resolve("rep/a/b.txt")), 30_000, "the first cycle");
            Await.until(() -> Files.readString(work.resolve("out.txt")).contains("watching"), 30_000, "the watch");
            Trees.write(work, "src/later.txt", "later");
            Await.until(() -> Files.exists(work.resolve("rep/later.txt")), 10_000, "a change mirrored by the watch");
            assertMirror(work.resolve("src"), work.resolve("rep"));
        } finally {
            stop(main);
        }
        String out = Files.readString(work.resolve("out.txt"));
        assertTrue(out.contains("CYCLE scanned=2 copied=1"), out);
        assertEquals(List.of(), out.lines().filter(l -> l.contains(" ERROR ")).toList());
        assertTrue(Files.readString(work.resolve("logs/main.log")).contains("CYCLE scanned=2 copied=1"),
                "sync.log-file is applied outside our command line too");
        assertFalse(Files.exists(work.resolve("logs/folder-sync.log")), "nothing written to the default log file");
    }

    @Test
    void jsonLogsAreChosenByTheirKeyInAPlainCamelMain() throws Exception {
        Trees.write(work, "src/a.txt", "alpha");
        Process main = startMain(SETTINGS + "sync.log-file=logs/main.log\nsync.log-format=json\n");
        try {
            Await.until(() -> Files.exists(work.resolve("logs/main.log"))
                    && Files.readString(work.resolve("logs/main.log")).contains("\"cycle\""), 30_000, "the first cycle");
        } finally {
            stop(main);
        }
        List<JsonObject> lines = new ArrayList<>();
        for (String line : Files.readAllLines(work.resolve("logs/main.log"))) {
            lines.add((JsonObject) Jsoner.deserialize(line));
        }
        JsonObject copy = lines.stream().filter(o -> "a.txt".equals(o.get("path"))).findFirst().orElseThrow();
        assertEquals("COPY", copy.get("action"));
        assertEquals(5, ((Number) copy.get("size")).intValue());
    }

    @Test
    void aLogOptionGivenAsASystemPropertyWinsOverItsKey() throws Exception {
        Trees.write(work, "src/a.txt", "alpha");
        Process main = startMain(SETTINGS + "sync.log-file=logs/main.log\nsync.log-format=text\n",
                "-Dfolder-sync.log.format=json");
        try {
            Await.until(() -> Files.exists(work.resolve("logs/main.log"))
                    && Files.readString(work.resolve("logs/main.log")).contains("\"cycle\""), 30_000, "the first cycle");
        } finally {
            stop(main);
        }
        List<String> lines = Files.readAllLines(work.resolve("logs/main.log"));
        assertTrue(lines.stream().allMatch(l -> l.startsWith("{")), "JSON from the option, in the key's file: " + lines);
    }

    @Test
    void aPlatformsOwnLoggingIsLeftAsItIs() throws Exception {
        Trees.write(work, "src/a.txt", "alpha");
        Files.writeString(work.resolve("own-log4j2.xml"), """
                <Configuration name="the-platform">
                  <Appenders>
                    <File name="own" fileName="platform-${date:HHmmss.SSS}.log"><PatternLayout pattern="%msg%n"/></File>
                  </Appenders>
                  <Loggers><Root level="INFO"><AppenderRef ref="own"/></Root></Loggers>
                </Configuration>
                """);
        Process main = startMain(SETTINGS + "sync.log-file=logs/main.log\n",
                "-Dlog4j2.configurationFile=own-log4j2.xml");
        try {
            Await.until(() -> Files.exists(work.resolve("rep/a.txt")), 30_000, "the first cycle");
            Await.until(() -> platformLogs().stream().anyMatch(p -> contains(p, "CYCLE scanned=1")), 10_000,
                    "the cycle in the platform's log");
            // a reload of the platform's configuration would have opened a second, later-stamped file (Log4j opens
            // one more at shutdown, on its own, so this is counted before the stop)
            assertEquals(1, platformLogs().size(), "the platform's log configuration was reloaded");
        } finally {
            stop(main);
        }
        assertFalse(Files.exists(work.resolve("logs/main.log")), "the platform's log configuration was replaced");
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.readString(file).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Path> platformLogs() throws Exception {
        try (var files = Files.list(work)) {
            return files.filter(p -> p.getFileName().toString().startsWith("platform-")).toList();
        }
    }

    private Process startMain(String settings, String... jvmOptions) throws Exception {
        Files.writeString(work.resolve("mirror.properties"), settings);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "java.base/sun.nio.fs=ALL-UNNAMED"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", JAR.toAbsolutePath().toString(),
                // the first location wins: the user's settings over the packaged defaults
                "org.apache.camel.main.Main", "-pl", "file:mirror.properties,classpath:application.properties"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("out.txt").toFile());
        builder.environment().put("XDG_STATE_HOME", work.resolve("state").toString());
        return builder.start();
    }

    private static void stop(Process main) throws InterruptedException {
        main.destroy();
        assertTrue(main.waitFor(30, TimeUnit.SECONDS), "Camel Main stops on SIGTERM");
    }
}
