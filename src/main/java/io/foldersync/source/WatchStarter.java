package io.foldersync.source;

import java.nio.file.Path;

import io.foldersync.observe.LogText;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the watch route once Camel is up, unless SOURCE cannot be watched: then one WARN says why, and the periodic
 * cycle carries on alone. The process never fails for want of events.
 */
public class WatchStarter implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger("folder-sync");

    private final Path source;
    private final String routeId;

    public WatchStarter(Path source, String routeId) {
        this.source = source;
        this.routeId = routeId;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // waits for onCamelContextFullyStarted
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        Thread starter = new Thread(() -> start(context), routeId + "-starter");
        starter.setDaemon(true);
        starter.start();
    }

    private void start(CamelContext context) {
        try {
            String problem = InotifyBudget.problem(source);
            if (problem != null) {
                LOG.warn("not watching SOURCE for changes: {}; the periodic cycle carries on alone", problem);
                return;
            }
            context.getRouteController().startRoute(routeId);
            LOG.info("watching {} for changes", LogText.escape(source.toString()));
        } catch (Exception e) {
            LOG.warn("not watching SOURCE for changes ({}); the periodic cycle carries on alone", e.toString());
        }
    }
}
