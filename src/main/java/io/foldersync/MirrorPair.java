package io.foldersync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.ScheduledExecutorService;

import io.foldersync.index.Md5IndexRepository;
import io.foldersync.observe.ActionLog;
import io.foldersync.observe.CycleStats;
import io.foldersync.observe.PairHealthCheck;
import io.foldersync.observe.ProgressReporter;
import io.foldersync.observe.SyncCounters;
import io.foldersync.observe.SyncMetrics;
import io.foldersync.replica.ReplicaLock;
import io.foldersync.replica.ReplicaPruner;
import io.foldersync.replica.ReplicaTree;
import io.foldersync.replica.ReplicaWriter;
import io.foldersync.source.ChangeCoalescer;
import io.foldersync.source.CycleScheduler;
import io.foldersync.source.EventMirror;
import io.foldersync.source.ListedFileCopy;
import io.foldersync.source.SourceRoot;
import io.foldersync.source.SourceScan;
import io.foldersync.source.SourceScanFilter;
import io.foldersync.source.SyncCycle;
import io.foldersync.source.SourceWatch;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The beans of one SOURCE -> REPLICA pair, made from its settings and bound in Camel's registry as
 * {@code PAIR.BEAN} ({@code docs.replicaWriter}), which is how the pair's templated routes find them.
 */
public final class MirrorPair {

    private final SyncPair pair;
    private final ReplicaWriter writer;
    private final CycleScheduler scheduler;

    private MirrorPair(SyncPair pair, ReplicaWriter writer, CycleScheduler scheduler) {
        this.pair = pair;
        this.writer = writer;
        this.scheduler = scheduler;
    }

    /** The registry name of one of a pair's beans. */
    public static String beanName(String pair, String bean) {
        return pair + "." + bean;
    }

    public static MirrorPair wire(CamelContext context, SyncPair pair) {
        SyncSettings settings = pair.settings();
        String name = pair.name();
        if (!settings.dryRun()) {
            holdReplica(context, settings);
        }
        createReplica(settings);

        Md5IndexRepository index = new Md5IndexRepository(settings.stateDir(), settings.dryRun(), name,
                "pair " + name + ": " + settings.source() + " -> " + settings.replica());
        SyncCounters counters = new SyncCounters(index::size);
        CycleStats stats = new CycleStats(counters);
        ActionLog log = new ActionLog(name, stats, settings.dryRun());
        SourceRoot source = new SourceRoot(settings.source(), log);
        SourceScan scan = new SourceScan();
        ReplicaTree replica = new ReplicaTree(settings.replica(), log);
        ReplicaWriter writer = new ReplicaWriter(settings.source(), replica, index, log, stats, settings.dryRun());
        ReplicaPruner pruner = new ReplicaPruner(source, replica, index, log, stats, settings.dryRun(),
                settings.allowEmptySource(), settings.maxDelete());
        boolean watch = settings.watch() && !settings.once();
        CycleScheduler scheduler = new CycleScheduler(settings.interval(), !settings.once(), watch);
        ChangeCoalescer coalescer = new ChangeCoalescer(settings.source(),
                new EventMirror(settings.source(), writer, pruner, replica, log), settings.watchWindow(),
                watchThreads(context, name, settings.threads()), counters);

        Registry registry = context.getRegistry();
        registry.bind(beanName(name, "md5Index"), index);
        registry.bind(beanName(name, "replicaWriter"), writer);
        registry.bind(beanName(name, "listedFileCopy"), new ListedFileCopy(settings.source(), writer));
        registry.bind(beanName(name, "replicaPruner"), pruner);
        registry.bind(beanName(name, "sourceScanFilter"),
                new SourceScanFilter(settings.source(), settings.replica(), index, scan, log, stats));
        registry.bind(beanName(name, "syncCycle"),
                new SyncCycle(source, replica, scan, writer, index, log, stats, settings.dryRun()));
        registry.bind(beanName(name, "cycleScheduler"), scheduler);
        registry.bind(beanName(name, "changeCoalescer"), coalescer);

        SyncMetrics metrics = new SyncMetrics(name, counters, context);
        try {
            context.addStartupListener(metrics);
            context.addService(index, true, true);
            context.addService(metrics, true, true);
            if (!settings.progressInterval().isZero()) {
                context.addService(new ProgressReporter(name, settings.source(), stats, log,
                        settings.progressInterval()), true, true);
            }
            if (watch) {
                SourceWatch sourceWatch = new SourceWatch(name, settings.source(), PairRoutes.routeId(name, "watch"),
                        scheduler);
                context.addService(sourceWatch, true, true);
                context.addStartupListener(sourceWatch);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot start pair " + name + ": " + e.getMessage(), e);
        }
        registerHealthCheck(context, new PairHealthCheck(name, counters, source::problem));
        return new MirrorPair(pair, writer, scheduler);
    }

    /** Camel's pool for the watch's changes; unbounded, as a burst of events must queue, never be turned away. */
    private static ScheduledExecutorService watchThreads(CamelContext context, String pair, int threads) {
        String name = pair + "-watch-copy";
        return context.getExecutorServiceManager().newScheduledThreadPool(context, name,
                new ThreadPoolProfileBuilder(name).poolSize(threads).maxQueueSize(-1).build());
    }

    public SyncPair pair() {
        return pair;
    }

    public ReplicaWriter writer() {
        return writer;
    }

    public CycleScheduler scheduler() {
        return scheduler;
    }

    private static void registerHealthCheck(CamelContext context, PairHealthCheck check) {
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            check.setCamelContext(context);
            health.register(check);
        }
    }

    /** One writer per REPLICA: taken before anything is made, given back when Camel stops. */
    private static void holdReplica(CamelContext context, SyncSettings settings) {
        ReplicaLock held = ReplicaLock.acquire(settings.replica(), settings.source());
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() throws IOException {
                    held.close();
                }
            }, true, true);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void createReplica(SyncSettings settings) {
        if (settings.dryRun()) {
            return;
        }
        try {
            Files.createDirectories(settings.replica());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create REPLICA " + settings.replica(), e);
        }
    }
}
