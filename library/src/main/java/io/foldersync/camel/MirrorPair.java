package io.foldersync.camel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.foldersync.apply.ChangeApplier;
import io.foldersync.apply.Deletions;
import io.foldersync.apply.HardLinks;
import io.foldersync.apply.PathOrder;
import io.foldersync.cycle.SyncCycle;
import io.foldersync.decide.ChangePolicy;
import io.foldersync.index.Md5Index;
import io.foldersync.observe.ActionLog;
import io.foldersync.observe.CycleStats;
import io.foldersync.observe.PairHealthCheck;
import io.foldersync.observe.PairState;
import io.foldersync.observe.ProgressReporter;
import io.foldersync.observe.SyncCounters;
import io.foldersync.observe.SyncMetrics;
import io.foldersync.prune.PrunePass;
import io.foldersync.replica.ContentTransfer;
import io.foldersync.replica.DiskOperations;
import io.foldersync.replica.DryRunOperations;
import io.foldersync.replica.ExtendedAttributes;
import io.foldersync.replica.KeptVersions;
import io.foldersync.replica.ReplicaLock;
import io.foldersync.replica.ReplicaOperations;
import io.foldersync.replica.ReplicaTree;
import io.foldersync.settings.Fidelity;
import io.foldersync.settings.RunSettings;
import io.foldersync.settings.SyncPair;
import io.foldersync.settings.SyncSettings;
import io.foldersync.settings.VersionSettings;
import io.foldersync.source.RemovalBursts;
import io.foldersync.source.SourceRoot;
import io.foldersync.verify.PairVerification;
import io.foldersync.verify.ReadRate;
import io.foldersync.verify.Scrub;
import io.foldersync.watch.SourceWatch;
import io.foldersync.watch.WatchEvents;
import io.foldersync.watch.WatchProblems;
import io.foldersync.watch.WatchWindow;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.VetoCamelContextStartException;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.LoggerFactory;

/**
 * The beans of one SOURCE -> REPLICA pair, made from its settings and bound in Camel's registry as
 * {@code PAIR.BEAN} ({@code docs.md5Index}), which is how the pair's templated routes find them.
 */
public final class MirrorPair {

    private final SyncPair pair;
    private final ChangeApplier applier;
    private final SyncCycle cycle;
    private final CycleScheduler scheduler;

    private MirrorPair(SyncPair pair, ChangeApplier applier, SyncCycle cycle, CycleScheduler scheduler) {
        this.pair = pair;
        this.applier = applier;
        this.cycle = cycle;
        this.scheduler = scheduler;
    }

    /** The registry name of one of a pair's beans. */
    public static String beanName(String pair, String bean) {
        return pair + "." + bean;
    }

    /**
     * @param cluster the Camel cluster service whose leadership of the pair's namespace decides where it runs; null
     *                to run it here from the start
     */
    public static MirrorPair wire(CamelContext context, SyncPair pair, RunSettings run, CamelClusterService cluster) {
        SyncSettings settings = pair.settings();
        String name = pair.name();
        boolean replicaMade = !run.dryRun() && createReplica(settings);

        Fidelity fidelity = settings.fidelity();
        Md5Index index = new Md5Index(settings.stateDir(), run.dryRun(), name,
                "pair " + name + ": " + settings.source() + " -> " + settings.replica(), fidelity.hardLinks());
        SyncCounters counters = new SyncCounters(index::size);
        CycleStats stats = new CycleStats(counters);
        ActionLog log = new ActionLog(name, stats, run.dryRun());
        SourceRoot source = new SourceRoot(settings.source(), log);
        RemovalBursts removals = new RemovalBursts(settings.watchWindow());
        KeptVersions versions = keptVersions(settings.versions(), log, stats, run.dryRun());
        ReplicaTree replica = new ReplicaTree(settings.replica(), log, run.dryRun(), versions, fidelity.owners());
        if (replicaMade) {
            replica.changeInside(""); // its metadata is set as part of making it, not as a repair
        }
        ExtendedAttributes attributes = new ExtendedAttributes(log);
        ContentTransfer transfer = new ContentTransfer(stats::hashed);
        ReplicaOperations operations = run.dryRun() ? new DryRunOperations(replica, log, stats, versions,
                fidelity.owners()) : new DiskOperations(replica, index, transfer, log, stats, versions, fidelity,
                attributes);
        ChangePolicy policy = new ChangePolicy(fidelity);
        String apply = "direct:" + PairRoutes.routeId(name, "apply");
        ApplyRouteQueue askedAgain = new ApplyRouteQueue(context, apply);
        Deletions deletions = new Deletions(source, replica, operations, index, settings.filter(),
                settings.allowEmptySource(), settings.maxDelete(), settings.deleteExcluded(),
                settings.versionsInsideReplica(), removals,
                context.getExecutorServiceManager().newSingleThreadScheduledExecutor(Deletions.class, name + "-held-deletions"));
        deletions.askAgainThrough(askedAgain::submit);
        HardLinks hardLinks = new HardLinks(fidelity, index, policy, operations);
        hardLinks.askThrough(askedAgain::submit);
        ChangeApplier applier = new ChangeApplier(settings.source(), replica, operations, index, policy, transfer,
                attributes, fidelity, settings.filter(), deletions, hardLinks, log, settings.versionsInsideReplica());
        ApplyRouteQueue pruneQueue = new ApplyRouteQueue(context, apply);
        PrunePass prune = new PrunePass(source, replica, index, log, settings.allowEmptySource(), settings.maxDelete(),
                settings.filter(), settings.deleteExcluded(), settings.versionsInsideReplica(), pruneQueue,
                deletions::takeDeletedByPass, operations, stats::isRunning);
        SyncCycle cycle = new SyncCycle(source, replica, transfer::isStopped, index, log, stats, settings.filter(),
                fidelity, settings.versionsInsideReplica());
        boolean watch = settings.watch() && !run.once();
        CycleScheduler scheduler = new CycleScheduler(name, settings.interval(), !run.once(), watch);

        Registry registry = context.getRegistry();
        registry.bind(beanName(name, "md5Index"), new Md5IndexRepository(index, policy));
        registry.bind(beanName(name, "syncCycle"), cycle);
        registry.bind(beanName(name, "cyclePoll"), new CyclePollStrategy(cycle));
        registry.bind(beanName(name, "cycleScheduler"), scheduler);
        registry.bind(beanName(name, "prune"), prune);
        registry.bind(beanName(name, "pathTurns"), new PathTurns(new PathOrder()));
        registry.bind(beanName(name, "applyStep"), new ApplyStep(applier, counters));
        if (watch) {
            registry.bind(beanName(name, "watchEvents"), new WatchEvents(source, removals));
            registry.bind(beanName(name, "watchWindow"), new WatchWindow(settings.watchWindow()));
            registry.bind(beanName(name, "watchProblems"), new WatchProblems(log));
        }

        List<Service> leaderServices = new ArrayList<>();
        if (!settings.progressInterval().isZero()) {
            leaderServices.add(new ProgressReporter(context, name, settings.source(), stats, log,
                    settings.progressInterval()));
        }
        if (run.repair()) {
            ApplyRouteQueue repairs = new ApplyRouteQueue(context, apply);
            addService(context, repairs);
            registry.bind(beanName(name, "repairs"), repairs);
            registry.bind(beanName(name, "verification"), new PairVerification(pair, log,
                    new ReadRate(settings.verifyRate())));
        }
        if (settings.verifyInterval() != null && !run.once() && !run.dryRun()) {
            ApplyRouteQueue repairs = new ApplyRouteQueue(context, apply);
            addService(context, repairs);
            leaderServices.add(new Scrub(context, name, new PairVerification(pair, log,
                    new ReadRate(settings.verifyRate())), repairs, log, settings.verifyInterval()));
        }
        SourceWatch sourceWatch = watch ? new SourceWatch(name, settings.source(), PairRoutes.routeId(name, "watch"),
                scheduler::beginCycles, scheduler::runNow, source::watching) : null;
        SyncMetrics metrics = new SyncMetrics(name, counters, context);
        try {
            addService(context, askedAgain);
            addService(context, pruneQueue);
            context.addStartupListener(metrics);
            context.addService(metrics, true, true);
            if (cluster == null) {
                runAlways(context, settings, run, index, leaderServices, sourceWatch);
            } else {
                counters.leading(false);
                leaderServices.add(0, new OpenIndex(index));
                PairLeadership leadership = new PairLeadership(context, cluster, name, leaderServices,
                        PairRoutes.leaderRoutes(name, run), sourceWatch, transfer, counters,
                        () -> ReplicaLock.acquire(settings.replica(), settings.source()));
                context.addService(leadership, true, true);
                context.addStartupListener(leadership);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot start pair " + name + ": " + e.getMessage(), e);
        }
        context.addLifecycleStrategy(new CopyStop(transfer));
        PairState state = new PairState(counters, source::problem);
        registry.bind(beanName(name, "state"), state);
        registerHealthCheck(context, new PairHealthCheck(name, state));
        return new MirrorPair(pair, applier, cycle, scheduler);
    }

    private static void addService(CamelContext context, Service service) {
        try {
            context.addService(service, true, true);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Without a cluster: the index is loaded as Camel starts, before the routes (the first cycle records into it; a
     * service added here would start after them), and closed when Camel has stopped.
     */
    private static final class IndexBeforeRoutes extends LifecycleStrategySupport {
        private final Md5Index index;

        IndexBeforeRoutes(Md5Index index) {
            this.index = index;
        }

        @Override
        public void onContextStarting(CamelContext context) throws VetoCamelContextStartException {
            try {
                index.open();
            } catch (IOException | RuntimeException e) {
                throw new VetoCamelContextStartException(e.getMessage(), e, context, true);
            }
        }

        @Override
        public void onContextStopped(CamelContext context) {
            try {
                index.close();
            } catch (IOException e) {
                LoggerFactory.getLogger("folder-sync").error("cannot save the index: {}", e.toString());
            }
        }
    }

    /** The index, loaded and locked while the pair runs here. */
    private static final class OpenIndex extends ServiceSupport {
        private final Md5Index index;

        OpenIndex(Md5Index index) {
            this.index = index;
        }

        @Override
        protected void doStart() throws IOException {
            index.open();
        }

        @Override
        protected void doStop() throws IOException {
            index.close();
        }
    }

    /**
     * Stops copies in progress at their next buffer as soon as Camel begins to stop, before it waits for the routes'
     * exchanges, leaving no temporary file behind: the same stop in any Camel Main, with or without our command line.
     */
    private static final class CopyStop extends LifecycleStrategySupport {
        private final ContentTransfer transfer;

        CopyStop(ContentTransfer transfer) {
            this.transfer = transfer;
        }

        @Override
        public void onContextStopping(CamelContext context) {
            transfer.stop();
        }
    }

    private static KeptVersions keptVersions(VersionSettings settings, ActionLog log, CycleStats stats,
                                             boolean dryRun) {
        if (settings == null) {
            return null;
        }
        if (!dryRun) {
            try {
                Files.createDirectories(settings.dir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the versions folder " + settings.dir(), e);
            }
        }
        return new KeptVersions(ReplicaTree.versionsFolder(settings.dir(), log, dryRun), settings.keep(),
                settings.maxAge(), log, stats, Clock.systemUTC());
    }

    public SyncPair pair() {
        return pair;
    }

    public ChangeApplier applier() {
        return applier;
    }

    public SyncCycle cycle() {
        return cycle;
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

    /** Without a cluster: the pair runs here from the start, holding REPLICA's lock (one writer per host) till stop. */
    private static void runAlways(CamelContext context, SyncSettings settings, RunSettings run,
                                  Md5Index index, List<Service> services, SourceWatch sourceWatch)
            throws Exception {
        if (!run.dryRun()) {
            ReplicaLock held = ReplicaLock.acquire(settings.replica(), settings.source());
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() throws IOException {
                    held.close();
                }
            }, true, true);
        }
        context.addLifecycleStrategy(new IndexBeforeRoutes(index));
        for (Service service : services) {
            context.addService(service, true, true);
        }
        if (sourceWatch != null) {
            context.addService(sourceWatch, true, true);
            context.addStartupListener(sourceWatch);
        }
    }

    /** Makes REPLICA if it is missing; true when it was. */
    private static boolean createReplica(SyncSettings settings) {
        if (Files.isDirectory(settings.replica())) {
            return false;
        }
        try {
            Files.createDirectories(settings.replica());
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create REPLICA " + settings.replica(), e);
        }
    }
}
