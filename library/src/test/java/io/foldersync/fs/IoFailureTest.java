package io.foldersync.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failures told apart by the errno the system gave them, provoked for real, not by their wording. */
class IoFailureTest {

    @TempDir
    Path work;

    @Test
    void aFolderOnTheWayThatIsAFileIsMissingNotAnError() throws IOException {
        Path file = Files.writeString(work.resolve("file"), "a file where a folder was");
        IOException e = assertThrows(IOException.class, () -> FileMeta.of(file.resolve("child")));
        assertEquals(IoFailure.MISSING, IoFailure.of(e), e.toString());
    }

    @Test
    void aMissingEntryIsMissing() {
        IOException e = assertThrows(IOException.class, () -> FileMeta.of(work.resolve("none")));
        assertEquals(IoFailure.MISSING, IoFailure.of(e));
    }

    @Test
    void aLinkLoopIsALoop() throws IOException {
        Files.createSymbolicLink(work.resolve("loop"), Path.of("loop"));
        IOException e = assertThrows(IOException.class, () -> Files.newByteChannel(work.resolve("loop")));
        assertEquals(IoFailure.LOOP, IoFailure.of(e), e.toString());
    }

    @Test
    void aNameTooLongNeedsAnOperator() {
        IOException e = assertThrows(IOException.class, () -> Files.createFile(work.resolve("n".repeat(300))));
        assertEquals(IoFailure.NAME_TOO_LONG, IoFailure.of(e), e.toString());
        assertTrue(IoFailure.of(e).needsAnOperator());
    }

    @Test
    void aHardLinkToAFolderIsRefusedPermission() throws IOException {
        Path folder = Files.createDirectory(work.resolve("folder"));
        IOException e = assertThrows(IOException.class, () -> Files.createLink(work.resolve("link"), folder));
        assertEquals(IoFailure.PERMISSION, IoFailure.of(e), e.toString());
    }

    @Test
    void aWordingNoErrnoHasIsAnIoErrorWorthAnotherTry() {
        assertEquals(IoFailure.IO, IoFailure.of(new IOException("something else entirely")));
        assertEquals(IoFailure.IO, IoFailure.of(new IOException((String) null)));
    }
}
