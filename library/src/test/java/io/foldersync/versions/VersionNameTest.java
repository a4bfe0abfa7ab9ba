package io.foldersync.versions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The names of kept versions: this release's, which sort in time order, and the previous release's, still read. */
class VersionNameTest {

    private static final Instant AT = Instant.parse("2026-11-26T19:27:57.042Z");

    @Test
    void theStampGoesBeforeTheExtensionToTheMillisecond() {
        assertEquals("report~20261126-192757-042.pdf", VersionName.format("report.pdf", AT));
        assertEquals("Makefile~20261126-192757-042", VersionName.format("Makefile", AT));
        assertEquals(".bashrc~20261126-192757-042", VersionName.format(".bashrc", AT), "a hidden name, no extension");
        assertEquals(".config~20261126-192757-042.json", VersionName.format(".config.json", AT));
        assertEquals("a.b~20261126-192757-042.c", VersionName.format("a.b.c", AT));
        assertEquals("report~20261126-192757-000.pdf",
                VersionName.format("report.pdf", Instant.parse("2026-11-26T19:27:57.000999Z")), "truncated to ms");
    }

    @Test
    void knownDoubleExtensionsAreKeptWhole() {
        assertEquals("archive~20261126-192757-042.tar.gz", VersionName.format("archive.tar.gz", AT));
        assertEquals("archive~20261126-192757-042.tar.bz2", VersionName.format("archive.tar.bz2", AT));
        assertEquals("archive~20261126-192757-042.tar.xz", VersionName.format("archive.tar.xz", AT));
        assertEquals("archive~20261126-192757-042.tar.zst", VersionName.format("archive.tar.zst", AT));
        assertEquals("BACKUP~20261126-192757-042.TAR.GZ", VersionName.format("BACKUP.TAR.GZ", AT));
        assertEquals("notes.txt~20261126-192757-042.gz", VersionName.format("notes.txt.gz", AT), "not a known pair");
        assertEquals(".tar~20261126-192757-042.gz", VersionName.format(".tar.gz", AT), "nothing before it: hidden");
    }

    @Test
    void namesOfOneFileSortInTheOrderTheyWereKept() {
        List<String> keptInOrder = List.of(
                VersionName.format("report.pdf", Instant.parse("2026-11-26T19:27:56.999Z")),
                VersionName.format("report.pdf", Instant.parse("2026-11-26T19:27:57Z")),
                VersionName.format("report.pdf", Instant.parse("2026-11-26T19:27:57.001Z")),
                VersionName.format("report.pdf", Instant.parse("2026-11-26T19:27:57.010Z")),
                VersionName.format("report.pdf", Instant.parse("2026-11-26T19:28:00Z")),
                VersionName.format("report.pdf", Instant.parse("2027-01-01T00:00:00Z")));
        List<String> sorted = new ArrayList<>(keptInOrder);
        Collections.shuffle(sorted);
        Collections.sort(sorted); // byte order, as ls in the C locale
        assertEquals(keptInOrder, sorted);
        List<String> alphanumeric = new ArrayList<>(keptInOrder);
        Collections.shuffle(alphanumeric);
        // as ls in a locale whose collation skips punctuation first (en_US): letters and digits alone
        alphanumeric.sort(java.util.Comparator.comparing(n -> n.replaceAll("[^A-Za-z0-9]", "")));
        assertEquals(keptInOrder, alphanumeric);
    }

    @Test
    void aNameIsReadBackAsTheVersionItIs() {
        assertEquals(Optional.of(new VersionName("report.pdf", AT, 0)), VersionName.parse(
                "report~20261126-192757-042.pdf"));
        assertEquals(Optional.of(new VersionName("archive.tar.gz", AT, 0)), VersionName.parse(
                "archive~20261126-192757-042.tar.gz"));
        assertEquals(Optional.of(new VersionName("Makefile", AT, 0)), VersionName.parse(
                "Makefile~20261126-192757-042"));
        assertEquals(Optional.of(new VersionName("a~b.txt", AT, 0)), VersionName.parse(
                "a~b~20261126-192757-042.txt"), "a name holding ~ itself");
        for (String name : List.of("report.pdf", "report~2026-11-26.pdf", "report~20261126-192757x.pdf",
                "report.pdf~20261126-192757-042", "archive.tar~20261126-192757-042.gz",
                "report~20261399-192757.pdf", "~20261126-192757.pdf")) {
            assertEquals(Optional.empty(), VersionName.parse(name), name);
        }
    }

    @Test
    void namesOfThePreviousReleaseAreStillRead() {
        Instant second = Instant.parse("2026-11-26T19:27:57Z");
        assertEquals(Optional.of(new VersionName("report.pdf", second, 0)),
                VersionName.parse("report~20261126-192757.pdf"));
        assertEquals(Optional.of(new VersionName("report.pdf", second, 1)),
                VersionName.parse("report~20261126-192757-1.pdf"));
        assertEquals(Optional.of(new VersionName("archive.tar.gz", second, 0)),
                VersionName.parse("archive.tar~20261126-192757.gz"), "the old way with a double extension");
        assertEquals(Optional.of(new VersionName("backup.001", second, 0)),
                VersionName.parse("backup~20261126-192757.001"), "a numeric extension is not a millisecond");
        VersionName plain = VersionName.parse("report~20261126-192757.pdf").orElseThrow();
        VersionName first = VersionName.parse("report~20261126-192757-1.pdf").orElseThrow();
        VersionName secondOfIt = VersionName.parse("report~20261126-192757-2.pdf").orElseThrow();
        VersionName newer = VersionName.parse("report~20261126-192758-001.pdf").orElseThrow();
        List<VersionName> sorted = new ArrayList<>(List.of(first, newer, plain, secondOfIt));
        sorted.sort(VersionName.NEWEST_FIRST);
        assertEquals(List.of(newer, secondOfIt, first, plain), sorted);
    }
}
