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
                Arguments.of("no settings at all", new String[]{}, "SOURCE is not set"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badUsage")
    void exitsTwoWithOneLineAndTouchesNothing(String name, String[] args, String expected) throws Exception {
        Jar.Result result = Jar.run(work, Map.of(), args);

        assertEquals(2, result.exitCode(), result.stderr());
        assertEquals(1, result.stderrLines().size(), "exactly one line on stderr: " + result.stderr());
        assertTrue(result.stderr().contains(expected), result.stderr());
        assertFalse(Files.exists(work.resolve("rep")), "REPLICA must not be created");
        assertFalse(Files.exists(work.resolve("logs")), "the log folder must not be created");
        assertFalse(Files.exists(work.resolve("src/rep")));
        assertFalse(Files.exists(work.resolve("src/logs")));
        assertFalse(Files.exists(work.resolve("state")), "no index state may be created");
        try (Stream<Path> sourceEntries = Files.list(work.resolve("src"))) {
            assertEquals(1, sourceEntries.count(), "SOURCE is left as it was");
        }
    }

    @Test
    void helpPrintsUsageAndExitsZero() throws Exception {
        Jar.Result result = Jar.run(work, Map.of(), "--help");

        assertEquals(0, result.exitCode());
        assertTrue(result.stdout().startsWith("Usage: java -jar folder-sync.jar SOURCE REPLICA INTERVAL LOG_FILE"));
    }
}
