package io.foldersync.source;

import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

import io.foldersync.fs.FileMeta;
import io.foldersync.index.Md5IndexRepository;
import io.foldersync.observe.ActionLog;
import io.foldersync.observe.CycleStats;
import io.foldersync.replica.ReplicaTree;
import io.foldersync.replica.RetryableCopyException;
import io.foldersync.replica.ReplicaWriter;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.spi.RouteIdAware;

/**
 * Frames each poll of the sync route as a cycle: before it, checks SOURCE and starts the counters; after the routed
 * files, mirrors what the consumer does not route (symlinks, then folders deepest first), saves the index and logs the
 * cycle's summary line.
 */
public class SyncCycle implements PollingConsumerPollStrategy {

    private final SourceRoot source;
    private final ReplicaTree replica;
    private final boolean dryRun;
    private final SourceScan scan;
    private final ReplicaWriter writer;
    private final Md5IndexRepository index;
    private final ActionLog log;
    private final CycleStats stats;
    private final Object completed = new Object();
    private long cycles;
    private CycleStats.Summary last;
    private boolean sourceAvailable;

    public SyncCycle(SourceRoot source, ReplicaTree replica, SourceScan scan, ReplicaWriter writer,
                     Md5IndexRepository index, ActionLog log, CycleStats stats, boolean dryRun) {
        this.dryRun = dryRun;
        this.source = source;
        this.replica = replica;
        this.scan = scan;
        this.writer = writer;
        this.index = index;
        this.log = log;
        this.stats = stats;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        scan.reset();
        stats.begin();
        sourceAvailable = source.isAvailable() && replicaAvailable();
        if (!sourceAvailable) {
            finish(); // Camel skips the poll and its commit, but the cycle still ends and reports its error
        }
        return sourceAvailable;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        stats.listed();
        awaitCopies(consumer);
        if (sourceAvailable) {
            scan.links().forEach(this::mirrorLink);
            mirrorRootAndFolders();
        }
        finish();
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        log.rootError("the poll of SOURCE failed: " + cause);
        finish();
        return false;
    }

    private boolean replicaAvailable() {
        if (dryRun && !Files.exists(replica.root())) {
            return true; // a dry run creates nothing, REPLICA included: every entry is reported as a copy
        }
        try {
            replica.refreshRoot();
            return true;
        } catch (IOException e) {
            log.rootError("REPLICA " + replica.root() + " cannot be opened: " + e);
            return false;
        }
    }

    /** Waits until {@code count} cycles have completed since start; returns the last summary, or null on time-out. */
    public CycleStats.Summary awaitCycles(long count, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (completed) {
            while (cycles < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(completed, left);
            }
            return last;
        }
    }

    /** The poll hands its files to a pool and returns; the cycle ends only when every copy has. */
    private static void awaitCopies(Consumer consumer) {
        CamelContext context = consumer.getEndpoint().getCamelContext();
        String routeId = ((RouteIdAware) consumer).getRouteId();
        while (context.getInflightRepository().size(routeId) > 0 && !context.isStopping()) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Links are not routed, so a transient failure is not redelivered: it is reported, and the next cycle retries. */
    private void mirrorLink(String path) {
        try {
            writer.write(path);
        } catch (RetryableCopyException e) {
            log.error(path, e.getMessage(), e.getCause());
        }
    }

    private void mirrorRootAndFolders() {
        for (SourceScan.Folder folder : scan.foldersDeepestFirst()) {
            writer.syncFolder(folder.path(), folder.meta());
        }
        try {
            writer.syncFolder("", FileMeta.of(source.path()));
        } catch (IOException e) {
            log.error("", "cannot read the SOURCE root", e);
        }
    }

    private void finish() {
        try {
            index.checkpoint();
        } catch (RuntimeException e) {
            log.rootError("cannot save the index: " + e.getMessage());
        }
        CycleStats.Summary summary = stats.finish();
        log.summary(summary.toString(), summary.changedSomething());
        synchronized (completed) {
            cycles++;
            last = summary;
            completed.notifyAll();
        }
    }
}
