package io.foldersync.cli;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.foldersync.support.Jar;
import io.foldersync.support.Nobody;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A copy's metadata, set through the descriptor of the file it writes: by the JDK's own calls on Java 17, and by the
 * FFM API on Java 22 and later (the jar's META-INF/versions/22), each checked on the files it wrote. Modes that the
 * umask would cut, modes beyond rwx and owners (as root) take the paths that set the mode after creating the file.
 */
class OpenFileCallsIT {

    private static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    private static final int[] MODES = {0644, 0600, 0755, 0444, 0664, 0777, 0000, 04755, 02750, 01777};

    @TempDir
    Path work;

    @Test
    void onJava17TheJdksOwnCallsSetModeTimesAndOwner() throws Exception {
        copiesKeepEverything(Path.of(System.getProperty("java.home")), "JdkOpenFileCalls");
    }

    @Test
    void onJava25TheFfmCallsSetModeTimesAndOwner() throws Exception {
        assumeTrue(Files.isExecutable(JDK_25.resolve("bin/java")), "a JDK 25 beside Java 17, as on these machines");
        copiesKeepEverything(JDK_25, "FfmOpenFileCalls");
    }

    private void copiesKeepEverything(Path javaHome, String calls) throws Exception {
        boolean root = Nobody.isRoot();
        for (int i = 0; i < MODES.length; i++) {
            Path file = Trees.write(work, "src/d/f" + i, "content " + i);
            Files.setAttribute(file, "unix:mode", MODES[i]);
            Files.setLastModifiedTime(file, FileTime.from(1_600_000_000_123_456_789L + i, TimeUnit.NANOSECONDS));
            if (root) {
                Files.setAttribute(file, "unix:uid", 1000 + i);
                Files.setAttribute(file, "unix:gid", 2000 + i);
                Files.setAttribute(file, "unix:mode", MODES[i]); // chown cleared setuid and setgid
            }
        }
        Files.writeString(work.resolve("settings.properties"), "sync.owner=" + root + "\n");

        // the JVM names each class it initialises: the calls used are the only ones, as a fallback initialises its
        // own (the start loads classes of both from its list, without initialising any)
        Jar.Result result = Jar.runOn(javaHome, work, Map.of(), List.of("-Xlog:class+init=info"), "src", "rep", "60",
                "logs/sync.log", "--once", "--config", "settings.properties");

        assertEquals(0, result.exitCode(), result.stdout());
        String other = calls.equals("FfmOpenFileCalls") ? "JdkOpenFileCalls" : "FfmOpenFileCalls";
        assertTrue(result.stdout().contains("Initializing 'io/foldersync/fs/" + calls + "'"), calls);
        assertFalse(result.stdout().contains("Initializing 'io/foldersync/fs/" + other + "'"), other);
        for (int i = 0; i < MODES.length; i++) {
            Path source = work.resolve("src/d/f" + i);
            Path copy = work.resolve("rep/d/f" + i);
            String name = "f" + i + " (" + Integer.toOctalString(MODES[i]) + ")";
            assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(copy), name);
            assertEquals(MODES[i], (Integer) Files.getAttribute(copy, "unix:mode") & 07777, name);
            assertEquals(Files.getLastModifiedTime(source), Files.getLastModifiedTime(copy), name);
            if (root) {
                assertEquals(1000 + i, Files.getAttribute(copy, "unix:uid", LinkOption.NOFOLLOW_LINKS), name);
                assertEquals(2000 + i, Files.getAttribute(copy, "unix:gid", LinkOption.NOFOLLOW_LINKS), name);
            }
        }
    }
}
