package io.foldersync.replica;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.ClosedDirectoryStreamException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bounded set of kept replica folders, on real opened folders. */
class OpenFoldersTest {

    @TempDir
    Path root;

    @Test
    void aWalkPastTheBoundKeepsTheFoldersItIsIn() throws IOException {
        OpenFolders open = new OpenFolders(2);
        ReplicaFolder a = kept(open, "a");
        ReplicaFolder b = kept(open, "b");
        assertSame(a, used(open, "a")); // used since b: b is now the least recently used
        ReplicaFolder c = kept(open, "c");

        assertSame(c, used(open, "c"), "a folder met after the bound is kept");
        assertSame(a, used(open, "a"));
        assertNull(open.use("b"), "the least recently used one is let go");
        assertClosed(b);
        assertDoesNotThrow(() -> a.stream().iterator().hasNext());
    }

    @Test
    void aFolderLetGoWhileInUseClosesWithItsLastUser() throws IOException {
        OpenFolders open = new OpenFolders(1);
        ReplicaFolder a = open(root, "a");
        open.keep("a", a); // the caller's use is still on
        kept(open, "b");

        assertNull(open.use("a"));
        assertDoesNotThrow(() -> a.stream().iterator().hasNext(), "still open for the copy using it");
        a.close();
        assertClosed(a);
    }

    @Test
    void evictingAFolderLetsGoOfEverythingBelowIt() throws IOException {
        OpenFolders open = new OpenFolders(8);
        kept(open, "a");
        ReplicaFolder below = kept(open, "a/b");
        kept(open, "ab");

        open.evict("a");

        assertNull(open.use("a"));
        assertNull(open.use("a/b"));
        assertClosed(below);
        assertNotNull(open.use("ab"), "a sibling whose name starts alike stays");
    }

    private ReplicaFolder kept(OpenFolders open, String path) throws IOException {
        ReplicaFolder folder = open(root, path);
        open.keep(path, folder);
        folder.close(); // the caller's use ends; the set keeps it open
        return folder;
    }

    private static ReplicaFolder used(OpenFolders open, String path) throws IOException {
        ReplicaFolder folder = open.use(path);
        assertNotNull(folder, path + " is kept");
        folder.close();
        return folder;
    }

    private static ReplicaFolder open(Path root, String path) throws IOException {
        Path folder = Files.createDirectories(root.resolve(path));
        return new ReplicaFolder((SecureDirectoryStream<Path>) Files.newDirectoryStream(folder), folder);
    }

    private static void assertClosed(ReplicaFolder folder) {
        assertThrows(ClosedDirectoryStreamException.class, () -> folder.stream().newDirectoryStream(Path.of(".")));
    }
}
