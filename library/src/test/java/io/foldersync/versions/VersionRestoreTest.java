package io.foldersync.versions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.foldersync.support.Trees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The history of one file in a real versions folder, and restoring from it into real folders. */
class VersionRestoreTest {

    private static final Instant MONDAY = Instant.parse("2026-11-02T09:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2026-11-03T09:00:00Z");

    @TempDir
    Path temp;

    private Path versions() {
        return temp.resolve("versions");
    }

    private void version(String path, String content, Instant modified) throws Exception {
        Path file = Trees.write(versions(), path, content);
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    @Test
    void theHistoryHoldsOnlyThatFilesVersionsNewestKeptFirst() throws Exception {
        version("docs/r~20261102-100000-000.pdf", "monday", MONDAY);
        version("docs/r~20261103-100000-000.pdf", "tuesday", TUESDAY);
        version("docs/r.pdf~20261104-100000-000", "another file's", TUESDAY);
        version("docs/rr~20261104-100000-000.pdf", "another file's", TUESDAY);
        version("docs/r~20261101-100000.pdf", "the previous release's name", MONDAY.minusSeconds(86400));
        Files.createSymbolicLink(versions().resolve("docs/r~20261105-100000-000.pdf"),
                Path.of("r.pdf~20261104-100000-000"));

        VersionHistory history = VersionHistory.of(versions(), "docs/r.pdf");

        assertEquals(List.of("r~20261103-100000-000.pdf", "r~20261102-100000-000.pdf", "r~20261101-100000.pdf"),
                history.newestFirst().stream().map(v -> v.file().getFileName().toString()).toList());
        assertEquals(7, history.newestFirst().get(0).size());
        assertEquals(TUESDAY, history.newest().orElseThrow().modified());
        assertEquals(MONDAY, history.asOf(TUESDAY.minusSeconds(1)).orElseThrow().modified());
        assertEquals(TUESDAY, history.asOf(TUESDAY).orElseThrow().modified(), "at or before");
        assertTrue(history.asOf(Instant.parse("2026-01-01T00:00:00Z")).isEmpty());
        assertTrue(VersionHistory.of(versions(), "nothing/here.txt").newestFirst().isEmpty());
    }

    @Test
    void aLinkOnTheWayInTheVersionsFolderHoldsNoVersions() throws Exception {
        version("elsewhere/r~20261102-100000-000.pdf", "planted", MONDAY);
        Files.createDirectories(versions());
        Files.createSymbolicLink(versions().resolve("docs"), Path.of("elsewhere"));

        assertTrue(VersionHistory.of(versions(), "docs/r.pdf").newestFirst().isEmpty());
    }

    @Test
    void aRestoreWritesTheVersionWithItsMtimeAndModeMakingTheFoldersOnTheWay() throws Exception {
        version("docs/r~20261102-100000-000.pdf", "monday", MONDAY);
        Trees.chmod(versions().resolve("docs/r~20261102-100000-000.pdf"), "rw-r-----");
        Path source = Files.createDirectories(temp.resolve("source"));
        VersionHistory.Version monday = VersionHistory.of(versions(), "docs/r.pdf").newest().orElseThrow();

        VersionRestore.Restored restored = VersionRestore.restore(monday, source, "docs/deep/r.pdf", false);

        Path file = source.resolve("docs/deep/r.pdf");
        assertEquals(file, restored.target());
        assertEquals("monday", Files.readString(file));
        assertEquals(MONDAY, Files.getLastModifiedTime(file).toInstant());
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(monday.md5(), restored.md5());
        assertEquals(List.of("r.pdf"), names(file.getParent()), "no temporary file left");
    }

    @Test
    void aNewerFileIsReplacedOnlyWhenForcedAnOlderOneAlways() throws Exception {
        version("r~20261102-100000-000.pdf", "monday", MONDAY);
        VersionHistory.Version monday = VersionHistory.of(versions(), "r.pdf").newest().orElseThrow();
        Path source = Files.createDirectories(temp.resolve("source"));
        Path file = Trees.write(source, "r.pdf", "tuesday's");
        Files.setLastModifiedTime(file, FileTime.from(TUESDAY));

        VersionRestore.Refused refused = assertThrows(VersionRestore.Refused.class,
                () -> VersionRestore.restore(monday, source, "r.pdf", false));
        assertTrue(refused.getMessage().contains("after this version") && refused.getMessage().contains("--force"),
                refused.getMessage());
        assertEquals("tuesday's", Files.readString(file));

        VersionRestore.restore(monday, source, "r.pdf", true);
        assertEquals("monday", Files.readString(file));

        Files.writeString(file, "older");
        Files.setLastModifiedTime(file, FileTime.from(MONDAY.minusSeconds(60)));
        VersionRestore.restore(monday, source, "r.pdf", false);
        assertEquals("monday", Files.readString(file), "a file older than the version needs no --force");
    }

    @Test
    void neitherAFolderNorALinkOnTheWayIsWrittenThrough() throws Exception {
        version("docs/r~20261102-100000-000.pdf", "monday", MONDAY);
        VersionHistory.Version monday = VersionHistory.of(versions(), "docs/r.pdf").newest().orElseThrow();
        Path source = Files.createDirectories(temp.resolve("source"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.createSymbolicLink(source.resolve("docs"), outside);
        Files.createDirectories(source.resolve("folder/r.pdf"));

        assertThrows(VersionRestore.Refused.class, () -> VersionRestore.restore(monday, source, "docs/r.pdf", true));
        assertThrows(VersionRestore.Refused.class, () -> VersionRestore.restore(monday, source, "folder/r.pdf",
                true));
        assertEquals(List.of(), names(outside));
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
