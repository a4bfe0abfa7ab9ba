package io.foldersync.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Opening a folder inside an opened one, on real folders, files, FIFOs and links. */
class InFolderTest {

    @TempDir
    Path work;

    @Test
    void aFolderOpensAndLists() throws IOException {
        Files.createDirectories(work.resolve("a"));
        Files.writeString(work.resolve("a/inside"), "x");
        try (SecureDirectoryStream<Path> parent = opened(work);
             SecureDirectoryStream<Path> child = InFolder.openFolder(parent, Path.of("a"))) {
            List<String> names = new ArrayList<>();
            child.forEach(entry -> names.add(entry.getFileName().toString()));
            assertEquals(List.of("inside"), names);
        }
    }

    @Test
    void aFileIsRefusedAsTheJdkRefusesItAndNoDescriptorIsLeftOpen() throws IOException {
        Files.writeString(work.resolve("file"), "a file where a folder was expected");
        try (SecureDirectoryStream<Path> parent = opened(work)) {
            long before = openDescriptors();
            for (int i = 0; i < 200; i++) {
                assertThrows(NotDirectoryException.class, () -> InFolder.openFolder(parent, Path.of("file")));
            }
            assertEquals(before, openDescriptors(), "JDK 25's own open leaks one descriptor per refusal");
        }
    }

    @Test
    void aFifoIsRefusedWithoutWaitingForAWriter() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", work.resolve("fifo").toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
        SecureDirectoryStream<Path> parent = opened(work);
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                    assertThrows(NotDirectoryException.class, () -> InFolder.openFolder(parent, Path.of("fifo"))));
        } catch (AssertionFailedError waitedForAWriter) {
            // the writer it waits for, before the folder is closed, which waits for that open to end
            Files.writeString(work.resolve("fifo"), "x");
            throw waitedForAWriter;
        } finally {
            parent.close();
        }
    }

    @Test
    void aLinkToAFolderIsNotFollowed() throws IOException {
        Files.createDirectories(work.resolve("elsewhere"));
        Files.createSymbolicLink(work.resolve("link"), work.resolve("elsewhere"));
        try (SecureDirectoryStream<Path> parent = opened(work)) {
            IOException refused = assertThrows(IOException.class, () -> InFolder.openFolder(parent, Path.of("link")));
            assertEquals(IoFailure.LOOP, IoFailure.of(refused), refused.toString());
        }
    }

    private static SecureDirectoryStream<Path> opened(Path folder) throws IOException {
        DirectoryStream<Path> stream = Files.newDirectoryStream(folder);
        return (SecureDirectoryStream<Path>) stream;
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.count();
        }
    }
}
