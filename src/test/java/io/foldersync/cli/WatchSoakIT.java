package io.foldersync.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import io.foldersync.support.Await;
import io.foldersync.support.Jar;
import io.foldersync.support.TreeAssert;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random operations on SOURCE against a daemon whose periodic cycle never comes (INTERVAL 1h): every kind of change a
 * user makes (create, overwrite, append, truncate, delete, mkdir, rm -r, renames of files and folders across folders, a
 * file turned into a folder and back, chmod, symlinks; names with spaces and accents) must reach REPLICA through the
 * watch alone, folder mtimes included, within 10 s of the last one. The length is {@code soak.seconds} (default 8).
 */
class WatchSoakIT {

    private static final String[] NAMES = {"a", "b c", "é", "naïve name", "d-1", "x.txt"};

    @TempDir
    Path work;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 226, 4242})
    void everyChangeReachesTheReplicaWithoutACycle(long seed) throws Exception {
        Path source = work.resolve("src");
        Path replica = work.resolve("rep");
        Trees.write(work, "src/keep", "keep");
        Process daemon = Jar.start(work, Map.of(), List.of(), "src", "rep", "1h", "logs/sync.log");
        try {
            Await.until(() -> log().contains("CYCLE "), 30_000, "the first cycle");
            Random random = new Random(seed);
            long end = System.nanoTime() + Long.getLong("soak.seconds", 8) * 1_000_000_000L;
            int operations = 0;
            while (System.nanoTime() < end) {
                operations += operate(random, source) ? 1 : 0;
                Thread.sleep(random.nextInt(8));
            }
            long last = System.nanoTime();
            boolean converged = Await.poll(() -> TreeAssert.isMirror(source, replica, true), 10_000);
            System.out.printf("seed %d: %d operations, converged %s after %d ms%n", seed, operations, converged,
                    (System.nanoTime() - last) / 1_000_000);
            if (!converged) {
                List<String> differences = TreeAssert.differences(source, replica, true);
                fail("seed " + seed + ", 10 s after the last of " + operations + " operations:\n  "
                        + String.join("\n  ", differences) + "\nwhat the log says of them:\n"
                        + log().lines().filter(line -> differences.stream()
                                .anyMatch(d -> line.contains(" " + d.substring(0, d.indexOf(':')))))
                        .collect(java.util.stream.Collectors.joining("\n")));
            }
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
        assertEquals(0, daemon.exitValue(), log());
    }

    /** One random change; false when the tree changed under the pick and nothing was done. */
    private static boolean operate(Random random, Path root) {
        try {
            List<Path> folders = entries(root, true);
            List<Path> files = entries(root, false);
            Path folder = folders.get(random.nextInt(folders.size()));
            Path file = files.isEmpty() ? null : files.get(random.nextInt(files.size()));
            Path fresh = folder.resolve(NAMES[random.nextInt(NAMES.length)] + random.nextInt(20));
            int op = random.nextInt(100);
            if (op < 25) {
                Files.writeString(fresh, "x".repeat(random.nextInt(5000)));
            } else if (op < 35 && file != null) {
                Files.writeString(file, "rewritten " + random.nextInt(), StandardOpenOption.TRUNCATE_EXISTING);
            } else if (op < 42 && file != null) {
                Files.writeString(file, "more", StandardOpenOption.APPEND);
            } else if (op < 46 && file != null) {
                Files.newByteChannel(file, StandardOpenOption.WRITE).truncate(random.nextInt(3)).close();
            } else if (op < 54 && file != null) {
                Files.delete(file);
            } else if (op < 64 && root.relativize(folder).getNameCount() < 5) {
                Files.createDirectories(fresh);
            } else if (op < 68 && !folder.equals(root)) {
                Trees.deleteTree(folder);
            } else if (op < 76 && file != null) {
                Files.move(file, fresh);
            } else if (op < 82 && !folder.equals(root)) {
                Path target = folders.get(random.nextInt(folders.size())).resolve("moved" + random.nextInt(20));
                if (!target.startsWith(folder)) {
                    Files.move(folder, target);
                }
            } else if (op < 86 && file != null) {
                Files.delete(file);
                Files.createDirectory(file);
                Files.writeString(file.resolve("inside"), "was a file");
            } else if (op < 89 && !folder.equals(root) && random.nextBoolean()) {
                Trees.deleteTree(folder);
                Files.writeString(folder, "was a folder");
            } else if (op < 94) {
                Path target = random.nextBoolean() || file == null ? folder : file;
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                        random.nextBoolean() ? "rwxr-x---" : "rwxrwxr-x"));
            } else if (!Files.exists(fresh, LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(fresh, Path.of(random.nextBoolean() ? ".." : "a0"));
            } else {
                return false;
            }
            return true;
        } catch (IOException | RuntimeException raced) {
            return false; // the tree changed under a random pick: another operation comes next
        }
    }

    private static List<Path> entries(Path root, boolean folders) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> folders ? Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                    : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
        }
    }

    private String log() {
        try {
            return Files.readString(work.resolve("logs/sync.log"), StandardCharsets.UTF_8);
        } catch (IOException notYet) {
            return "";
        }
    }
}
