package io.foldersync.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.foldersync.support.Await;
import io.foldersync.support.Jar;
import io.foldersync.support.Trees;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The jar behaves as operators expect of a Camel service and of a command-line mirror: keys, ports, console, lines. */
class OperatorConventionsIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path work;

    /** The same keys give the same result from a --config file, the environment and -D. */
    @ParameterizedTest(name = "from {0}")
    @ValueSource(strings = {"config", "environment", "system"})
    void theHttpKeysWorkFromEverySource(String from) throws Exception {
        Trees.write(work, "src/a.txt", "a");
        int port = freePort();
        Map<String, String> environment = Map.of();
        List<String> jvm = List.of();
        List<String> args = new ArrayList<>(List.of("src", "rep", "1h", "logs/sync.log"));
        switch (from) {
            case "config" -> {
                Files.writeString(work.resolve("http.properties"),
                        "camel.server.enabled=true\ncamel.server.port=" + port + "\n");
                args.addAll(List.of("--config", "http.properties"));
            }
            case "environment" -> environment = Map.of("CAMEL_SERVER_ENABLED", "true",
                    "CAMEL_SERVER_PORT", String.valueOf(port));
            default -> jvm = List.of("-Dcamel.server.enabled=true", "-Dcamel.server.port=" + port);
        }
        Process daemon = Jar.start(work, environment, jvm, args.toArray(String[]::new));
        try {
            Await.until(() -> status("http://127.0.0.1:" + port + "/observe/health") == 200, 30_000,
                    "/observe/health answering 200");
            assertEquals(200, status("http://127.0.0.1:" + port + "/observe/metrics"));
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
    }

    @Test
    void aBusyHttpPortIsAUsageErrorNamingIt() throws Exception {
        Trees.write(work, "src/a.txt", "a");
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Jar.Result result = Jar.run(work, Map.of("CAMEL_SERVER_ENABLED", "true",
                    "CAMEL_SERVER_PORT", String.valueOf(busy.getLocalPort())), "src", "rep", "60", "logs/sync.log");

            assertEquals(2, result.exitCode(), result.stdout());
            assertEquals(1, result.stderrLines().size(), result.stderr());
            assertTrue(result.stderr().contains("camel.server.port " + busy.getLocalPort()), result.stderr());
            assertFalse(Files.exists(work.resolve("rep")));
            assertFalse(Files.exists(work.resolve("logs")));
        }
    }

    @Test
    void anUnknownKeyIsRefusedFromAFileAndFromDashDButOnlyWarnedOfFromTheEnvironment() throws Exception {
        Trees.write(work, "src/a.txt", "a");
        Files.writeString(work.resolve("typo.properties"), "sync.intervall=5\n");

        Jar.Result file = Jar.run(work, Map.of(), "src", "rep", "60", "logs/sync.log", "--config", "typo.properties");
        assertEquals(2, file.exitCode());
        assertEquals(List.of("folder-sync: unknown setting sync.intervall (in " + work.toRealPath()
                + "/typo.properties): did you mean sync.interval?"), file.stderrLines());

        Process dashD = Jar.start(work, Map.of(), List.of("-Dsync.exclud=*.tmp"), "src", "rep", "60", "logs/x.log");
        Jar.Result system = Jar.await(dashD, work);
        assertEquals(2, system.exitCode());
        assertTrue(system.stderr().contains("unknown setting sync.exclud (given with -D): did you mean sync.exclude?"),
                system.stderr());

        Jar.Result environment = Jar.run(work, Map.of("SYNC_INTERVALL", "5"), "src", "rep", "60", "logs/sync.log",
                "--once");
        assertEquals(0, environment.exitCode(), environment.stderr());
        assertTrue(environment.stdout().contains("WARN  the environment variable SYNC_INTERVALL stands for no setting"),
                environment.stdout());
    }

    /** Pair names are lower case: a key naming one in capitals gets the key that works, not itself back. */
    @Test
    void aPairKeyInCapitalsIsRefusedWithTheLowerCaseKeyAsTheFix() throws Exception {
        Trees.write(work, "src/a.txt", "a");
        Files.writeString(work.resolve("p.properties"), "sync.pairs=docs\nsync.pair.Docs.source=src\n"
                + "sync.pair.docs.replica=rep\n");

        Jar.Result result = Jar.run(work, Map.of(), "--config", "p.properties");

        assertEquals(2, result.exitCode(), result.stdout());
        assertEquals(List.of("folder-sync: unknown setting sync.pair.Docs.source (in " + work.toRealPath()
                + "/p.properties): pair names are lower case; did you mean sync.pair.docs.source?"),
                result.stderrLines());
        assertFalse(Files.exists(work.resolve("rep")));

        Files.writeString(work.resolve("p.properties"), "sync.pairs=docs\nsync.pair.docs.source=src\n"
                + "sync.pair.docs.replica=rep\nsync.pair.photos.source=src\n");
        Jar.Result unnamed = Jar.run(work, Map.of(), "--config", "p.properties");
        assertEquals(2, unnamed.exitCode(), unnamed.stdout());
        assertTrue(unnamed.stderr().contains("unknown setting sync.pair.photos.source (in ") && unnamed.stderr()
                .contains("there is no pair photos in sync.pairs (docs)"), unnamed.stderr());
    }

    @Test
    void withSeveralPairsEveryLineAboutOneNamesIt() throws Exception {
        Trees.write(work, "docs/readme.txt", "docs");
        Trees.write(work, "photos/cat.jpg", "meow");
        Files.writeString(work.resolve("pairs.properties"), """
                sync.pairs=docs,photos
                sync.pair.docs.source=docs
                sync.pair.docs.replica=backup/docs
                sync.pair.photos.source=photos
                sync.pair.photos.replica=backup/photos
                sync.log-file=logs/sync.log
                """);

        Jar.Result result = Jar.run(work, Map.of(), "--config", "pairs.properties", "--once");

        assertEquals(0, result.exitCode(), result.stderr());
        List<String> log = Files.readAllLines(work.resolve("logs/sync.log"));
        for (String word : List.of(" COPY ", " CYCLE ", " PRUNE ", " INDEX ")) {
            List<String> lines = log.stream().filter(l -> l.contains(word)).toList();
            assertEquals(2, lines.size(), word + ": " + log);
            assertTrue(lines.stream().anyMatch(l -> l.contains(" pair=docs " + word.trim())), word + ": " + lines);
            assertTrue(lines.stream().anyMatch(l -> l.contains(" pair=photos " + word.trim())), word + ": " + lines);
        }
        try (Stream<Path> states = Files.list(work.resolve("state/folder-sync"))) {
            List<String> owners = states.map(state -> readString(state.resolve("PAIR"))).sorted().toList();
            assertEquals(2, owners.size());
            assertTrue(owners.get(0).startsWith("pair docs: " + work.toRealPath().resolve("docs") + " -> "), owners.get(0));
            assertTrue(owners.get(1).startsWith("pair photos: "), owners.get(1));
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The console shows what an operator watches; the log file keeps every action, as the original script did. */
    @Test
    void theConsoleIsQuietByChoiceWhileTheLogFileKeepsEveryAction() throws Exception {
        Trees.write(work, "src/a.txt", "a");
        Jar.Result normal = Jar.run(work, Map.of(), "src", "rep", "60", "logs/sync.log", "--once");
        assertFalse(normal.stdout().contains(" COPY "), "no line per file on the console: " + normal.stdout());
        assertTrue(normal.stdout().contains(" CYCLE scanned=1 copied=1 "), normal.stdout());
        assertTrue(Files.readString(work.resolve("logs/sync.log")).contains("INFO  COPY a.txt 1 bytes"));

        Trees.write(work, "src/b.txt", "b");
        Jar.Result quiet = Jar.run(work, Map.of(), "src", "rep", "60", "logs/sync.log", "--once", "-q");
        assertEquals(1, quiet.stdout().lines().count(), "only the summary of a cycle that changed something: "
                + quiet.stdout());
        Jar.Result idle = Jar.run(work, Map.of(), "src", "rep", "60", "logs/sync.log", "--once", "--quiet");
        assertEquals("", idle.stdout(), "an idle cycle is not worth a line when quiet");

        Trees.write(work, "src/c.txt", "c");
        Jar.Result verbose = Jar.run(work, Map.of(), "src", "rep", "60", "logs/sync.log", "--once", "-v");
        assertTrue(verbose.stdout().contains("INFO  COPY c.txt 1 bytes"), verbose.stdout());

        Jar.Result version = Jar.run(work, Map.of(), "--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.stdout().matches("folder-sync \\d+\\.\\d+\\.\\d+\\S* \\(Apache Camel 4\\.\\S+, Java .*\\)\\s*"),
                version.stdout());
    }

    @Test
    void anIdleDaemonSaysSoOnceAndAFifoIsSkippedWithOneWarning() throws Exception {
        Trees.write(work, "src/a.txt", "a");
        Trees.mkfifo(work.resolve("src/pipe"));
        Process daemon = Jar.start(work, Map.of(), List.of(), "src", "rep", "200ms", "logs/sync.log");
        try {
            Await.until(() -> count(log(), " CYCLE ") >= 1 && log().contains("watching"), 30_000, "a first cycle");
            Thread.sleep(2_000); // about ten more cycles and prune passes, none changing anything
            String log = log();
            assertTrue(count(log, " CYCLE ") <= 2, "a cycle that changed something, then one idle line: " + log);
            assertTrue(count(log, " PRUNE ") <= 2, log);
            assertEquals(1, count(log, "SKIP pipe"), log);
            assertEquals(1, count(log, "WARN  pipe: special file"), log);
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
    }

    /** No line about a file comes before its folder's CREATE_DIR, nor after its folder's DELETE_DIR. */
    @Test
    void foldersAreMadeBeforeAndDeletedAfterWhatTheyHold() throws Exception {
        for (int i = 0; i < 2000; i++) {
            Trees.write(work, "src/d" + i % 50 + "/f" + i, "x");
        }
        Jar.Result first = Jar.run(work, Map.of("SYNC_THREADS", "8"), "src", "rep", "60", "logs/sync.log", "--once");
        assertEquals(0, first.exitCode(), first.stderr());
        for (int i = 0; i < 50; i++) {
            Trees.deleteTree(work.resolve("src/d" + i));
        }
        Trees.write(work, "src/keep", "so that SOURCE is not empty");
        assertEquals(0, Jar.run(work, Map.of(), "src", "rep", "60", "logs/sync.log", "--once").exitCode());

        List<String> made = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (String line : Files.readAllLines(work.resolve("logs/sync.log"))) {
            String[] words = line.split(" +");
            String action = words[3];
            String path = words.length > 4 ? words[4] : "";
            String folder = path.contains("/") ? path.substring(0, path.indexOf('/')) : null;
            if (action.equals("CREATE_DIR")) {
                made.add(path);
            } else if (action.equals("DELETE_DIR")) {
                deleted.add(path);
            } else if (folder != null && (action.equals("COPY") || action.equals("DELETE"))) {
                assertTrue(action.equals("COPY") ? made.contains(folder) : !deleted.contains(folder), line);
            }
        }
        assertEquals(50, made.size());
        assertEquals(50, deleted.size());
    }

    @Test
    void progressComesAtItsPeriodWithASteadyEstimate() throws Exception {
        for (int i = 0; i < 6000; i++) {
            Trees.write(work, "src/d" + i % 60 + "/f" + i, "file number " + i);
        }
        Jar.Result result = Jar.run(work, Map.of("SYNC_PROGRESS_INTERVAL", "1s", "SYNC_LOG_FORMAT", "json",
                "SYNC_THREADS", "1"), "src", "rep", "60", "logs/sync.log", "--once");
        assertEquals(0, result.exitCode(), result.stderr());

        List<JsonObject> progress = new ArrayList<>();
        for (String line : result.stdout().split("\n")) {
            JsonObject object = (JsonObject) Jsoner.deserialize(line);
            if ("progress".equals(object.get("event"))) {
                progress.add(object);
            }
        }
        if (progress.isEmpty()) {
            return; // a machine that copies 6,000 files within the period: nothing to report, rightly
        }
        long first = ((Number) progress.get(0).get("elapsed_ms")).longValue();
        assertTrue(first >= 1000 && first < 1500, "the first line at the period, not up to one later: " + first);
    }

    private static long count(String text, String word) {
        return text.lines().filter(l -> l.contains(word)).count();
    }

    private String log() throws IOException {
        Path file = work.resolve("logs/sync.log");
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private int status(String url) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException notListeningYet) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
