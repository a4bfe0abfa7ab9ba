package io.foldersync.observe;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one pair's {@link SyncCounters}: as an MBean ({@code io.foldersync:context=...,type=SyncPair,name=PAIR})
 * unless {@code camel.main.jmx-enabled} is false (Camel Main's switch, which a one-shot run turns off), and, when
 * Camel has a Micrometer registry ({@code camel.metrics.enabled}), as {@code folder_sync_*} meters tagged with the
 * pair, which {@code /observe/metrics} serves to Prometheus. The meters read the counters when scraped.
 */
public class SyncMetrics extends ServiceSupport implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger("folder-sync");
    /** The name under which a runtime binds the meter registry the folder_sync_* meters belong in. */
    public static final String REGISTRY = "folderSyncMeterRegistry";

    private final String pair;
    private final SyncCounters counters;
    private final CamelContext context;
    private ObjectName jmxName;
    private boolean bound;

    public SyncMetrics(String pair, SyncCounters counters, CamelContext context) {
        this.pair = pair;
        this.counters = counters;
        this.context = context;
    }

    @Override
    protected void doStart() {
        if (!jmxEnabled()) {
            return;
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            ObjectName name = new ObjectName("io.foldersync:context=" + ObjectName.quote(context.getName())
                    + ",type=SyncPair,name=" + pair);
            server.registerMBean(counters, name);
            jmxName = name;
        } catch (JMException e) {
            LOG.warn("pair {}: counters not shown in JMX: {}", pair, e.toString());
        }
    }

    /**
     * Whether Camel Main's JMX switch is on, as it is unless turned off: our command line turns it off for a one-shot
     * run, which exits after its summary, and for which the MBean would start the platform MBean server (0.17 s of
     * CPU).
     */
    private boolean jmxEnabled() {
        return Stream.of("camel.main.jmx-enabled", "camel.main.jmxEnabled")
                .map(key -> context.getPropertiesComponent().resolveProperty(key))
                .flatMap(Optional::stream)
                .noneMatch(value -> value.trim().equalsIgnoreCase("false"));
    }

    @Override
    protected void doStop() {
        if (jmxName != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(jmxName);
            } catch (JMException ignored) {
                // already gone
            }
            jmxName = null;
        }
    }

    /**
     * Camel creates its meter registry while it starts, after our beans: the meters are bound once it is up, to the
     * registry bound as {@value #REGISTRY} (a runtime with several names the one its endpoint serves), else to the one
     * registry there is.
     */
    @Override
    public synchronized void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
        MeterRegistry registry = started.getRegistry().lookupByNameAndType(REGISTRY, MeterRegistry.class);
        if (registry == null) {
            registry = started.getRegistry().findSingleByType(MeterRegistry.class);
        }
        if (registry != null && !bound) {
            bind(registry);
            bound = true;
        }
    }

    private void bind(MeterRegistry registry) {
        List<Tag> tags = List.of(Tag.of("pair", pair));
        for (Action action : Action.values()) {
            FunctionCounter.builder("folder.sync.actions", counters, c -> c.actions(action)).tags(tags)
                    .tag("action", action.name())
                    .description("Actions taken on REPLICA and in its versions folder, by kind")
                    .register(registry);
        }
        counter(registry, "folder.sync.copied", "bytes", "Bytes copied into REPLICA", SyncCounters::getBytesCopied);
        counter(registry, "folder.sync.hashed", "bytes", "Bytes of SOURCE read to compute MD5s",
                SyncCounters::getBytesHashed);
        counter(registry, "folder.sync.errors", null, "Entries that failed to sync", SyncCounters::getErrors);
        FunctionTimer.builder("folder.sync.cycle", counters, SyncCounters::getCycles,
                        SyncCounters::cycleMillisTotal, TimeUnit.MILLISECONDS).tags(tags)
                .description("Completed sync cycles and their time").register(registry);
        FunctionTimer.builder("folder.sync.event.lag", counters, SyncCounters::getEventsMirrored,
                        SyncCounters::eventLagNanosTotal, TimeUnit.NANOSECONDS).tags(tags)
                .description("From a file event to its change being in REPLICA").register(registry);
        gauge(registry, "folder.sync.last.cycle.duration", "seconds", "Duration of the last completed cycle",
                c -> c.getLastCycleDurationMillis() / 1000.0);
        gauge(registry, "folder.sync.last.cycle.errors", null, "Errors in the last completed cycle",
                SyncCounters::getLastCycleErrors);
        gauge(registry, "folder.sync.index.entries", null, "Files in the MD5 index",
                SyncCounters::getIndexEntries);
        gauge(registry, "folder.sync.leader", null, "1 while this instance runs the pair (leads it, with a cluster)",
                c -> c.isLeader() ? 1 : 0);
    }

    private void counter(MeterRegistry registry, String name, String unit, String description,
                         ToDoubleFunction<SyncCounters> value) {
        FunctionCounter.builder(name, counters, value).baseUnit(unit).tag("pair", pair).description(description)
                .register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String unit, String description,
                       ToDoubleFunction<SyncCounters> value) {
        Gauge.builder(name, counters, value).baseUnit(unit).tag("pair", pair).description(description)
                .register(registry);
    }
}
