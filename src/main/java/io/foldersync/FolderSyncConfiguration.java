package io.foldersync;

import java.util.ArrayList;
import java.util.List;

import io.foldersync.observe.LogSetup;
import io.foldersync.replica.ExhaustedCopies;
import io.foldersync.source.CycleScheduler;
import io.foldersync.source.NoInProgressTracking;
import io.foldersync.source.OverflowRescan;
import io.foldersync.source.SourceFileComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelConfiguration;
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
        List<SyncPair> pairs = SyncPairs.from(key -> properties.resolveProperty(key).orElse(null));
        SyncSettings shared = pairs.get(0).settings(); // the process-wide settings are the same in every pair
        LogSetup.adopt(shared, key -> properties.resolveProperty(key).orElse(null));
        warnOfANarrowFileNameEncoding();
        properties.addOverrideProperty("sync.retries", String.valueOf(shared.retries()));
        properties.addOverrideProperty("sync.retry-delay-ms", String.valueOf(shared.retryDelay().toMillis()));

        ExhaustedCopies exhausted = new ExhaustedCopies();
        List<CycleScheduler> watched = new ArrayList<>();
        for (SyncPair pair : pairs) {
            MirrorPair mirror = MirrorPair.wire(context, pair);
            exhausted.add(PairRoutes.routeId(pair.name(), "sync"), mirror.writer());
            if (pair.settings().watch() && !pair.settings().once()) {
                watched.add(mirror.scheduler());
            }
        }
        Registry registry = context.getRegistry();
        registry.bind("exhaustedCopies", exhausted);
        registry.bind("noInProgressTracking", new NoInProgressTracking());
        registry.bind("folderSyncPairRoutes", new PairRoutes(pairs));
        context.addComponent("file", new SourceFileComponent());
        if (!watched.isEmpty()) {
            try {
                context.addService(new OverflowRescan(watched), true, true);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start: " + e.getMessage(), e);
            }
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
