package io.foldersync.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.foldersync.support.Await;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README's two commands, run as a newcomer pastes them into a fresh clone. The first line's build is the very build
 * this suite runs after (its jar is the one under test), so every other part of that line is run as written, by bash,
 * in a folder that holds nothing but that jar: it must make ./source, start the mirror and mirror a file into it.
 */
class QuickStartIT {

    /** The top of the checkout, where README, application.properties and .ci/run are. */
    private static final Path ROOT = Path.of(System.getProperty("folder-sync.root", ".."));

    private static final Path JAR = Path.of(System.getProperty("folder-sync.jar", "../target/folder-sync.jar"));

    @TempDir
    Path clone;

    @Test
    void theFirstCommandRunsAsPastedInAFreshClone() throws Exception {
        List<String> commands = commandsOfTheQuickStart();
        String[] parts = commands.get(0).split(" && ");
        assertEquals("mvn -q -B -DskipTests package", parts[1], "the build of the jar under test");
        String run = parts[0] + " && " + parts[2];
        Files.createDirectories(clone.resolve("target"));
        Files.createSymbolicLink(clone.resolve("target/folder-sync.jar"), JAR.toAbsolutePath());

        Process shell = new ProcessBuilder("bash", "-c", run).directory(clone.toFile())
                .redirectOutput(clone.resolve("stdout.txt").toFile()).redirectErrorStream(true).start();
        try {
            Await.until(() -> Files.exists(clone.resolve("logs/sync.log"))
                    && Files.readString(clone.resolve("logs/sync.log")).contains("watching"), 30_000, "the mirror runs");
            Trees.write(clone, "source/hello.txt", "hello");
            Await.until(() -> Files.exists(clone.resolve("replica/hello.txt")), 10_000, "a file mirrored");
        } finally {
            // SIGTERM to the mirror, as Ctrl-C would: bash runs it as its child, or became it (exec of the last command)
            List<ProcessHandle> children = shell.descendants().toList();
            children.forEach(ProcessHandle::destroy);
            if (children.isEmpty()) {
                shell.destroy();
            }
            assertTrue(shell.waitFor(10, TimeUnit.SECONDS), "stops within 10 s");
        }
        assertEquals(0, shell.exitValue(), Files.readString(clone.resolve("stdout.txt")));
    }

    @Test
    void theSecondCommandIsWhatCiRuns() throws Exception {
        assertEquals("mvn -B verify", commandsOfTheQuickStart().get(1));
        assertTrue(Files.readString(ROOT.resolve(".ci/run")).contains("exec mvn -B verify"));
        assertTrue(Files.isExecutable(ROOT.resolve(".ci/run")));
    }

    /** The lines of README's first code block: the two commands a fresh machine needs. */
    private static List<String> commandsOfTheQuickStart() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("```sh\n") + "```sh\n".length();
        return readme.substring(start, readme.indexOf("```", start)).lines().toList();
    }
}
