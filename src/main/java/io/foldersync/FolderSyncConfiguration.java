package io.foldersync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import io.foldersync.index.Md5IndexRepository;
import io.foldersync.observe.ActionLog;
import io.foldersync.observe.CycleStats;
import io.foldersync.replica.ReplicaPruner;
import io.foldersync.replica.ReplicaTree;
import io.foldersync.replica.ReplicaWriter;
import io.foldersync.source.ChangeCoalescer;
import io.foldersync.source.CycleScheduler;
import io.foldersync.source.EventMirror;
import io.foldersync.source.NoInProgressTracking;
import io.foldersync.source.OverflowRescan;
import io.foldersync.source.SourceFileComponent;
import io.foldersync.source.SourceRoot;
import io.foldersync.source.SourceScan;
import io.foldersync.source.SourceScanFilter;
import io.foldersync.source.SyncCycle;
import io.foldersync.source.WatchStarter;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;

/**
 * Wires the beans the routes in {@code routes/} call, from the {@code sync.*} properties. Any Camel Main picks it up
 * through {@code camel.main.configuration-classes}, so the routes run the same with or without our command line.
 */
public class FolderSyncConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        SyncSettings settings = SyncSettings.from(key -> properties.resolveProperty(key).orElse(null));
        createReplica(settings);
        exposeDerivedProperties(properties, settings);

        CycleStats stats = new CycleStats();
        ActionLog log = new ActionLog(stats, settings.dryRun());
        Md5IndexRepository index = new Md5IndexRepository(settings.dryRun() ? null : settings.stateDir());
        SourceRoot source = new SourceRoot(settings.source(), log);
        SourceScan scan = new SourceScan();
        ReplicaTree replica = new ReplicaTree(settings.replica(), log);
        ReplicaWriter writer = new ReplicaWriter(settings.source(), replica, index, log, stats, settings.dryRun());

        ReplicaPruner pruner = new ReplicaPruner(source, replica, index, log, stats, settings.dryRun(),
                settings.allowEmptySource(), settings.maxDelete());
        CycleScheduler scheduler = new CycleScheduler(settings.interval(), !settings.once());

        Registry registry = context.getRegistry();
        registry.bind("md5Index", index);
        registry.bind("cycleStats", stats);
        registry.bind("replicaWriter", writer);
        registry.bind("replicaPruner", pruner);
        registry.bind("sourceScanFilter", new SourceScanFilter(settings.source(), settings.replica(), index, scan,
                log, stats));
        registry.bind("noInProgressTracking", new NoInProgressTracking());
        registry.bind("syncCycle", new SyncCycle(source, replica, scan, writer, index, log, stats,
                settings.dryRun()));
        registry.bind("cycleScheduler", scheduler);
        ChangeCoalescer coalescer = new ChangeCoalescer(settings.source(),
                new EventMirror(settings.source(), writer, pruner, log), settings.watchWindow(), settings.threads());
        registry.bind("changeCoalescer", coalescer);
        context.addComponent("file", new SourceFileComponent());
        try {
            context.addService(index, true, true);
            if (settings.watch() && !settings.once()) {
                context.addService(coalescer, true, true);
                context.addService(new OverflowRescan(scheduler), true, true);
                context.addStartupListener(new WatchStarter(settings.source()));
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot start: " + e.getMessage(), e);
        }
    }

    /** Values the routes need in a form Camel options take: milliseconds, and whether timers start by themselves. */
    private static void exposeDerivedProperties(PropertiesComponent properties, SyncSettings settings) {
        properties.addOverrideProperty("sync.source", settings.source().toString());
        properties.addOverrideProperty("sync.prune-interval-ms", String.valueOf(settings.pruneInterval().toMillis()));
        properties.addOverrideProperty("sync.autostart", String.valueOf(!settings.once()));
        properties.addOverrideProperty("sync.threads", String.valueOf(settings.threads()));
        properties.addOverrideProperty("sync.retries", String.valueOf(settings.retries()));
        properties.addOverrideProperty("sync.retry-delay-ms", String.valueOf(settings.retryDelay().toMillis()));
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
