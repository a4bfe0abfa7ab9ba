package io.foldersync.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.foldersync.support.Await;
import io.foldersync.support.Jar;
import io.foldersync.support.Nobody;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A start that cannot go well is refused before anything is made: exit 2, one line on stderr naming the problem and
 * what to do, and no REPLICA, log file or state folder left behind. Service users keep their state under $HOME.
 */
class StartRefusalsIT {

    @TempDir
    Path work;

    @Test
    void aSecondProcessOnTheSameReplicaIsRefusedWhateverItsStateFolder() throws Exception {
        Trees.write(work, "src/a.txt", "a");
        Process first = Jar.start(work, Map.of(), List.of(), "src", "rep", "1h", "logs/first.log");
        try {
            Await.until(() -> Files.exists(work.resolve("rep/a.txt")), 30_000, "the first process's copy");
            Path second = Files.createDirectories(work.resolve("second")); // its own state folder, by XDG_STATE_HOME

            Jar.Result refused = Jar.run(second, Map.of(), "../src", "../rep", "60", "logs/second.log", "--once");

            assertRefused(refused, "already being mirrored", second);
            assertTrue(refused.stderr().contains("process " + first.pid()), refused.stderr());

            Trees.deleteTree(work.resolve("state")); // the state folder deleted under the running daemon
            Jar.Result again = Jar.run(second, Map.of("SYNC_STATE_DIR", second.resolve("state").toString()),
                    "../src", "../rep", "60", "logs/second.log", "--once");

            assertRefused(again, "already being mirrored", second);
        } finally {
            first.destroy();
            first.waitFor();
        }
    }

    /** A service user's password-database home is often /nonexistent: $HOME decides, as XDG says. */
    @Test
    void aServiceUserKeepsItsStateUnderHome() throws Exception {
        Trees.write(work, "src/a.txt", "a");
        Files.createDirectories(work.resolve("home"));
        Nobody.handOver(work);

        Jar.Result result = Nobody.run(work, Map.of("HOME", work.resolve("home").toString(), "XDG_STATE_HOME", ""),
                "src", "rep", "60", "logs/sync.log", "--once");

        assertEquals(0, result.exitCode(), result.stderr() + result.stdout());
        assertTrue(Files.isDirectory(work.resolve("home/.local/state/folder-sync")), "state under $HOME");
    }

    @Test
    void aStateFolderThatCannotBeMadeIsRefusedNamingItAndTheKey() throws Exception {
        Trees.write(work, "src/a.txt", "a");
        Nobody.handOver(work);

        Jar.Result result = Nobody.run(work, Map.of("HOME", "/nonexistent", "XDG_STATE_HOME", ""),
                "src", "rep", "60", "logs/sync.log", "--once");

        assertRefused(result, "/nonexistent/.local/state/folder-sync/", work);
        assertTrue(result.stderr().contains("sync.state-dir"), result.stderr());
    }

    @Test
    void aReplicaThisUserCannotMakeIsRefusedNamingIt() throws Exception {
        Trees.write(work, "src/a.txt", "a");
        Files.createDirectories(work.resolve("closed"));
        Nobody.handOver(work);
        Trees.chmod(work.resolve("closed"), "r-xr-xr-x");

        Jar.Result result = Nobody.run(work, Map.of(), "src", "closed/rep", "60", "logs/sync.log", "--once");

        assertRefused(result, "REPLICA " + work.toRealPath().resolve("closed/rep") + " cannot be created", work);
        assertFalse(Files.exists(work.resolve("closed/rep")));
    }

    /** A failure inside Camel's start (here, a routes folder without our route templates) is taken back too. */
    @Test
    void aStartThatFailsInsideCamelLeavesNothingBehind() throws Exception {
        Trees.write(work, "src/a.txt", "a");
        Trees.write(work, "routes/other.yaml", "- route:\n    from:\n      uri: \"direct:x\"\n      steps:\n"
                + "        - to: \"log:x\"\n");
        Files.writeString(work.resolve("own.properties"),
                "camel.main.routes-include-pattern=file:" + work.resolve("routes") + "/*.yaml\n");

        Jar.Result result = Jar.run(work, Map.of(), "src", "rep", "60", "logs/sync.log", "--once",
                "--config", "own.properties");

        assertRefused(result, "cannot start: Cannot find RouteTemplate with id apply", work);
        assertFalse(Files.exists(work.resolve("rep")), "no REPLICA");
    }

    private static void assertRefused(Jar.Result result, String expected, Path workDir) throws Exception {
        assertEquals(2, result.exitCode(), result.stderr() + result.stdout());
        assertEquals(1, result.stderrLines().size(), "exactly one line on stderr: " + result.stderr());
        assertTrue(result.stderr().contains(expected), result.stderr());
        assertEquals("", Files.readString(workDir.resolve("stdout.txt"), StandardCharsets.UTF_8), "nothing logged");
        assertFalse(Files.exists(workDir.resolve("logs")), "no log folder");
        assertFalse(Files.exists(workDir.resolve("state")), "no state folder");
    }
}
