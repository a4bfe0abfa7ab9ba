package io.foldersync.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.foldersync.support.Await;
import io.foldersync.support.BusyCore;
import io.foldersync.support.Churn;
import io.foldersync.support.Jar;
import io.foldersync.support.TreeAssert;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random operations on SOURCE against a running daemon: every kind of change a user makes (create, overwrite, append,
 * truncate, delete, mkdir, rm -r, renames of files and folders across folders, a file turned into a folder and back,
 * chmod, symlinks; names with spaces and accents) must reach REPLICA, folder mtimes included, within 5 s of the last
 * one, and none of it may be logged as an ERROR: it is churn. Two modes: the watch alone (INTERVAL 1h), and every actor
 * at once (the cycle and the prune pass every second, and the background verify every second, all beside the watch),
 * so a cycle walks folders as they are removed. {@code soak.seconds} (default 6) and {@code soak.seeds} (default
 * 11,226) set the length and the seeds; the other core is kept busy.
 */
@Isolated
class WatchSoakIT {

    @TempDir
    Path work;

    static Stream<Arguments> modesAndSeeds() {
        return Stream.of("watch alone", "every actor").flatMap(mode -> Stream.of(
                System.getProperty("soak.seeds", "11,226").split(",")).map(seed -> Arguments.of(mode,
                Long.parseLong(seed.trim()))));
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("modesAndSeeds")
    void everyChangeReachesTheReplicaAndNoneIsAnError(String mode, long seed) throws Exception {
        Path source = work.resolve("src");
        Path replica = work.resolve("rep");
        Trees.write(work, "src/keep", "keep");
        boolean all = mode.equals("every actor");
        Files.writeString(work.resolve("soak.properties"), all
                ? "sync.prune-interval=1s\nsync.verify-interval=1s\n" : "");
        Process daemon = Jar.start(work, Map.of(), List.of(), "src", "rep", all ? "1s" : "1h", "logs/sync.log",
                "--config", "soak.properties");
        int operations = 0;
        try (BusyCore busy = new BusyCore()) {
            Await.until(() -> log().contains("CYCLE "), 30_000, "the first cycle");
            Random random = new Random(seed);
            long end = System.nanoTime() + Long.getLong("soak.seconds", 6) * 1_000_000_000L;
            while (System.nanoTime() < end) {
                operations += Churn.operate(random, source) ? 1 : 0;
                Thread.sleep(random.nextInt(8));
            }
            long last = System.nanoTime();
            boolean converged = Await.poll(() -> TreeAssert.isMirror(source, replica, true), 5_000);
            System.out.printf("%s, seed %d: %d operations, converged %s after %d ms, %d ERROR lines%n", mode, seed,
                    operations, converged, (System.nanoTime() - last) / 1_000_000, errors().size());
            if (!converged) {
                List<String> differences = TreeAssert.differences(source, replica, true);
                fail(mode + ", seed " + seed + ", 5 s after the last of " + operations + " operations:\n  "
                        + String.join("\n  ", differences) + "\nwhat the log says of them:\n"
                        + log().lines().filter(line -> differences.stream()
                                .anyMatch(d -> line.contains(" " + d.substring(0, d.indexOf(':')))))
                        .collect(Collectors.joining("\n")));
            }
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
        assertEquals(List.of(), errors(), mode + ", seed " + seed + ": churn logged as errors, in " + operations
                + " operations");
        assertEquals(0, daemon.exitValue(), log());
    }

    private List<String> errors() {
        return log().lines().filter(line -> line.contains(" ERROR ")).toList();
    }

    private String log() {
        try {
            return Files.readString(work.resolve("logs/sync.log"), StandardCharsets.UTF_8);
        } catch (IOException notYet) {
            return "";
        }
    }
}
