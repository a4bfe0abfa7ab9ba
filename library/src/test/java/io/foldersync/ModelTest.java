package io.foldersync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.foldersync.observe.CycleStats;
import io.foldersync.support.MirrorRouteTestSupport;
import io.foldersync.support.TreeAssert;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random operations on SOURCE, a cycle, then an independent comparison of both trees, round after round. A failure
 * names its seed; replay it with {@code mvn verify -Dtest=ModelTest -Dmodel.seed=SEED} ({@code -Dmodel.rounds=N}).
 */
class ModelTest extends MirrorRouteTestSupport {

    private static final String[] NAMES = {"a", "b", "c d", "-e", ".hidden", "ü", "x\\y", "n\nl", "%z", "deep"};
    private static final String[] MODES = {"rw-r--r--", "rwx------", "r--------", "rw-rw-rw-", "---------"};

    private Random random;

    /** The model may empty SOURCE on purpose; the hold that guards against that has its own test. */
    @Override
    protected void extraProperties(java.util.Properties properties) {
        properties.setProperty("sync.allow-empty-source", "true");
    }

    @Test
    void randomOperationsAlwaysConvergeInOneCycle() throws Exception {
        long seed = Long.getLong("model.seed", System.nanoTime());
        int rounds = Integer.getInteger("model.rounds", 200);
        random = new Random(seed);
        for (int round = 1; round <= rounds; round++) {
            List<String> done = new ArrayList<>();
            int operations = 1 + random.nextInt(4);
            for (int i = 0; i < operations; i++) {
                done.add(randomOperation());
            }
            CycleStats.Summary summary = cycle();
            List<String> differences = TreeAssert.differences(source, replica);
            if (!differences.isEmpty() || summary.errors() > 0) {
                fail("seed " + seed + " round " + round + " (replay: -Dmodel.seed=" + seed + ")\noperations: " + done
                        + "\nerrors: " + summary.errors() + " " + problems() + "\ndifferences:\n  "
                        + String.join("\n  ", differences));
            }
        }
    }

    private String randomOperation() throws IOException {
        List<Path> files = entries(false);
        List<Path> folders = entries(true);
        Path folder = pick(folders);
        Path target = folder.resolve(NAMES[random.nextInt(NAMES.length)]);
        switch (random.nextInt(13)) {
            case 0, 1 -> {
                if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.writeString(target, content());
                    return "create " + rel(target);
                }
            }
            case 2 -> {
                Path file = pick(files);
                if (file != null) {
                    Files.writeString(file, content());
                    return "overwrite " + rel(file);
                }
            }
            case 3 -> {
                Path file = pick(files);
                if (file != null) {
                    Files.writeString(file, content(), java.nio.file.StandardOpenOption.APPEND);
                    return "append " + rel(file);
                }
            }
            case 4 -> {
                Path file = pick(files);
                if (file != null) {
                    try (var channel = java.nio.channels.FileChannel.open(file,
                            java.nio.file.StandardOpenOption.WRITE)) {
                        channel.truncate(channel.size() / 2);
                    }
                    return "truncate " + rel(file);
                }
            }
            case 5 -> {
                Path file = pick(files);
                if (file != null) {
                    Files.delete(file);
                    return "delete " + rel(file);
                }
            }
            case 6 -> {
                if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS) && depth(target) < 5) {
                    Files.createDirectory(target);
                    return "mkdir " + rel(target);
                }
            }
            case 7 -> {
                if (!folder.equals(source)) {
                    Trees.makeWritable(folder);
                    Trees.deleteTree(folder);
                    return "rm -r " + rel(folder);
                }
            }
            case 8 -> {
                Path from = random.nextBoolean() ? pick(files) : (folder.equals(source) ? null : folder);
                Path to = pick(folders).resolve(NAMES[random.nextInt(NAMES.length)] + random.nextInt(3));
                if (from != null && !Files.exists(to, LinkOption.NOFOLLOW_LINKS) && !to.startsWith(from)) {
                    Files.move(from, to);
                    return "rename " + rel(from) + " -> " + rel(to);
                }
            }
            case 9 -> {
                Path file = pick(files);
                if (file != null) {
                    Files.delete(file);
                    if (random.nextBoolean()) {
                        Files.createDirectory(file);
                        Files.writeString(file.resolve("inside"), content());
                        return "file->folder " + rel(file);
                    }
                    Files.createSymbolicLink(file, Path.of(random.nextBoolean() ? ".." : "dangling/target"));
                    return "file->symlink " + rel(file);
                }
            }
            case 10 -> {
                if (!folder.equals(source)) {
                    Trees.deleteTree(folder);
                    Files.writeString(folder, content());
                    return "folder->file " + rel(folder);
                }
            }
            case 11 -> {
                Path file = pick(files);
                if (file != null) {
                    Files.setPosixFilePermissions(file,
                            PosixFilePermissions.fromString(MODES[random.nextInt(MODES.length)]));
                    if (random.nextBoolean()) {
                        Files.setLastModifiedTime(file, FileTime.fromMillis(random.nextInt(1_000_000) * 1000L));
                    }
                    return "chmod/touch " + rel(file);
                }
            }
            default -> {
                if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    String[] targets = {".", "..", "a", "/etc", temp.toString(), "missing"};
                    Files.createSymbolicLink(target, Path.of(targets[random.nextInt(targets.length)]));
                    return "symlink " + rel(target);
                }
            }
        }
        return "nothing";
    }

    private static List<String> problems() {
        return io.foldersync.support.CapturedLog.lines().stream()
                .filter(line -> line.startsWith("ERROR") || line.startsWith("WARN")).toList();
    }

    private String content() {
        return "v" + random.nextInt(1000) + "-".repeat(random.nextInt(64));
    }

    private List<Path> entries(boolean folders) throws IOException {
        try (var paths = Files.walk(source)) {
            return paths.filter(p -> folders ? Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                    : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
    }

    private Path pick(List<Path> paths) {
        return paths.isEmpty() ? null : paths.get(random.nextInt(paths.size()));
    }

    private int depth(Path path) {
        return source.relativize(path).getNameCount();
    }

    private String rel(Path path) {
        return source.relativize(path).toString();
    }
}
