package io.foldersync;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.foldersync.observe.CycleStats;
import io.foldersync.camel.CycleScheduler;
import io.foldersync.cycle.SyncCycle;
import io.foldersync.support.MirrorRouteTestSupport;
import io.foldersync.support.Trees;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.health.DefaultHealthCheckRegistry;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.Test;

import static io.foldersync.support.TreeAssert.assertMirror;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two pairs in one Camel context, each with its own routes, index, counters (JMX and Micrometer) and readiness check.
 */
class PairsTest extends MirrorRouteTestSupport {

    private final MeterRegistry meters = new SimpleMeterRegistry();

    @Override
    protected void extraProperties(Properties properties) {
        properties.setProperty("sync.pairs", "docs,photos");
        for (String pair : List.of("docs", "photos")) {
            properties.setProperty("sync.pair." + pair + ".source", temp.resolve(pair + "-source").toString());
            properties.setProperty("sync.pair." + pair + ".replica", temp.resolve(pair + "-replica").toString());
            try {
                Trees.write(temp, pair + "-source/" + pair + ".txt", "first " + pair);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        properties.setProperty("sync.pair.photos.max-delete", "1");
    }

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withEnableJMX();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        camel.getRegistry().bind("metricsRegistry", meters); // as camel.metrics.enabled does in Camel Main
        DefaultHealthCheckRegistry health = new DefaultHealthCheckRegistry(camel); // as camel-health does in Main
        health.setExposureLevel("full"); // every check's result, not only a summary
        camel.getCamelContextExtension().addContextPlugin(HealthCheckRegistry.class, health);
        return camel;
    }

    @Test
    void twoPairsSyncAtOnceEachWithItsOwnRoutesAndIndex() throws Exception {
        for (int i = 0; i < 200; i++) {
            Trees.write(temp, "docs-source/d/" + i + ".txt", "doc " + i);
            Trees.write(temp, "photos-source/p/" + i + ".jpg", "photo " + i);
        }
        template.sendBody("direct:docs-prune", null);
        template.sendBody("direct:photos-prune", null);
        bean("docs", "cycleScheduler", CycleScheduler.class).runNow();
        bean("photos", "cycleScheduler", CycleScheduler.class).runNow();
        CycleStats.Summary docs = bean("docs", "syncCycle", SyncCycle.class).awaitCycles(1, 60, TimeUnit.SECONDS);
        CycleStats.Summary photos = bean("photos", "syncCycle", SyncCycle.class).awaitCycles(1, 60, TimeUnit.SECONDS);

        assertEquals(201, docs.copied());
        assertEquals(201, photos.copied());
        assertMirror(temp.resolve("docs-source"), temp.resolve("docs-replica"));
        assertMirror(temp.resolve("photos-source"), temp.resolve("photos-replica"));
        for (String route : List.of("docs-sync", "docs-prune", "photos-sync", "photos-prune")) {
            assertNotNull(context.getRoute(route), route);
        }
        assertNull(context.getRoute("docs-prune-timer"), "one cycle at a time (as --once): no timer");
        assertNull(context.getRoute("docs-watch"), "and no watch");
        assertTrue(Files.isDirectory(temp.resolve("state/docs")), "docs keeps its index in a folder of its own");
        assertTrue(Files.isDirectory(temp.resolve("state/photos")), "so does photos");
    }

    @Test
    void aSettingGivenForOnePairAppliesToThatPairOnly() throws Exception {
        for (String pair : List.of("docs", "photos")) {
            Trees.write(temp, pair + "-source/a", "a");
            Trees.write(temp, pair + "-source/b", "b");
            cycle(pair);
            Files.delete(temp.resolve(pair + "-source/a"));
            Files.delete(temp.resolve(pair + "-source/b"));
        }

        assertEquals(2, cycle("docs").deleted());
        assertEquals(1, cycle("photos").errors(), "photos may delete at most 1 entry per pass");
        assertTrue(Files.exists(temp.resolve("photos-replica/a")), "held, not deleted");
    }

    @Test
    void jmxShowsEachPairsTotals() throws Exception {
        cycle("docs");
        cycle("photos");
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = server.queryNames(new ObjectName("io.foldersync:context="
                + ObjectName.quote(context.getName()) + ",type=SyncPair,*"), null);

        assertEquals(2, names.size(), names.toString());
        ObjectName docs = names.stream().filter(n -> "docs".equals(n.getKeyProperty("name"))).findFirst().orElseThrow();
        assertEquals(1L, server.getAttribute(docs, "FilesCopied"));
        assertEquals(1L, server.getAttribute(docs, "Cycles"));
        assertEquals(1L, server.getAttribute(docs, "IndexEntries"));
        assertEquals((long) "first docs".length(), server.getAttribute(docs, "BytesCopied"));
        ObjectName route = new ObjectName("org.apache.camel:context=" + context.getManagementName()
                + ",type=routes,name=\"docs-sync\"");
        assertEquals(2L, server.getAttribute(route, "ExchangesCompleted"),
                "Camel's own route counters: the one file, and REPLICA's root folder after it");
    }

    @Test
    void metersCountEachPairsActions() throws Exception {
        Trees.write(temp, "docs-source/second.txt", "second");
        cycle("docs");
        cycle("photos");

        assertEquals(2.0, meters.get("folder.sync.actions").tag("pair", "docs").tag("action", "COPY")
                .functionCounter().count());
        assertEquals(1.0, meters.get("folder.sync.actions").tag("pair", "photos").tag("action", "COPY")
                .functionCounter().count());
        assertEquals(("first docs" + "second").length(), meters.get("folder.sync.copied").tag("pair", "docs")
                .functionCounter().count());
        assertEquals(1, meters.get("folder.sync.cycle").tag("pair", "docs").functionTimer().count());
        assertEquals(2.0, meters.get("folder.sync.index.entries").tag("pair", "docs").gauge().value());
        assertEquals(0.0, meters.get("folder.sync.errors").tag("pair", "docs").functionCounter().count());
    }

    @Test
    void aPairIsReadyAfterAClearCycleAndNotWhileItsSourceIsMissing() throws Exception {
        assertEquals(HealthCheck.State.DOWN, readiness("docs").getState(), "not ready before the first cycle");
        cycle("docs");
        assertEquals(HealthCheck.State.UP, readiness("docs").getState());

        Path moved = Files.move(temp.resolve("docs-source"), temp.resolve("docs-away"));
        HealthCheck.Result missing = readiness("docs");
        assertEquals(HealthCheck.State.DOWN, missing.getState());
        assertTrue(missing.getMessage().orElse("").contains("SOURCE is missing"), missing.getMessage().toString());
        assertEquals(HealthCheck.State.DOWN, readiness("photos").getState(), "photos has had no cycle yet");

        Files.move(moved, temp.resolve("docs-source"));
        cycle("docs");
        assertEquals(HealthCheck.State.UP, readiness("docs").getState());
    }

    private HealthCheck.Result readiness(String pair) {
        Collection<HealthCheck.Result> results = HealthCheckHelper.invokeReadiness(context);
        return results.stream().filter(r -> r.getCheck().getId().equals("folder-sync-" + pair)).findFirst()
                .orElseThrow(() -> new AssertionError("no readiness check for " + pair + " in " + results));
    }
}
