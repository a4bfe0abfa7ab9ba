package io.foldersync.verify;

import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

import io.foldersync.observe.ActionLog;
import io.foldersync.observe.CycleStats;
import io.foldersync.observe.SyncCounters;
import io.foldersync.replica.ContentTransfer;
import io.foldersync.settings.SyncPair;
import io.foldersync.settings.SyncSettings;

/**
 * One verify of a pair, as an operator sees it: a {@code DIFF path what} line per difference, a {@code PROGRESS} line
 * every progress interval while it reads, and a {@code VERIFY} summary at the end.
 */
public class PairVerification {

    private final SyncSettings settings;
    private final ActionLog log;
    private final ReadRate rate;
    private final LongAdder bytesRead = new LongAdder();
    private long started;
    private long lastProgress;
    private long entriesDone;

    public PairVerification(SyncPair pair, ActionLog log, ReadRate rate) {
        this.settings = pair.settings();
        this.log = log;
        this.rate = rate;
    }

    /** For the command line: a log of the pair's own, counting into nothing else. */
    public static PairVerification standalone(SyncPair pair, ReadRate rate) {
        return new PairVerification(pair, new ActionLog(pair.name(), new CycleStats(new SyncCounters(() -> 0)), false),
                rate);
    }

    /**
     * Compares the pair's trees; each difference is logged, then handed to {@code then} (a repair, say).
     *
     * @return the number of differences
     */
    public long run(BiConsumer<String, String> then) throws IOException {
        started = System.nanoTime();
        lastProgress = started;
        entriesDone = 0;
        bytesRead.reset();
        rate.restart();
        TreeVerifier verifier = new TreeVerifier(settings.source(), settings.replica(), settings.filter(),
                settings.versionsInsideReplica(), settings.fidelity(), new ContentTransfer(bytesRead::add),
                rate, this::entryDone);
        TreeVerifier.Result result = verifier.run((path, what) -> {
            log.difference(path, what);
            then.accept(path, what);
        });
        log.summary("VERIFY entries=" + result.entries() + " differences=" + result.differences() + " bytes_read="
                + bytesRead.sum() + " duration_ms=" + (System.nanoTime() - started) / 1_000_000,
                result.differences() > 0);
        return result.differences();
    }

    private void entryDone() {
        entriesDone++;
        long now = System.nanoTime();
        long period = settings.progressInterval().toNanos();
        if (period > 0 && now - lastProgress >= period) {
            lastProgress = now;
            long seconds = Math.max(1, (now - started) / 1_000_000_000);
            log.info("PROGRESS verify entries={} bytes_read={} rate={}KiB/s elapsed={}s", entriesDone,
                    bytesRead.sum(), bytesRead.sum() / 1024 / seconds, seconds);
        }
    }
}
