package io.foldersync.observe;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.support.service.ServiceSupport;

/**
 * A PROGRESS line every period while a cycle runs longer than that period, so a long first sync is never silent:
 * files and bytes done of those found to copy so far, the rates, and the time left once the walk of SOURCE is over.
 */
public class ProgressReporter extends ServiceSupport {

    private final String pair;
    private final CycleStats stats;
    private final ActionLog log;
    private final Duration period;
    private ScheduledExecutorService timer;

    public ProgressReporter(String pair, CycleStats stats, ActionLog log, Duration period) {
        this.pair = pair;
        this.stats = stats;
        this.log = log;
        this.period = period;
    }

    @Override
    protected void doStart() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, pair + "-progress");
            thread.setDaemon(true);
            return thread;
        });
        long millis = period.toMillis();
        timer.scheduleAtFixedRate(this::report, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void report() {
        CycleStats.Progress progress = stats.progress();
        if (progress != null && progress.elapsedNanos() >= period.toNanos()) {
            log.summary(line(progress));
        }
    }

    /** For example: {@code PROGRESS files=5000/20000 bytes=1.2GB/4.0GB rate=45.3MB/s files_per_s=410 eta=1m10s}. */
    static String line(CycleStats.Progress p) {
        double seconds = Math.max(p.elapsedNanos() / 1e9, 1e-3);
        double byteRate = p.bytesDone() / seconds;
        double fileRate = p.filesDone() / seconds;
        return "PROGRESS scanned=" + p.scanned() + " files=" + p.filesDone() + "/" + p.filesQueued()
                + " bytes=" + bytes(p.bytesDone()) + "/" + bytes(p.bytesQueued())
                + " rate=" + bytes((long) byteRate) + "/s files_per_s=" + Math.round(fileRate)
                + " elapsed=" + duration(Math.round(seconds)) + " eta=" + eta(p, byteRate, fileRate);
    }

    /** The slower of the two estimates: bytes left at the byte rate, files left at the file rate. */
    private static String eta(CycleStats.Progress p, double byteRate, double fileRate) {
        if (!p.listed()) {
            return "unknown(listing)";
        }
        long filesLeft = p.filesQueued() - p.filesDone();
        long bytesLeft = p.bytesQueued() - p.bytesDone();
        if (filesLeft <= 0) {
            return "0s";
        }
        if (fileRate <= 0) {
            return "unknown";
        }
        double seconds = filesLeft / fileRate;
        if (bytesLeft > 0 && byteRate > 0) {
            seconds = Math.max(seconds, bytesLeft / byteRate);
        }
        return duration(Math.round(seconds));
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
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
