package com.example.mirror;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example app started as its user starts it, java -jar with its own settings: it mirrors SOURCE at start and each
 * new file within a second, Actuator shows folderSync UP and the folder_sync_* meters, the app's own file: route
 * behaves as stock (move=.done), and SIGTERM ends it within 10 s. The start time is printed.
 */
class MirrorAppIT {

    private static final Path JAR = Path.of(System.getProperty("app.jar", "target/mirror-app-0.1.0-SNAPSHOT.jar"));

    @TempDir
    Path work;

    @Test
    void mirrorsBesideTheAppsOwnRouteAndShowsItselfInActuator() throws Exception {
        Path source = Files.createDirectories(work.resolve("data"));
        Files.writeString(source.resolve("before.txt"), "there before the start");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toAbsolutePath().toString(), "--server.port=" + port,
                "--sync.source=" + source, "--sync.replica=" + work.resolve("backup"),
                "--sync.state-dir=" + work.resolve("state"), "--sync.log-file=" + work.resolve("logs/actions.log"),
                "--app.inbox=" + work.resolve("inbox")));
        long started = System.nanoTime();
        Process app = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(work.resolve("out.txt").toFile()).redirectErrorStream(true).start();
        try {
            await(() -> out().contains("Started MirrorApplication"), 60_000, "the app started");
            System.out.println("example app: " + startedLine() + " (" + (System.nanoTime() - started) / 1_000_000
                    + " ms from launch)");
            await(() -> Files.exists(work.resolve("backup/before.txt")), 10_000, "SOURCE mirrored at start");

            long written = System.nanoTime();
            Files.writeString(source.resolve("new.txt"), "written while the app runs");
            await(() -> Files.exists(work.resolve("backup/new.txt")), 5_000, "a new file mirrored");
            long lagMs = (System.nanoTime() - written) / 1_000_000;
            System.out.println("example app: a new file in REPLICA " + lagMs + " ms after it was written");
            assertTrue(lagMs < 1_000, "within a second: " + lagMs + " ms");

            // the app's own inbox consumer is ready once it has polled (its first poll is a second after start),
            // which the mirror, quicker than that, need not wait for
            await(() -> get("http://127.0.0.1:" + port + "/actuator/health").startsWith("{\"status\":\"UP\""),
                    10_000, "the app ready");
            String health = get("http://127.0.0.1:" + port + "/actuator/health");
            assertTrue(health.startsWith("{\"status\":\"UP\""), health);
            assertTrue(health.contains("\"folderSync\":{\"status\":\"UP\""), health);
            String metrics = get("http://127.0.0.1:" + port + "/actuator/prometheus");
            assertTrue(metrics.contains("folder_sync_actions_total{action=\"COPY\",pair=\"default\"} 2.0"), metrics);

            Files.writeString(Files.createDirectories(work.resolve("inbox")).resolve("order.xml"), "<order/>");
            await(() -> Files.exists(work.resolve("inbox/.done/order.xml")), 10_000, "the app's own route, as stock");
            assertTrue(Files.readString(work.resolve("logs/actions.log")).contains("COPY new.txt"),
                    "the action log the example's logback-spring.xml keeps");
        } finally {
            long stop = System.nanoTime();
            app.destroy(); // SIGTERM
            boolean ended = app.waitFor(10, TimeUnit.SECONDS);
            System.out.println("example app: stopped " + (System.nanoTime() - stop) / 1_000_000 + " ms after SIGTERM");
            if (!ended) {
                app.destroyForcibly().waitFor();
            }
            assertTrue(ended, "SIGTERM ends it within 10 s");
        }
        assertEquals(List.of(), temporaryFiles(), "nothing half-written left behind");
    }

    /**
     * Two instances of the app over one SOURCE, REPLICA and state folder, with a cluster service bean on a shared
     * folder: one leads the pair and mirrors, the other stands by; killed, the leader is replaced, and what is
     * written then is mirrored by the other.
     */
    @Test
    void twoInstancesOneLeaderAndATakeOver() throws Exception {
        Path source = Files.createDirectories(work.resolve("data"));
        Files.writeString(source.resolve("before.txt"), "there before the start");
        Process a = startInstance("a");
        Process b = null;
        try {
            await(() -> log("a").contains("LEADER pair=default gained"), 60_000, "a leads");
            b = startInstance("b");
            await(() -> log("b").contains("LEADER pair=default standing by"), 60_000, "b stands by");
            await(() -> Files.exists(work.resolve("backup/before.txt")), 10_000, "the leader mirrors");
            assertTrue(!log("b").contains("COPY "), "the standby writes nothing");

            a.destroyForcibly().waitFor(); // kill -9
            long killed = System.nanoTime();
            await(() -> log("b").contains("LEADER pair=default gained"), 30_000, "b takes over");
            System.out.println("example app: the standby led " + (System.nanoTime() - killed) / 1_000_000
                    + " ms after the leader was killed");
            Files.writeString(source.resolve("after.txt"), "written after the take-over");
            await(() -> Files.exists(work.resolve("backup/after.txt")), 10_000, "the new leader mirrors");
        } finally {
            a.destroyForcibly().waitFor();
            if (b != null) {
                b.destroy();
                b.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private Process startInstance(String name) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toAbsolutePath().toString(), "--server.port=" + freePort(),
                "--sync.source=" + work.resolve("data"), "--sync.replica=" + work.resolve("backup"),
                "--sync.state-dir=" + work.resolve("state"), "--sync.log-file=" + work.resolve("logs/" + name + ".log"),
                "--app.inbox=" + work.resolve("inbox-" + name), "--app.cluster-folder=" + work.resolve("cluster"));
        return new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(work.resolve(name + ".txt").toFile()).redirectErrorStream(true).start();
    }

    private String log(String name) throws IOException {
        Path out = work.resolve(name + ".txt");
        return Files.exists(out) ? Files.readString(out) : "";
    }

    private List<Path> temporaryFiles() throws IOException {
        try (var paths = Files.walk(work.resolve("backup"))) {
            return paths.filter(p -> p.getFileName().toString().startsWith(".folder-sync-")).toList();
        }
    }

    private String startedLine() throws IOException {
        Matcher started = Pattern.compile("Started MirrorApplication in [0-9.]+ seconds").matcher(out());
        return started.find() ? started.group() : "started";
    }

    private String out() throws IOException {
        return Files.readString(work.resolve("out.txt"));
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void await(Callable<Boolean> condition, long millis, String what) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (!Boolean.TRUE.equals(condition.call())) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(what + ": not so after " + millis + " ms\n" + out());
            }
            Thread.sleep(20);
        }
    }
}
