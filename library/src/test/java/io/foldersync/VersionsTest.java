package io.foldersync;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import io.foldersync.observe.CycleStats;
import io.foldersync.support.MirrorRouteTestSupport;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.Test;

import static io.foldersync.support.TreeAssert.assertMirror;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** sync.versions-dir inside REPLICA: what a sync would destroy is kept there, and the prune expires it. */
class VersionsTest extends MirrorRouteTestSupport {

    private static final String STAMP = "~\\d{8}-\\d{6}-\\d{3}";

    @Override
    protected void extraProperties(Properties properties) {
        properties.setProperty("sync.versions-dir", temp.resolve("replica/.versions").toString());
        properties.setProperty("sync.versions-keep", "2");
        properties.setProperty("sync.versions-max-age", "30d");
    }

    private Path versions() {
        return replica.resolve(".versions");
    }

    private List<String> kept(String folder) throws Exception {
        Path dir = versions().resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void anUpdateKeepsTheOldFileWithItsMtimeAndModeAndTheExtensionAfterTheStamp() throws Exception {
        Path file = Trees.writeAged(source, "docs/report.pdf", "first", 3600);
        Trees.chmod(file, "rw-r-----");
        cycle();
        FileTime oldTime = Files.getLastModifiedTime(replica.resolve("docs/report.pdf"));

        Trees.write(source, "docs/report.pdf", "second, longer");
        CycleStats.Summary summary = cycle();

        List<String> kept = kept("docs");
        assertEquals(1, kept.size(), kept.toString());
        assertTrue(kept.get(0).matches("report" + STAMP + "\\.pdf"), kept.get(0));
        Path version = versions().resolve("docs").resolve(kept.get(0));
        assertEquals("first", Files.readString(version));
        assertEquals(oldTime, Files.getLastModifiedTime(version));
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(version)));
        assertEquals(1, summary.kept());
        assertTrue(actions().contains("VERSION docs/report.pdf -> docs/" + kept.get(0)), actions().toString());
        assertEquals("second, longer", Files.readString(replica.resolve("docs/report.pdf")));
        assertEquals(1L, jmx("VersionsKept"), "counted for metrics and JMX");
    }

    private Object jmx(String attribute) throws Exception {
        return java.lang.management.ManagementFactory.getPlatformMBeanServer().getAttribute(
                new javax.management.ObjectName("io.foldersync:context=" + javax.management.ObjectName.quote(
                        context.getName()) + ",type=SyncPair,name=default"), attribute);
    }

    @Test
    void deletesAndTypeChangesKeepEveryFileAndThePruneNeverTouchesTheVersionsFolder() throws Exception {
        Trees.write(source, "gone.txt", "deleted soon");
        Trees.write(source, "folder/a.txt", "a");
        Trees.write(source, "folder/deep/b.txt", "b");
        Trees.write(source, "becomes-folder", "a file first");
        Files.createSymbolicLink(source.resolve("link"), Path.of("gone.txt"));
        cycle();

        Files.delete(source.resolve("gone.txt"));
        Trees.deleteTree(source.resolve("folder"));
        Files.delete(source.resolve("becomes-folder"));
        Trees.write(source, "becomes-folder/inside.txt", "now a folder");
        Files.delete(source.resolve("link"));
        cycle();

        assertTrue(kept("").stream().anyMatch(n -> n.matches("gone" + STAMP + "\\.txt")), kept("").toString());
        assertTrue(kept("").stream().anyMatch(n -> n.matches("becomes-folder" + STAMP)), kept("").toString());
        assertTrue(kept("folder").stream().anyMatch(n -> n.matches("a" + STAMP + "\\.txt")));
        assertTrue(kept("folder/deep").stream().anyMatch(n -> n.matches("b" + STAMP + "\\.txt")));
        assertTrue(kept("").stream().noneMatch(n -> n.startsWith("link")), "a link holds no content to keep");
        assertFalse(Files.exists(replica.resolve("folder")));
        assertEquals("now a folder", Files.readString(replica.resolve("becomes-folder/inside.txt")));
        Trees.deleteTree(versions()); // the one difference, which the prune left alone
        assertMirror(source, replica);
    }

    @Test
    void retentionKeepsTheNewestPerFileAndNoneOlderThanMaxAge() throws Exception {
        Trees.write(source, "a.txt", "current");
        cycle();
        Trees.write(versions(), "a~20260101-000000.txt", "oldest by count");
        Trees.write(versions(), "a~20990101-000000.txt", "kept: newest");
        Trees.write(versions(), "a~20990101-000000-1.txt", "kept: newer still, same second");
        Trees.write(versions(), "b~20200101-000000", "too old, alone");
        Trees.write(versions(), "sub/c~20990101-000000.md", "kept");
        Trees.write(versions(), "not-a-version.txt", "left alone");

        cycle();

        assertEquals(List.of("a~20990101-000000-1.txt", "a~20990101-000000.txt", "not-a-version.txt", "sub"),
                kept(""));
        assertEquals(List.of("c~20990101-000000.md"), kept("sub"));
        assertTrue(actions().contains("VERSION_EXPIRED a~20260101-000000.txt"), actions().toString());
        assertTrue(actions().contains("VERSION_EXPIRED b~20200101-000000"), actions().toString());
        assertEquals(2L, jmx("VersionsExpired"));
    }

    @Test
    void nothingIsWrittenThroughASymlinkPlantedInTheVersionsFolder() throws Exception {
        Trees.write(source, "sub/f.txt", "one");
        cycle();
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Files.createDirectories(versions());
        Files.createSymbolicLink(versions().resolve("sub"), elsewhere);

        Trees.write(source, "sub/f.txt", "two, longer");
        cycle();

        try (Stream<Path> planted = Files.list(elsewhere)) {
            assertEquals(0, planted.count(), "nothing through the link");
        }
        assertFalse(Files.isSymbolicLink(versions().resolve("sub")), "replaced by a real folder");
        assertTrue(kept("sub").stream().anyMatch(n -> n.matches("f" + STAMP + "\\.txt")), kept("sub").toString());
        assertTrue(Files.exists(versions().resolve("sub"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aFolderMadeInTheVersionsFolderIsNamedSoNotTakenForOneMadeInReplica() throws Exception {
        Trees.write(source, "stays.txt", "SOURCE is not empty");
        Trees.write(source, "sub/a.txt", "a");
        cycle();

        Trees.deleteTree(source.resolve("sub"));
        cycle();

        List<String> lines = actions();
        assertTrue(lines.contains("VERSION_DIR sub"), lines.toString());
        assertTrue(lines.stream().noneMatch(line -> line.startsWith("CREATE_DIR")), lines.toString());
        assertTrue(lines.indexOf("VERSION_DIR sub") < lines.indexOf("DELETE_DIR sub"), lines.toString());
    }

    /**
     * Versions kept on REPLICA's file system are the very files REPLICA had (a hard link made before the new content is
     * read, which the rename then leaves as the only name): no data written, so a full disk cannot stop it. Several in
     * one folder in one cycle each get theirs.
     */
    @Test
    void anUpdateOnTheSameFileSystemKeepsTheVeryFileReplicaHad() throws Exception {
        Trees.write(source, "docs/a.txt", "a1");
        Trees.write(source, "docs/b.txt", "b1");
        Trees.write(source, "docs/c.txt", "c1");
        cycle();
        Object inode = Files.getAttribute(replica.resolve("docs/a.txt"), "unix:ino");

        Trees.write(source, "docs/a.txt", "a2, longer");
        Trees.write(source, "docs/b.txt", "b2, longer");
        Trees.write(source, "docs/c.txt", "c2, longer");
        CycleStats.Summary summary = cycle();

        assertEquals(0, summary.errors(), actions().toString());
        List<String> kept = kept("docs");
        assertEquals(3, kept.size(), kept.toString());
        Path versionOfA = versions().resolve("docs").resolve(kept.get(0));
        assertTrue(kept.get(0).startsWith("a~"), kept.toString());
        assertEquals(inode, Files.getAttribute(versionOfA, "unix:ino"));
        assertEquals(1, Files.getAttribute(versionOfA, "unix:nlink"), "REPLICA's name now is the new file's");
        assertEquals("a1", Files.readString(versionOfA));
        assertEquals("a2, longer", Files.readString(replica.resolve("docs/a.txt")));
    }

    /** Names of the previous release and of this one, side by side: expiry orders them all by the time kept. */
    @Test
    void retentionReadsThePreviousReleasesNamesBesideThisOnes() throws Exception {
        Trees.write(source, "r.tar.gz", "current");
        cycle();
        Trees.write(versions(), "r.tar~20990101-000000.gz", "old form, oldest");
        Trees.write(versions(), "r.tar~20990101-000000-1.gz", "old form, same second");
        Trees.write(versions(), "r~20990101-000000-500.tar.gz", "this form, half a second later");

        cycle();

        assertEquals(List.of("r.tar~20990101-000000-1.gz", "r~20990101-000000-500.tar.gz"), kept("").stream()
                .filter(name -> name.startsWith("r")).toList());
        assertTrue(actions().contains("VERSION_EXPIRED r.tar~20990101-000000.gz"), actions().toString());
    }
}
