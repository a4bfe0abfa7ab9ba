package io.foldersync.verify;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import io.foldersync.decide.Decision;
import io.foldersync.decide.Decision.Origin;
import io.foldersync.decide.DecisionQueue;

import io.foldersync.observe.ActionLog;
import io.foldersync.observe.CycleStats;
import io.foldersync.observe.SyncCounters;
import io.foldersync.replica.ContentTransfer;
import io.foldersync.replica.ExtendedAttributes;
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
     * Compares the pair's trees; each difference is logged.
     *
     * @return the number of differences
     */
    public long run() throws IOException {
        TreeVerifier verifier = begin();
        TreeVerifier.Result result = verifier.run(log::difference);
        summary(result, "");
        return result.differences();
    }

    /**
     * Compares the pair's trees and has each path that differs mirrored again through the apply route (the index
     * forgets it, so both sides are read again, as {@code rsync -c} does), then compares those paths again. Each is a
     * REPAIR line; the summary counts what was repaired and what is still different.
     *
     * @return the paths still different after their repair
     */
    public long repair(DecisionQueue repairs) throws IOException {
        TreeVerifier verifier = begin();
        Set<String> differing = new LinkedHashSet<>();
        TreeVerifier.Result result = verifier.run((path, what) -> {
            log.difference(path, what);
            log.repair(path, what);
            if (differing.add(path)) {
                repairs.submit(Decision.of(Origin.REPAIR, path));
            }
        });
        repairs.awaitApplied();
        Set<String> left = new LinkedHashSet<>();
        if (!differing.isEmpty()) {
            verifier.check(differing, (path, what) -> {
                log.difference(path, what + " (still, after its repair)");
                left.add(path);
            });
        }
        summary(result, " repaired=" + (differing.size() - left.size()) + " unrepaired=" + left.size());
        return left.size();
    }

    private TreeVerifier begin() {
        started = System.nanoTime();
        lastProgress = started;
        entriesDone = 0;
        bytesRead.reset();
        rate.restart();
        return new TreeVerifier(settings.source(), settings.replica(), settings.filter(),
                settings.versionsInsideReplica(), settings.fidelity(), new ContentTransfer(bytesRead::add),
                new ExtendedAttributes(log), rate, this::entryDone);
    }

    private void summary(TreeVerifier.Result result, String repairs) {
        log.summary("VERIFY entries=" + result.entries() + " differences=" + result.differences() + repairs
                + " bytes_read=" + bytesRead.sum() + " duration_ms=" + (System.nanoTime() - started) / 1_000_000,
                result.differences() > 0);
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
