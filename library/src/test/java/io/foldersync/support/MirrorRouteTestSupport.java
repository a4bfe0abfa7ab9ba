package io.foldersync.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.foldersync.FolderSyncConfiguration;
import io.foldersync.camel.MirrorPair;
import io.foldersync.camel.FolderSyncRoutes;
import io.foldersync.camel.PairRoutes;
import io.foldersync.settings.SyncPairs;
import io.foldersync.observe.CycleStats;
import io.foldersync.camel.CycleScheduler;
import io.foldersync.cycle.SyncCycle;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;

/**
 * Runs the real YAML routes and beans on real temporary folders. Timers are off (sync.once=true), so each test drives
 * whole cycles with {@link #cycle()}: one prune, then one poll of the sync route, as --once does.
 */
public abstract class MirrorRouteTestSupport extends CamelTestSupport {

    // made here, not by @TempDir: Camel's test support configures the context from its constructor
    protected Path temp;
    protected Path source;
    protected Path replica;
    private final java.util.Map<String, Long> cyclesRun = new java.util.HashMap<>();

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        try {
            temp = Files.createTempDirectory("folder-sync-test");
            source = Files.createDirectories(temp.resolve("source"));
            replica = temp.resolve("replica");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Properties properties = new Properties();
        properties.setProperty("sync.source", source.toString());
        properties.setProperty("sync.replica", replica.toString());
        properties.setProperty("sync.state-dir", temp.resolve("state").toString());
        properties.setProperty("sync.interval", "1h");
        properties.setProperty("sync.once", "true");
        properties.setProperty("sync.dry-run", String.valueOf(dryRun()));
        extraProperties(properties);
        configuration.withUseOverridePropertiesWithPropertiesComponent(properties).withShutdownTimeout(5);
    }

    /** Camel's own teardown runs after this, so the routes are stopped here before their folders go. */
    @AfterEach
    void deleteTemp() throws java.io.IOException {
        context.stop();
        Trees.makeWritable(temp);
        Trees.deleteTree(temp);
    }

    protected boolean dryRun() {
        return false;
    }

    protected void extraProperties(Properties properties) {
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() throws Exception {
        new FolderSyncConfiguration().configure(context);
        return new RoutesBuilder[] {FolderSyncRoutes.of(context)};
    }

    /** One of the test pair's beans, by its name without the pair ("syncCycle"). */
    protected <T> T bean(String name, Class<T> type) {
        return bean(pair(), name, type);
    }

    protected <T> T bean(String pair, String name, Class<T> type) {
        return context.getRegistry().lookupByNameAndType(MirrorPair.beanName(pair, name), type);
    }

    /** The name of the pair under test: the one pair of sync.source and sync.replica. */
    protected String pair() {
        return SyncPairs.DEFAULT;
    }

    /** One full cycle, as --once runs it: prune REPLICA, then one poll of SOURCE. */
    protected CycleStats.Summary cycle() throws Exception {
        return cycle(pair());
    }

    /** One full cycle of the named pair. */
    protected CycleStats.Summary cycle(String pair) throws Exception {
        CapturedLog.clear();
        template.sendBody("direct:" + PairRoutes.routeId(pair, "prune"), null);
        SyncCycle sync = bean(pair, "syncCycle", SyncCycle.class);
        long expected = cyclesRun.merge(pair, 1L, Long::sum);
        bean(pair, "cycleScheduler", CycleScheduler.class).runNow();
        CycleStats.Summary summary = sync.awaitCycles(expected, 60, TimeUnit.SECONDS);
        if (summary == null) {
            throw new AssertionError("the sync cycle of " + pair + " did not complete in 60 s");
        }
        return summary;
    }

    /** The action lines logged by the last cycle, such as "COPY a/b.txt 4 bytes". */
    protected static List<String> actions() {
        return CapturedLog.lines().stream().filter(line -> line.startsWith("INFO "))
                .map(line -> line.substring(5)).toList();
    }
}
