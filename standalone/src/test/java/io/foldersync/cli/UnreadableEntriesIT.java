package io.foldersync.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.foldersync.support.Jar;
import io.foldersync.support.Nobody;
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
        String log = Files.readString(work.resolve("logs/sync.log"));
        assertFalse(log.contains("DELETE"), log);
        assertTrue(first.stdout().contains("errors=2 "), "one error per entry: " + first.stdout());

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

    /**
     * Without a UTF-8 locale (a service or container without LANG) Java cannot address a name such as café.txt: it is
     * reported once, with the fix (and at start, that such names cannot be synced), and everything else syncs; REPLICA's own such names are never deleted by a guess,
     * yet a folder SOURCE lost goes with them.
     */
    @Test
    void aNameTheLocaleCannotEncodeIsReportedWithTheFixAndEverythingElseSyncs() throws Exception {
        Trees.write(work, "src/plain.txt", "plain");
        Trees.write(work, "src/café.txt", "accented");
        Trees.write(work, "src/déjà/inside.txt", "inside");
        Trees.write(work, "rep/old-é.txt", "kept: it cannot be addressed");
        Trees.write(work, "rep/gone/é.txt", "goes with its folder");
        Map<String, String> cLocale = Map.of("LANG", "C", "LC_ALL", "C");

        Process process = Jar.start(work, cLocale, List.of(), "src", "rep", "60", "logs/sync.log", "--once");
        Jar.Result result = Jar.await(process, work);

        assertEquals(1, result.exitCode(), result.stdout());
        assertEquals("plain", Files.readString(work.resolve("rep/plain.txt")));
        assertTrue(Files.exists(work.resolve("rep/old-é.txt")));
        assertFalse(Files.exists(work.resolve("rep/gone")));
        assertEquals(3, result.stdout().lines().filter(l -> l.contains("LANG=C.UTF-8")).count(), result.stdout());
        assertFalse(result.stdout().contains("\tat "), "no stack trace: " + result.stdout());
    }

    private void handToNobody() throws Exception {
        Nobody.handOver(work);
    }

    private Jar.Result runAsNobody() throws Exception {
        return Nobody.run(work, Map.of("HOME", work.toString()), "src", "rep", "60", "logs/sync.log", "--once");
    }
}
