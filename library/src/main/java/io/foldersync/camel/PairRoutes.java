package io.foldersync.camel;

import java.util.List;

import io.foldersync.settings.RunSettings;
import io.foldersync.settings.SyncPair;
import io.foldersync.settings.SyncSettings;
import org.apache.camel.builder.RouteBuilder;

/**
 * Makes each pair's routes from the route templates in {@code routes/} (apply, sync, prune, and for a daemon
 * prune-timer and, when watching, watch), with route ids such as {@code docs-sync}. Camel Main collects it from the
 * registry and adds templated routes after every template has been loaded.
 */
public class PairRoutes extends RouteBuilder {

    /** The name it is bound under in Camel's registry, where Camel Main collects it. */
    public static final String BEAN = "folderSyncPairRoutes";

    private final List<SyncPair> pairs;
    private final RunSettings run;
    private final boolean clustered;

    /** @param clustered the routes start only when this instance leads their pair, not with Camel */
    public PairRoutes(List<SyncPair> pairs, RunSettings run, boolean clustered) {
        this.pairs = pairs;
        this.run = run;
        this.clustered = clustered;
    }

    /**
     * The routes a pair's leader starts, in order: the apply route first, which every other feeds (the watch route is
     * its SourceWatch's to start).
     */
    static List<String> leaderRoutes(String pair, RunSettings run) {
        return run.once() ? List.of(routeId(pair, "apply"), routeId(pair, "prune"), routeId(pair, "sync"))
                : List.of(routeId(pair, "apply"), routeId(pair, "prune"), routeId(pair, "sync"),
                routeId(pair, "prune-timer"));
    }

    /** The id of a pair's route made from the named template. */
    public static String routeId(String pair, String template) {
        return pair + "-" + template;
    }

    @Override
    public void configure() {
        for (SyncPair pair : pairs) {
            String name = pair.name();
            SyncSettings settings = pair.settings();
            String autoStartup = String.valueOf(!clustered);
            templatedRoute("apply").routeId(routeId(name, "apply")).parameter("pair", name)
                    .parameter("threads", String.valueOf(settings.threads())).parameter("autoStartup", autoStartup);
            templatedRoute("sync").routeId(routeId(name, "sync")).parameter("pair", name)
                    .parameter("source", settings.source().toString()).parameter("autoStartup", autoStartup);
            templatedRoute("prune").routeId(routeId(name, "prune")).parameter("pair", name)
                    .parameter("autoStartup", autoStartup);
            if (!run.once()) { // one cycle needs no timer and no watch, and so loads and stops no Quartz
                templatedRoute("prune-timer").routeId(routeId(name, "prune-timer")).parameter("pair", name)
                        .parameter("pruneIntervalMs", String.valueOf(settings.pruneInterval().toMillis()))
                        .parameter("autoStartup", autoStartup);
            }
            if (!run.once() && settings.watch()) {
                long window = settings.watchWindow().toMillis();
                templatedRoute("watch").routeId(routeId(name, "watch")).parameter("pair", name)
                        .parameter("source", settings.source().toString())
                        .parameter("windowMs", String.valueOf(Math.max(1, window)))
                        .parameter("checkMs", String.valueOf(Math.max(5, Math.min(100, window / 10))));
            }
        }
    }
}
