package io.foldersync.observe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.foldersync.fs.TreeSize;
import io.foldersync.support.CapturedLog;
import io.foldersync.support.Trees;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PROGRESS line's estimate of the time left, and the census of SOURCE it is based on. */
class ProgressReporterTest {

    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path temp;

    @Test
    void theCensusCountsEveryEntryAndTheBytesOfFilesWithoutFollowingLinks() throws Exception {
        Trees.write(temp, "src/a", "12345");
        Trees.write(temp, "src/d/e/b", "123");
        Files.createDirectories(temp.resolve("src/empty"));
        Files.createSymbolicLink(temp.resolve("src/up"), Path.of(".."));
        Trees.write(temp, "elsewhere", "not counted");

        assertEquals(new TreeSize(6, 8), TreeSize.of(temp.resolve("src")), "a, d, d/e, d/e/b, empty, up");
        assertEquals(new TreeSize(0, 0), TreeSize.of(temp.resolve("missing")));
    }

    @Test
    void aCompletedCycleLeavesTheSizeOfTheTreeItWalkedForTheNextEstimate() {
        CycleStats stats = new CycleStats(new SyncCounters(() -> 0));
        assertNull(stats.lastTreeSize(), "nothing known before a cycle: the census walks SOURCE");
        stats.begin();
        stats.scanned(0); // a folder
        stats.scanned(5);
        stats.scanned(3);
        stats.finish();
        assertEquals(new TreeSize(3, 8), stats.lastTreeSize());

        stats.begin();
        stats.finish(); // SOURCE missing: nothing walked
        assertEquals(new TreeSize(3, 8), stats.lastTreeSize(), "a cycle that walked nothing tells nothing");
    }

    @Test
    void aLaterLongCycleEstimatesAtOnceFromTheLastCycleWithoutASecondWalk() {
        CycleStats stats = new CycleStats(new SyncCounters(() -> 0));
        ActionLog log = new ActionLog("later-cycle", stats, false);
        // SOURCE does not exist: a census would count nothing, and not at once
        ProgressReporter reporter = new ProgressReporter(new DefaultCamelContext(), "later-cycle",
                temp.resolve("missing"), stats, log,
                Duration.ofNanos(1));
        stats.begin();
        stats.scanned(10);
        stats.scanned(10);
        stats.scanned(0);
        stats.scanned(10);
        stats.finish();

        stats.begin();
        stats.scanned(10);
        reporter.report();

        List<String> lines = CapturedLog.lines().stream().filter(l -> l.contains("PROGRESS scanned=1/4 ")).toList();
        assertEquals(1, lines.size(), "the size the last cycle found (4 entries), at the first report");
        assertFalse(lines.get(0).endsWith("eta=estimating"), lines.get(0));
    }

    @Test
    void whileTheWalkRunsTheTimeLeftFollowsTheShareOfTheTreeDone() {
        // a quarter of 20,000 files of 4 KiB walked and copied (10 still waiting) in 4 s
        CycleStats.Progress quarter = new CycleStats.Progress(5000, 5000 * 4096L, 4990, 5000, 4990 * 4096L,
                5000 * 4096L, false, 4 * SECOND);

        String line = line(quarter, new TreeSize(20_000, 20_000 * 4096L));

        assertTrue(line.startsWith("PROGRESS scanned=5000/20000 files=4990/5000 bytes=19.5MiB/19.5MiB "), line);
        assertTrue(line.endsWith(" elapsed=4s eta=12s"), line);
        assertTrue(line(quarter, null).endsWith(" eta=estimating"), "census still counting");
        assertEquals(Map.of("scanned", 5000L, "scanned_total", 20_000L, "files_done", 4990L, "files_queued", 5000L,
                "bytes_done", 4990 * 4096L, "bytes_queued", 5000 * 4096L, "elapsed_ms", 4000L, "eta_s", 12L),
                facts(quarter, new TreeSize(20_000, 20_000 * 4096L)), "exact, for the JSON log");
        assertFalse(facts(quarter, null).containsKey("eta_s"), "no time left while unknown");
    }

    @Test
    void aLargeFileStillToComeWeighsOnTheEstimate() {
        // half the entries walked, but a 1 GiB file among the other half
        CycleStats.Progress half = new CycleStats.Progress(100, 100 * 1024L, 100, 100, 100 * 1024L, 100 * 1024L,
                false, 10 * SECOND);
        TreeSize size = new TreeSize(200, 200 * 1024L + (1L << 30));

        assertTrue(ProgressReporter.shareDone(half, size) < 0.001, "by bytes, not by entries");
        assertTrue(line(half, size).endsWith(" eta=29h7m"), line(half, size));
    }

    @Test
    void onceTheWalkIsOverTheTimeLeftIsTheQueueAtTheCurrentRates() {
        CycleStats.Progress listed = new CycleStats.Progress(1000, 1000 * 4096L, 600, 1000, 600 * 4096L,
                1000 * 4096L, true, 6 * SECOND);

        String line = line(listed, new TreeSize(5000, 0));

        assertTrue(line.startsWith("PROGRESS scanned=1000 files=600/1000 "), "the census no longer matters");
        assertTrue(line.endsWith(" eta=4s"), "400 files at 100 per second");
    }

    @Test
    void aTreeThatGrewSinceTheCensusNeverShowsMoreThanAllDone() {
        CycleStats.Progress past = new CycleStats.Progress(300, 0, 0, 0, 0, 0, false, 3 * SECOND);

        String line = line(past, new TreeSize(200, 0));

        assertTrue(line.startsWith("PROGRESS scanned=300/300 "), line);
        assertTrue(line.endsWith(" eta=0s"), line);
    }

    /** The line as the reporter prints it when its smoothed estimate agrees with the one of the moment. */
    private static String line(CycleStats.Progress progress, TreeSize size) {
        return ProgressReporter.line(progress, size, ProgressReporter.etaSeconds(progress, size));
    }

    private static Map<String, Object> facts(CycleStats.Progress progress, TreeSize size) {
        return ProgressReporter.facts(progress, size, ProgressReporter.etaSeconds(progress, size));
    }
}
