package io.foldersync.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import io.foldersync.support.Await;
import io.foldersync.support.Jar;
import io.foldersync.support.Trees;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.foldersync.support.TreeAssert.assertMirror;
import static io.foldersync.support.TreeAssert.isMirror;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an operator sees of the real process: health and metrics over HTTP, JSON logs, progress, several pairs. */
class ObservabilityIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void healthAndMetricsAnswerOverHttpOnLoopbackOnly() throws Exception {
        Trees.write(work, "src/a.txt", "alpha");
        int port = freePort();
        Files.writeString(work.resolve("http.properties"), "camel.server.enabled=true\n");
        // the port from the environment, as a container would give it
        Process daemon = Jar.start(work, Map.of("CAMEL_SERVER_PORT", String.valueOf(port)), List.of(), "src", "rep",
                "1h", "logs/sync.log", "--config", "http.properties");
        try {
            String base = "http://127.0.0.1:" + port + "/observe/";
            Await.until(() -> status(base + "health/ready") == 200, 30_000, "ready after the first cycle");
            assertEquals(200, status(base + "health/live"));
            assertTrue(body(base + "health").contains("\"status\":\"UP\""));

            Trees.write(work, "src/b.txt", "bravo!");
            // the file is in place a moment before its copy is counted
            Await.until(() -> body(base + "metrics").contains("folder_sync_copied_bytes_total{pair=\"default\"} 11"),
                    10_000, "b.txt mirrored by the watch, and counted");
            String metrics = body(base + "metrics");
            assertEquals(2.0, metric(metrics, "folder_sync_actions_total{action=\"COPY\",pair=\"default\"}"),
                    metrics);
            assertEquals(11.0, metric(metrics, "folder_sync_copied_bytes_total{pair=\"default\"}"));
            assertEquals(1.0, metric(metrics, "folder_sync_cycle_seconds_count{pair=\"default\"}"));
            assertTrue(metric(metrics, "folder_sync_event_lag_seconds_count{pair=\"default\"}") >= 1);
            assertEquals(2.0, metric(metrics, "folder_sync_index_entries{pair=\"default\"}"));
            assertTrue(metrics.contains("camel_routes_running_routes"), "Camel's own meters are there too");
            assertFalse(metrics.contains("camel_exchanges_total"), "but not its per-exchange ones, by default");

            Files.move(work.resolve("src"), work.resolve("src-away"));
            HttpResponse<String> missing = get(base + "health/ready");
            assertEquals(503, missing.statusCode());
            assertTrue(missing.body().contains("SOURCE is missing"), missing.body());
            assertEquals(200, status(base + "health/live"), "alive all the same: nothing a restart would mend");
            Files.move(work.resolve("src-away"), work.resolve("src"));

            Optional<InetAddress> other = nonLoopbackAddress();
            if (other.isPresent()) {
                assertThrows(ConnectException.class, () -> new Socket(other.get(), port).close(),
                        "bound to 127.0.0.1 by default");
            }
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
        assertEquals(0, daemon.exitValue());
    }

    @Test
    void theHttpServerIsOffByDefault() throws Exception {
        Trees.write(work, "src/a.txt", "alpha");
        Jar.Result result = Jar.run(work, Map.of(), "src", "rep", "60", "logs/sync.log", "--once");
        assertEquals(0, result.exitCode(), result.stderr());
        assertFalse(result.stdout().contains("/observe/health"), result.stdout());
    }

    @Test
    void jsonLogsAreOneObjectPerLineWithTheFactsOfEachAction() throws Exception {
        Trees.write(work, "src/dir/a file.txt", "alpha");
        Trees.write(work, "src/line\nbreak", "x");
        Trees.write(work, "src/1234", "a name that looks like a number");
        Jar.Result result = Jar.run(work, Map.of("SYNC_LOG_FORMAT", "json"), "src", "rep", "60", "logs/sync.log",
                "--once", "--verbose");
        assertEquals(0, result.exitCode(), result.stderr());

        List<JsonObject> console = parseLines(result.stdout());
        List<JsonObject> file = parseLines(Files.readString(work.resolve("logs/sync.log")));
        assertEquals(console.size(), file.size(), "verbose, the console holds what the log file does");
        JsonObject copy = console.stream().filter(o -> "dir/a file.txt".equals(o.get("path"))).findFirst()
                .orElseThrow(() -> new AssertionError(result.stdout()));
        assertEquals("COPY", copy.get("action"));
        assertEquals("INFO", copy.get("level"));
        assertEquals("default", copy.get("pair"));
        assertEquals(5L, number(copy, "size"), "sizes and counts are JSON numbers");
        assertEquals(md5("alpha"), copy.get("md5"));
        assertTrue(number(copy, "duration_ms") >= 0);
        assertTrue(console.stream().anyMatch(o -> "line\nbreak".equals(o.get("path"))),
                "names are exact in JSON, newline included");
        assertTrue(console.stream().anyMatch(o -> "1234".equals(o.get("path"))), "a name is a string, always");
        JsonObject cycle = console.stream().filter(o -> "cycle".equals(o.get("event"))).findFirst().orElseThrow();
        assertEquals(3L, number(cycle, "copied"));
        assertEquals(0L, number(cycle, "errors"));
    }

    @Test
    void aLongCycleReportsItsProgress() throws Exception {
        for (int i = 0; i < 3000; i++) {
            Trees.write(work, "src/d" + i % 30 + "/f" + i, "file number " + i);
        }
        Jar.Result result = Jar.run(work, Map.of("SYNC_PROGRESS_INTERVAL", "100ms"), "src", "rep", "60",
                "logs/sync.log", "--once");
        assertEquals(0, result.exitCode(), result.stderr());

        List<String> progress = result.stdout().lines().filter(l -> l.contains(" PROGRESS ")).toList();
        assertFalse(progress.isEmpty(), "at least one progress line during a 3,000-file first sync");
        Pattern shape = Pattern.compile("PROGRESS scanned=(\\d+)(/3030)? files=(\\d+)/(\\d+) bytes=\\S+/\\S+ "
                + "rate=\\S+/s files_per_s=\\d+ elapsed=\\d+s eta=(\\S+)$");
        for (String each : progress) {
            Matcher line = shape.matcher(each);
            assertTrue(line.find(), each);
            assertTrue(Long.parseLong(line.group(3)) <= Long.parseLong(line.group(4)), each);
        }
        assertTrue(progress.stream().anyMatch(l -> l.matches(".* scanned=\\d+/3030 .* eta=\\d+s")),
                "once SOURCE is counted (3,000 files in 30 folders), a share of it and the time left: " + progress);
        assertTrue(Files.readString(work.resolve("logs/sync.log")).contains(" PROGRESS "), "in the log file too");
        assertMirror(work.resolve("src"), work.resolve("rep"));
    }

    @Test
    void twoPairsSyncAtOnceInOneProcess() throws Exception {
        Trees.write(work, "docs/readme.txt", "docs");
        Trees.write(work, "photos/cat.jpg", "meow");
        Files.writeString(work.resolve("pairs.properties"), """
                sync.pairs=docs,photos
                sync.pair.docs.source=docs
                sync.pair.docs.replica=backup/docs
                sync.pair.photos.source=photos
                sync.pair.photos.replica=backup/photos
                sync.pair.photos.interval=1h
                sync.log-file=logs/sync.log
                """);
        int jmxPort = freePort();
        Process daemon = Jar.start(work, Map.of(), jmxRemote(jmxPort), "--config", "pairs.properties");
        try {
            Await.until(() -> Files.exists(work.resolve("backup/docs/readme.txt"))
                    && Files.exists(work.resolve("backup/photos/cat.jpg")), 30_000, "both first cycles");
            Await.until(() -> log().split("watching", -1).length == 3, 30_000, "both pairs watched");
            for (int i = 0; i < 100; i++) {
                Trees.write(work, "docs/new/" + i, "doc " + i);
                Trees.write(work, "photos/new/" + i, "photo " + i);
            }
            // the last files' content lands one watch window after their creation: wait for identical trees
            Await.until(() -> isMirror(work.resolve("docs"), work.resolve("backup/docs"))
                    && isMirror(work.resolve("photos"), work.resolve("backup/photos")), 30_000,
                    "both pairs mirrored the burst");
            assertTrue(log().contains("pair docs mirroring") && log().contains("pair photos mirroring"), log());
            try {
                assertJmxShowsRoutesAndTotals(jmxPort);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + log(), e);
            }
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
        assertEquals(0, daemon.exitValue(), Files.readString(work.resolve("stderr.txt")));
    }

    /** What jconsole would show of the running process: each pair's routes and totals. */
    private static void assertJmxShowsRoutesAndTotals(int port) throws Exception {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
        try (JMXConnector connector = JMXConnectorFactory.connect(url)) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            Set<String> routes = server.queryNames(new ObjectName("org.apache.camel:type=routes,*"), null).stream()
                    .map(name -> ObjectName.unquote(name.getKeyProperty("name"))).collect(Collectors.toSet());
            assertTrue(routes.containsAll(Set.of("docs-sync", "docs-watch", "docs-prune", "photos-sync",
                    "photos-watch", "photos-prune")), routes.toString());
            ObjectName docs = new ObjectName("io.foldersync:context=\"folder-sync\",type=SyncPair,name=docs");
            // a copy is counted just after its rename, which the mirror check above may have seen first
            Await.until(() -> Long.valueOf(101).equals(server.getAttribute(docs, "FilesCopied")), 5_000,
                    "readme.txt, then 100 by the watch: " + server.getAttribute(docs, "FilesCopied"));
            Await.until(() -> Long.valueOf(101).equals(server.getAttribute(docs, "IndexEntries")), 5_000,
                    "101 index entries: " + server.getAttribute(docs, "IndexEntries"));
            assertEquals(0L, server.getAttribute(docs, "Errors"));
        }
    }

    private static List<String> jmxRemote(int port) {
        return List.of("-Dcom.sun.management.jmxremote.port=" + port,
                "-Dcom.sun.management.jmxremote.rmi.port=" + port, "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                "-Djava.rmi.server.hostname=127.0.0.1", "-Dcom.sun.management.jmxremote.authenticate=false",
                "-Dcom.sun.management.jmxremote.ssl=false");
    }

    private String log() throws IOException {
        Path log = work.resolve("logs/sync.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static long number(JsonObject object, String field) {
        Object value = object.get(field);
        assertTrue(value instanceof Number, field + " is a JSON number in " + object.toJson());
        return ((Number) value).longValue();
    }

    private static List<JsonObject> parseLines(String text) throws Exception {
        List<JsonObject> objects = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                objects.add((JsonObject) Jsoner.deserialize(line));
            }
        }
        return objects;
    }

    private static double metric(String exposition, String series) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no " + series + " in the metrics");
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int status(String url) throws InterruptedException {
        try {
            return get(url).statusCode();
        } catch (IOException notListeningYet) {
            return -1;
        }
    }

    private String body(String url) throws IOException, InterruptedException {
        return get(url).body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        return NetworkInterface.networkInterfaces().filter(n -> {
            try {
                return n.isUp() && !n.isLoopback();
            } catch (IOException e) {
                return false;
            }
        }).flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address).findFirst();
    }

    private static String md5(String content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content.getBytes()));
    }
}
