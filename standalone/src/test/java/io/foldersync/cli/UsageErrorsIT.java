package io.foldersync.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import io.foldersync.support.Jar;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad usage exits 2 with one line on stderr naming the problem, and creates or changes nothing. */
class UsageErrorsIT {

    @TempDir
    Path work;

    @BeforeEach
    void makeSource() throws Exception {
        Trees.write(work, "src/file.txt", "content");
        Trees.write(work, "plain-file", "not a folder");
        Trees.write(work, "versions.properties", "sync.versions-dir=src/versions\n");
    }

    static Stream<Arguments> badUsage() {
        return Stream.of(
                Arguments.of("missing SOURCE", new String[]{"nope", "rep", "60", "logs/x.log"}, "does not exist"),
                Arguments.of("SOURCE is a file", new String[]{"plain-file", "rep", "60", "logs/x.log"}, "is not a folder"),
                Arguments.of("REPLICA equals SOURCE", new String[]{"src", "src", "60", "logs/x.log"}, "same folder"),
                Arguments.of("REPLICA inside SOURCE", new String[]{"src", "src/rep", "60", "logs/x.log"}, "inside SOURCE"),
                Arguments.of("SOURCE inside REPLICA", new String[]{"src", ".", "60", "logs/x.log"}, "inside REPLICA"),
                Arguments.of("interval 0", new String[]{"src", "rep", "0", "logs/x.log"}, "INTERVAL"),
                Arguments.of("interval -5", new String[]{"src", "rep", "-5", "logs/x.log"}, "INTERVAL"),
                Arguments.of("interval abc", new String[]{"src", "rep", "abc", "logs/x.log"}, "INTERVAL"),
                Arguments.of("log inside SOURCE", new String[]{"src", "rep", "60", "src/logs/x.log"}, "LOG_FILE"),
                Arguments.of("log inside REPLICA", new String[]{"src", "rep", "60", "rep/x.log"}, "LOG_FILE"),
                Arguments.of("three arguments", new String[]{"src", "rep", "60"}, "expected 4 arguments"),
                Arguments.of("five arguments", new String[]{"src", "rep", "60", "logs/x.log", "extra"}, "expected 4"),
                Arguments.of("unknown option", new String[]{"src", "rep", "60", "logs/x.log", "--fast"}, "unknown option"),
                Arguments.of("no settings at all", new String[]{}, "SOURCE is not set"),
                Arguments.of("an exclude that is no glob", new String[]{"src", "rep", "60", "logs/x.log", "--exclude",
                        "[ab.txt"}, "sync.exclude (--exclude): pattern '[ab.txt' is not a glob"),
                Arguments.of("an include with ..", new String[]{"src", "rep", "60", "logs/x.log",
                        "--include=../x"}, "sync.include (--include): pattern '../x' holds .."),
                Arguments.of("--exclude without a pattern", new String[]{"src", "rep", "60", "logs/x.log",
                        "--exclude"}, "--exclude needs a pattern"),
                Arguments.of("versions inside SOURCE", new String[]{"src", "rep", "60", "logs/x.log", "--config",
                        "versions.properties"}, "sync.versions-dir"));
    }

    static Stream<Arguments> badPairs() {
        return Stream.of(
                Arguments.of("arguments and sync.pairs", "sync.pairs=a\nsync.pair.a.source=src\nsync.pair.a.replica=rep\n",
                        new String[]{"src", "rep", "60", "logs/x.log"}, "not both"),
                Arguments.of("a pair without replica", "sync.pairs=a\nsync.pair.a.source=src\n", new String[]{},
                        "sync.pair.a.replica is not set"),
                Arguments.of("a bad pair name", "sync.pairs=A B\n", new String[]{}, "is not a pair name"),
                Arguments.of("a pair named twice", "sync.pairs=a,a\nsync.pair.a.source=src\nsync.pair.a.replica=rep\n",
                        new String[]{}, "names a twice"),
                Arguments.of("a pair's missing SOURCE", "sync.pairs=a\nsync.pair.a.source=nope\nsync.pair.a.replica=rep\n",
                        new String[]{}, "pair a: SOURCE"),
                Arguments.of("one pair writing into another's SOURCE",
                        "sync.pairs=a,b\nsync.pair.a.source=src\nsync.pair.a.replica=rep\n"
                                + "sync.pair.b.source=plain-dir\nsync.pair.b.replica=src/rep\n", new String[]{},
                        "pair b: REPLICA"),
                Arguments.of("two pairs sharing a REPLICA",
                        "sync.pairs=a,b\nsync.pair.a.source=src\nsync.pair.a.replica=rep\n"
                                + "sync.pair.b.source=plain-dir\nsync.pair.b.replica=rep/b\n", new String[]{},
                        "overlaps a folder of pair b"),
                Arguments.of("an unknown log format", "sync.log-format=xml\n", new String[]{"src", "rep", "60", "logs/x.log"},
                        "sync.log-format must be text or json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPairs")
    void badPairSettingsExitTwoWithOneLineAndTouchNothing(String name, String config, String[] args, String expected)
            throws Exception {
        Files.createDirectories(work.resolve("plain-dir"));
        Files.writeString(work.resolve("pairs.properties"), config);
        String[] withConfig = Stream.concat(Stream.of(args), Stream.of("--config", "pairs.properties"))
                .toArray(String[]::new);
        assertRefusedLeavingNoTrace(Jar.run(work, Map.of(), withConfig), expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badUsage")
    void exitsTwoWithOneLineAndTouchesNothing(String name, String[] args, String expected) throws Exception {
        assertRefusedLeavingNoTrace(Jar.run(work, Map.of(), args), expected);
        try (Stream<Path> sourceEntries = Files.list(work.resolve("src"))) {
            assertEquals(1, sourceEntries.count(), "SOURCE is left as it was");
        }
    }

    private void assertRefusedLeavingNoTrace(Jar.Result result, String expected) {
        assertEquals(2, result.exitCode(), result.stderr());
        assertEquals(1, result.stderrLines().size(), "exactly one line on stderr: " + result.stderr());
        assertTrue(result.stderr().contains(expected), result.stderr());
        assertFalse(Files.exists(work.resolve("rep")), "REPLICA must not be created");
        assertFalse(Files.exists(work.resolve("src/rep")), "REPLICA must not be created");
        assertFalse(Files.exists(work.resolve("logs")), "the log folder must not be created");
        assertFalse(Files.exists(work.resolve("src/logs")), "the log folder must not be created");
        assertFalse(Files.exists(work.resolve("state")), "no index state may be created");
    }

    @Test
    void helpPrintsUsageAndExitsZero() throws Exception {
        Jar.Result result = Jar.run(work, Map.of(), "--help");

        assertEquals(0, result.exitCode());
        assertTrue(result.stdout().startsWith("Usage: java -jar folder-sync.jar SOURCE REPLICA INTERVAL LOG_FILE"));
    }
}
