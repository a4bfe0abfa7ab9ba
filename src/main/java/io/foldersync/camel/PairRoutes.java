package io.foldersync.camel;

import java.util.List;

import io.foldersync.settings.RunSettings;
import io.foldersync.settings.SyncPair;
import io.foldersync.settings.SyncSettings;
import org.apache.camel.builder.RouteBuilder;

/**
 * Makes each pair's routes from the route templates in {@code routes/} (sync, prune, and for a daemon prune-timer and,
 * when watching, watch), with route ids such as {@code docs-sync}. Camel Main collects it from the registry and adds
 * templated routes after every template has been loaded.
 */
public class PairRoutes extends RouteBuilder {

    private final List<SyncPair> pairs;
    private final RunSettings run;

    public PairRoutes(List<SyncPair> pairs, RunSettings run) {
        this.pairs = pairs;
        this.run = run;
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
            templatedRoute("sync").routeId(routeId(name, "sync")).parameter("pair", name)
                    .parameter("source", settings.source().toString())
                    .parameter("threads", String.valueOf(settings.threads()));
            templatedRoute("prune").routeId(routeId(name, "prune")).parameter("pair", name);
            if (!run.once()) { // one cycle needs no timer and no watch, and so loads and stops no Quartz
                templatedRoute("prune-timer").routeId(routeId(name, "prune-timer")).parameter("pair", name)
                        .parameter("pruneIntervalMs", String.valueOf(settings.pruneInterval().toMillis()));
            }
            if (!run.once() && settings.watch()) {
                templatedRoute("watch").routeId(routeId(name, "watch")).parameter("pair", name)
                        .parameter("source", settings.source().toString());
            }
        }
    }
}
