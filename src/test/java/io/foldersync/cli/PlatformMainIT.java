package io.foldersync.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.foldersync.support.Await;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.foldersync.support.TreeAssert.assertMirror;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The routes and beans without our command line: Camel's own Main class, the jar on the class path, the packaged
 * routes and application.properties, and the settings as properties, as an integration platform would run them.
 */
class PlatformMainIT {

    private static final Path JAR = Path.of(System.getProperty("folder-sync.jar", "target/folder-sync.jar"));

    @TempDir
    Path work;

    @Test
    void thePackagedRoutesRunInAPlainCamelMain() throws Exception {
        Trees.write(work, "src/a/b.txt", "bravo");
        Files.writeString(work.resolve("mirror.properties"), "sync.source=src\nsync.replica=rep\nsync.interval=1h\n");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "java.base/sun.nio.fs=ALL-UNNAMED",
                "-Dfolder-sync.log.file=logs/main.log", "-cp", JAR.toAbsolutePath().toString(),
                // the first location wins: the user's settings over the packaged defaults
                "org.apache.camel.main.Main", "-pl", "file:mirror.properties,classpath:application.properties")
                .directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("out.txt").toFile());
        builder.environment().put("XDG_STATE_HOME", work.resolve("state").toString());
        Process main = builder.start();
        try {
            Await.until(() -> Files.exists(work.resolve("rep/a/b.txt")), 30_000, "the first cycle");
            Await.until(() -> Files.readString(work.resolve("out.txt")).contains("watching"), 30_000, "the watch");
            Trees.write(work, "src/later.txt", "later");
            Await.until(() -> Files.exists(work.resolve("rep/later.txt")), 10_000, "a change mirrored by the watch");
            assertMirror(work.resolve("src"), work.resolve("rep"));
        } finally {
            main.destroy();
            assertTrue(main.waitFor(30, TimeUnit.SECONDS), "Camel Main stops on SIGTERM");
        }
        String out = Files.readString(work.resolve("out.txt"));
        assertTrue(out.contains("CYCLE scanned=2 copied=1"), out);
        assertEquals(List.of(), out.lines().filter(l -> l.contains(" ERROR ")).toList());
    }
}
