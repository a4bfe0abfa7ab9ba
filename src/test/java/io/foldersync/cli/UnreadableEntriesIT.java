package io.foldersync.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.foldersync.support.Jar;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A file or folder the process may not read: ERROR with its path, everything else synced, exit 1, the old copy kept,
 * copied once readable. Root reads everything, so as root the jar runs as nobody (setpriv, from util-linux).
 */
class UnreadableEntriesIT {

    private static final int NOBODY = 65534;

    @TempDir
    Path work;

    @Test
    void unreadableEntriesAreReportedRetriedAndNeverCostTheirCopy() throws Exception {
        Trees.write(work, "src/ok.txt", "fine");
        Trees.write(work, "src/secret.txt", "new secret");
        Trees.write(work, "src/locked/inside.txt", "locked in");
        Trees.write(work, "rep/secret.txt", "old secret copy");
        Trees.write(work, "rep/locked/inside.txt", "old inside copy");
        Trees.chmod(work.resolve("src/secret.txt"), "---------");
        Trees.chmod(work.resolve("src/locked"), "---------");
        handToNobody();

        Jar.Result first = runAsNobody();

        assertEquals(1, first.exitCode(), first.stdout() + first.stderr());
        assertTrue(first.stdout().contains("ERROR secret.txt: cannot sync: AccessDeniedException"), first.stdout());
        assertTrue(first.stdout().contains("ERROR locked: cannot read folder"), first.stdout());
        assertEquals("fine", Files.readString(work.resolve("rep/ok.txt")));
        assertEquals("old secret copy", Files.readString(work.resolve("rep/secret.txt")), "kept, never deleted");
        assertEquals("old inside copy", Files.readString(work.resolve("rep/locked/inside.txt")));
        assertFalse(first.stdout().contains("DELETE"), first.stdout());

        Jar.Result retried = runAsNobody();
        assertEquals(1, retried.exitCode(), "still unreadable: still reported");
        assertTrue(retried.stdout().contains("ERROR secret.txt"), retried.stdout());

        Trees.chmod(work.resolve("src/secret.txt"), "rw-r--r--");
        Trees.chmod(work.resolve("src/locked"), "rwxr-xr-x");
        Jar.Result readable = runAsNobody();
        assertEquals(0, readable.exitCode(), readable.stdout());
        assertEquals("new secret", Files.readString(work.resolve("rep/secret.txt")));
        assertEquals("locked in", Files.readString(work.resolve("rep/locked/inside.txt")));
    }

    @Test
    void readOnlyFoldersAreMirroredAndStillTakeNewFiles() throws Exception {
        Trees.write(work, "src/ro/a.txt", "a");
        Trees.chmod(work.resolve("src/ro"), "r-xr-xr-x");
        handToNobody();
        assertEquals(0, runAsNobody().exitCode());
        assertEquals("r-xr-xr-x", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(work.resolve("rep/ro"))));

        Trees.chmod(work.resolve("src/ro"), "rwxr-xr-x");
        Trees.write(work, "src/ro/b.txt", "b");
        Trees.chmod(work.resolve("src/ro"), "r-xr-xr-x");
        handToNobody();
        Jar.Result second = runAsNobody();

        assertEquals(0, second.exitCode(), second.stdout());
        io.foldersync.support.TreeAssert.assertMirror(work.resolve("src"), work.resolve("rep"));
    }

    @Test
    void anUnreadableSourceRootDeletesNothing() throws Exception {
        Trees.write(work, "src/a.txt", "a");
        handToNobody();
        assertEquals(0, runAsNobody().exitCode());

        Trees.chmod(work.resolve("src"), "---------");
        Jar.Result result = runAsNobody();

        assertEquals(1, result.exitCode(), result.stdout());
        assertTrue(result.stdout().contains("cannot be read"), result.stdout());
        assertEquals("a", Files.readString(work.resolve("rep/a.txt")));
        Trees.chmod(work.resolve("src"), "rwxr-xr-x");
    }

    private static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    private void handToNobody() throws Exception {
        if (!isRoot()) {
            return;
        }
        Trees.chmod(work, "rwxrwxrwx");
        try (var paths = Files.walk(work)) {
            for (Path p : paths.toList()) {
                Files.setAttribute(p, "unix:uid", NOBODY, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", NOBODY, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    private Jar.Result runAsNobody() throws Exception {
        List<String> prefix = isRoot()
                ? List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups")
                : List.of();
        Process process = Jar.start(prefix, work, Map.of("HOME", work.toString()), List.of(),
                "src", "rep", "60", "logs/sync.log", "--once");
        return Jar.await(process, work);
    }
}
