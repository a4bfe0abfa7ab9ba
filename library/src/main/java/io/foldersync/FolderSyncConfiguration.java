package io.foldersync;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.foldersync.camel.ExhaustedChanges;
import io.foldersync.camel.MirrorPair;
import io.foldersync.camel.PairRoutes;
import io.foldersync.settings.Fidelity;
import io.foldersync.settings.RunSettings;
import io.foldersync.settings.SyncPair;
import io.foldersync.settings.SyncPairs;
import io.foldersync.watch.OverflowRescan;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the beans the routes in {@code routes/} call, one set per pair, from the {@code sync.*} properties, and makes
 * each pair's routes from the templates there. Any Camel Main picks it up through
 * {@code camel.main.configuration-classes}, so the routes run the same with or without our command line.
 */
public class FolderSyncConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger("folder-sync");

    @Override
    public void configure(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        Function<String, String> lookup = key -> properties.resolveProperty(key).orElse(null);
        RunSettings run = RunSettings.from(lookup);
        List<SyncPair> pairs = SyncPairs.from(lookup, run);
        warnOfANarrowFileNameEncoding();
        if (!Fidelity.mayChangeOwners() && !"false".equals(lookup.apply("sync.owner"))) {
            LOG.info("owners and groups are not mirrored: this process may not change them (it would need root or "
                    + "CAP_CHOWN); set sync.owner=false to say so and silence this line");
        }
        properties.addOverrideProperty("sync.retries", String.valueOf(run.retries()));
        properties.addOverrideProperty("sync.retry-delay-ms", String.valueOf(run.retryDelay().toMillis()));

        CamelClusterService cluster = run.once() || run.dryRun() ? null : clusterService(context);
        ExhaustedChanges exhausted = new ExhaustedChanges();
        List<Runnable> rescans = new ArrayList<>();
        for (SyncPair pair : pairs) {
            MirrorPair mirror = MirrorPair.wire(context, pair, run, cluster);
            exhausted.add(PairRoutes.routeId(pair.name(), "apply"), mirror.applier());
            if (pair.settings().watch() && !run.once()) {
                rescans.add(mirror.scheduler()::runNow);
            }
        }
        Registry registry = context.getRegistry();
        registry.bind("exhaustedChanges", exhausted);
        registry.bind(PairRoutes.BEAN, new PairRoutes(pairs, run, cluster != null));
        if (!rescans.isEmpty()) {
            try {
                context.addService(new OverflowRescan(rescans), true, true);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start: " + e.getMessage(), e);
            }
        }
    }

    /**
     * The Camel cluster service the platform configured (camel.beans.cluster=#class:...), if any: a context service,
     * or a bean, which is then added to the context so that Camel starts and stops it.
     */
    private static CamelClusterService clusterService(CamelContext context) {
        CamelClusterService service = context.hasService(CamelClusterService.class);
        if (service != null) {
            return service;
        }
        service = context.getRegistry().findSingleByType(CamelClusterService.class);
        if (service != null) {
            if (service.getId() == null) { // the member's name among the instances: unique, and readable in logs
                service.setId(ProcessHandle.current().pid() + "@" + hostName());
            }
            try {
                context.addService(service, true, true);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the cluster service: " + e.getMessage(), e);
            }
            LOG.info("pairs run where they lead: cluster service {}", service.getId());
        }
        return service;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException unknown) {
            return "localhost";
        }
    }

    /** Java decodes file names with the locale's encoding, fixed at start: without UTF-8, accented names are lost. */
    private static void warnOfANarrowFileNameEncoding() {
        String encoding = System.getProperty("sun.jnu.encoding", "UTF-8");
        if (!encoding.equalsIgnoreCase("UTF-8")) {
            LOG.warn("file names are decoded as {}, not UTF-8: names outside it cannot be synced; run folder-sync "
                    + "with a UTF-8 locale (LANG=C.UTF-8)", encoding);
        }
    }
}
