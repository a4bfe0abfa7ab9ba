package io.foldersync.observe;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.foldersync.fs.TreeSize;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

/**
 * A PROGRESS line every period while a cycle runs longer than that period, so a long first sync is never silent:
 * entries scanned, files and bytes done of those found to copy so far, the rates, and the time left.
 * <p>
 * The walk of SOURCE and the copies run together, so until the walk ends nobody knows how much is left. The first
 * time a cycle runs past the period it takes SOURCE's size from the last completed cycle or, on the first cycle, from
 * a census on a thread of its own (a walk that reads no content); with it the time left is estimated from the share
 * of the tree the cycle has got through. The estimate is smoothed (an exponential average of the predicted end), so
 * a burst of small files or one large one does not swing it, and it is checked often enough that the first line comes
 * at the period, not up to a period later.
 */
public class ProgressReporter extends ServiceSupport {

    private final String pair;
    private final Path source;
    private final CycleStats stats;
    private final ActionLog log;
    private final Duration period;
    private final CamelContext context;
    private ScheduledExecutorService timer;
    /** How much a new prediction of the cycle's end moves the estimate: a third, so it settles within a few lines. */
    private static final double SMOOTHING = 0.35;

    private CompletableFuture<TreeSize> census;
    private long lastElapsedNanos;
    private long lastReportNanos;
    /** The smoothed prediction of the cycle's end, in seconds after its start; negative while there is none. */
    private double predictedEnd = -1;

    public ProgressReporter(CamelContext context, String pair, Path source, CycleStats stats, ActionLog log,
                            Duration period) {
        this.context = context;
        this.pair = pair;
        this.source = source;
        this.stats = stats;
        this.log = log;
        this.period = period;
    }

    @Override
    protected void doStart() {
        // two threads: the first census of SOURCE walks it on one while the other goes on ticking
        timer = context.getExecutorServiceManager().newScheduledThreadPool(this, pair + "-progress", 2);
        long tick = Math.max(10, Math.min(period.toMillis() / 10, 500));
        timer.scheduleAtFixedRate(this::report, tick, tick, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (timer != null) {
            context.getExecutorServiceManager().shutdownNow(timer);
        }
    }

    void report() {
        CycleStats.Progress progress = stats.progress();
        if (progress == null || progress.elapsedNanos() < lastElapsedNanos) {
            census = null; // between cycles, or a new one began: the next long cycle counts afresh
            lastReportNanos = 0;
            predictedEnd = -1;
        }
        lastElapsedNanos = progress == null ? 0 : progress.elapsedNanos();
        if (progress == null || progress.elapsedNanos() - lastReportNanos < period.toNanos()) {
            return;
        }
        lastReportNanos = progress.elapsedNanos();
        if (census == null && !progress.listed()) {
            census = takeCensus();
        }
        TreeSize size = census == null ? null : census.getNow(null);
        long eta = smoothed(progress, etaSeconds(progress, size));
        log.progress(line(progress, size, eta), facts(progress, size, eta));
    }

    private long smoothed(CycleStats.Progress progress, long eta) {
        if (eta < 0) {
            return eta;
        }
        double elapsed = seconds(progress);
        double end = elapsed + eta;
        predictedEnd = predictedEnd < 0 ? end : SMOOTHING * end + (1 - SMOOTHING) * predictedEnd;
        return eta == 0 ? 0 : Math.max(1, Math.round(predictedEnd - elapsed));
    }

    /** The size the last cycle found, which costs nothing; before any cycle has completed, a walk of SOURCE. */
    private CompletableFuture<TreeSize> takeCensus() {
        TreeSize known = stats.lastTreeSize();
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        return CompletableFuture.supplyAsync(() -> TreeSize.of(source), timer);
    }

    /**
     * For example: {@code PROGRESS scanned=5000/20000 files=4990/4995 bytes=19.5MiB/19.5MiB rate=4.9MiB/s
     * files_per_s=1250 elapsed=4s eta=12s}. {@code size} is the census of SOURCE, null while it is counted.
     */
    static String line(CycleStats.Progress p, TreeSize size, long eta) {
        double seconds = seconds(p);
        return "PROGRESS scanned=" + p.scanned() + (isEstimating(p, size) ? "/" + total(p, size) : "")
                + " files=" + p.filesDone() + "/" + p.filesQueued()
                + " bytes=" + bytes(p.bytesDone()) + "/" + bytes(p.bytesQueued())
                + " rate=" + bytes((long) (p.bytesDone() / seconds)) + "/s"
                + " files_per_s=" + Math.round(p.filesDone() / seconds)
                + " elapsed=" + duration(Math.round(seconds)) + " eta=" + (eta < 0 ? "estimating" : duration(eta));
    }

    /** The same as exact numbers, for the JSON log: counts, bytes, and times in milliseconds or seconds. */
    static Map<String, Object> facts(CycleStats.Progress p, TreeSize size, long eta) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("scanned", p.scanned());
        if (isEstimating(p, size)) {
            facts.put("scanned_total", total(p, size));
        }
        facts.put("files_done", p.filesDone());
        facts.put("files_queued", p.filesQueued());
        facts.put("bytes_done", p.bytesDone());
        facts.put("bytes_queued", p.bytesQueued());
        facts.put("elapsed_ms", p.elapsedNanos() / 1_000_000);
        if (eta >= 0) {
            facts.put("eta_s", eta);
        }
        return facts;
    }

    private static boolean isEstimating(CycleStats.Progress p, TreeSize size) {
        return !p.listed() && size != null;
    }

    private static long total(CycleStats.Progress p, TreeSize size) {
        return Math.max(size.entries(), p.scanned());
    }

    private static double seconds(CycleStats.Progress p) {
        return Math.max(p.elapsedNanos() / 1e9, 1e-3);
    }

    /** The time left in seconds as things stand now, before smoothing; -1 while it cannot be told. */
    static long etaSeconds(CycleStats.Progress p, TreeSize size) {
        if (p.listed()) {
            return etaOfQueue(p, p.bytesDone() / seconds(p), p.filesDone() / seconds(p));
        }
        if (size == null) {
            return -1;
        }
        double share = shareDone(p, size);
        return share <= 0 ? -1 : Math.round(seconds(p) * (1 - share) / share);
    }

    /** Once the walk is over: the slower of files left at the file rate and bytes left at the byte rate. */
    private static long etaOfQueue(CycleStats.Progress p, double byteRate, double fileRate) {
        if (p.filesPending() <= 0) {
            return 0;
        }
        if (fileRate <= 0) {
            return -1;
        }
        double seconds = p.filesPending() / fileRate;
        if (p.bytesPending() > 0 && byteRate > 0) {
            seconds = Math.max(seconds, p.bytesPending() / byteRate);
        }
        return Math.round(seconds);
    }

    /**
     * The share of SOURCE the cycle has got through: entries scanned and bytes scanned, less the files still waiting
     * for their copy, each over the census; the smaller of the two, so neither many small files nor one large one
     * makes the estimate hopeful. Below 1 even when SOURCE has grown since the census.
     */
    static double shareDone(CycleStats.Progress p, TreeSize size) {
        double entries = (double) (p.scanned() - p.filesPending()) / Math.max(size.entries(), 1);
        double bytes = size.bytes() == 0 ? entries : (double) (p.bytesScanned() - p.bytesPending()) / size.bytes();
        return Math.min(Math.min(entries, bytes), 0.99);
    }

    /** In powers of 1024, named as such: 930,121,871 bytes is 887.0MiB. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f%s", value, units[unit]);
    }

    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + seconds % 60 + "s";
        }
        return seconds / 3600 + "h" + seconds % 3600 / 60 + "m";
    }
}
