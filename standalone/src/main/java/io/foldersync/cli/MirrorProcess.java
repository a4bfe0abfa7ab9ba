package io.foldersync.cli;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.foldersync.camel.MirrorPair;
import io.foldersync.camel.PairRoutes;
import io.foldersync.settings.RunSettings;
import io.foldersync.settings.SyncPair;
import io.foldersync.settings.SyncSettings;
import io.foldersync.verify.PairVerification;
import io.foldersync.observe.CycleStats;
import io.foldersync.camel.ApplyRouteQueue;
import io.foldersync.camel.CycleScheduler;
import io.foldersync.cycle.SyncCycle;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.main.SimpleMainShutdownStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the routes in Camel Main: as a daemon until SIGTERM or SIGINT, or for one cycle with --once (a prune pass
 * beside one poll of the sync route, then stop). Signals are taken over from the JVM so that a requested stop exits 0.
 */
final class MirrorProcess {

    private static final Logger LOG = LoggerFactory.getLogger("folder-sync");

    private final List<SyncPair> pairs;
    private final RunSettings run;
    private final Properties properties;
    private final Main main = new Main();
    private volatile int exitCode;

    private final StartRollback rollback;
    private final StopSignals stop;

    /**
     * @param rollback what to take back if the start fails, recorded before anything could be made
     * @param stop     the stop signals, taken over from the JVM before anything was read
     */
    MirrorProcess(List<SyncPair> pairs, RunSettings run, Properties properties, StartRollback rollback,
                  StopSignals stop) {
        this.stop = stop;
        this.pairs = pairs;
        this.run = run;
        this.properties = properties;
        this.rollback = rollback;
    }

    int run() {
        // every key as merged, weakest first: packaged defaults, --config file, environment, system properties,
        // arguments; so a camel.* key in the user's file (their routes folder, say) beats the packaged one
        Properties overrides = new Properties();
        properties.stringPropertyNames().forEach(key -> overrides.setProperty(key, properties.getProperty(key)));
        // The command line already merged environment and system properties below its arguments; Camel would
        // otherwise let both override everything, arguments included.
        overrides.setProperty("camel.component.properties.environment-variable-mode", "0");
        overrides.setProperty("camel.component.properties.system-properties-mode", "0");
        main.setOverrideProperties(overrides);
        main.setShutdownStrategy(new SimpleMainShutdownStrategy()); // no JVM hook: our signal handlers stop it
        stop.whenRequested(signal -> {
            LOG.info("SIG{} received: stopping", signal);
            main.completed(); // Camel's stop stops the copies in progress too
        });
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport started) {
                pairs.forEach(pair -> logStart(pair, run)); // only once started: a refused start logs nothing
            }
        });
        if (run.once()) {
            main.addMainListener(new OnceListener());
        }
        try {
            main.run();
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            System.err.println("folder-sync: cannot start: " + root.getMessage());
            rollback.undo();
            return FolderSync.USAGE_ERROR;
        }
        return exitCode;
    }

    private static void logStart(SyncPair pair, RunSettings run) {
        SyncSettings settings = pair.settings();
        LOG.atInfo().addKeyValue("pair", pair.name()).log("folder-sync pair {} mirroring {} -> {} every {} ms{}{}",
                pair.name(), settings.source(), settings.replica(), settings.interval().toMillis(),
                run.once() ? " (once)" : "", run.dryRun() ? " (dry run)" : "");
    }


    private static <T> T bean(CamelContext context, SyncPair pair, String bean, Class<T> type) {
        return context.getRegistry().lookupByNameAndType(MirrorPair.beanName(pair.name(), bean), type);
    }

    /**
     * After start, for every pair: one prune pass beside one poll of its sync route (the pairs' polls run together);
     * the exit code says whether everything synced.
     */
    private final class OnceListener extends MainListenerSupport {
        @Override
        public void afterStart(BaseMainSupport started) {
            CamelContext context = started.getCamelContext();
            try (ProducerTemplate template = context.createProducerTemplate()) {
                for (SyncPair pair : pairs) {
                    // the pass walks REPLICA while the cycle walks SOURCE: every change goes through one apply path
                    bean(context, pair, "syncCycle", SyncCycle.class).endsAfter(
                            template.asyncSendBody("direct:" + PairRoutes.routeId(pair.name(), "prune"), null));
                    bean(context, pair, "cycleScheduler", CycleScheduler.class).runNow();
                }
                boolean clean = true;
                for (SyncPair pair : pairs) {
                    CycleStats.Summary summary = awaitFirstCycle(bean(context, pair, "syncCycle", SyncCycle.class));
                    clean &= summary != null && summary.errors() == 0;
                }
                for (SyncPair pair : run.repair() && !stop.requested() ? pairs : List.<SyncPair>of()) {
                    clean &= bean(context, pair, "verification", PairVerification.class)
                            .repair(bean(context, pair, "repairs", ApplyRouteQueue.class)) == 0;
                }
                exitCode = clean ? 0 : 1;
                if (stop.requested()) {
                    LOG.warn("stopped before the cycle ended: REPLICA is not yet a full mirror");
                }
            } catch (Exception e) {
                LOG.error("the cycle failed", e);
                exitCode = 1;
            } finally {
                main.completed();
            }
        }
    }

    /** The cycle's summary, or null when a stop was asked for first: the stop then goes ahead at once. */
    private CycleStats.Summary awaitFirstCycle(SyncCycle cycle) throws InterruptedException {
        while (!stop.requested()) {
            CycleStats.Summary summary = cycle.awaitCycles(1, 100, TimeUnit.MILLISECONDS);
            if (summary != null) {
                return summary;
            }
        }
        return null;
    }
}
