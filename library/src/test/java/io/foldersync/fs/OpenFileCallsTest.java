package io.foldersync.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The calls on an open file's descriptor this JVM gives (the tests open sun.nio.fs and sun.nio.ch, as the jar does). */
class OpenFileCallsTest {

    private final OpenFileCalls calls = OpenFileCalls.find();

    @TempDir
    Path dir;

    @Test
    void fstatSaysWhatLstatSays() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "twelve bytes");
        Files.setLastModifiedTime(file, FileTime.from(1_234_567_890_123_456_789L, TimeUnit.NANOSECONDS));
        assertNotNull(calls, "the tests open the JDK's packages as the jar does");
        try (FileChannel open = FileChannel.open(file)) {
            assertEquals(FileMeta.of(file), calls.stat(open));
        }
    }

    @Test
    void timesModeAndOwnerAreSetOnTheOpenFile() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");
        try (FileChannel open = FileChannel.open(file, StandardOpenOption.WRITE)) {
            int uid = (Integer) Files.getAttribute(file, "unix:uid");
            int gid = (Integer) Files.getAttribute(file, "unix:gid");
            calls.setOwner(open, uid, gid); // our own: allowed as any user; first, as it clears setuid
            calls.setTimes(open, 1_500_000_000_987_654_321L);
            calls.setMode(open, 04751);
        }
        FileMeta meta = FileMeta.of(file);
        assertEquals(1_500_000_000_987_654_321L, meta.mtimeNanos());
        assertEquals(04751, meta.permissions());
    }

    @Test
    void aFailedCallIsAnIoException() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");
        FileChannel closed = FileChannel.open(file);
        closed.close();
        assertThrows(IOException.class, () -> calls.stat(closed));
        assertThrows(IOException.class, () -> calls.setTimes(closed, 0));
    }
}
