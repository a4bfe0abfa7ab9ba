package io.foldersync.watch;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.foldersync.observe.LogText;
import io.foldersync.source.SourceRoot;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a pair's watch route on SOURCE, and the periodic cycles in step with it. Once Camel is up it installs the
 * watch, then lets the first cycle walk SOURCE, so nothing changed between the two is missed. A watch belongs to the
 * folder it was installed on: when SOURCE is deleted and made again, it says so and installs a new watch, followed by
 * a cycle. When SOURCE cannot be watched (too few inotify watches left), one WARN says why and the cycles carry on
 * alone.
 */
public class SourceWatch extends ServiceSupport implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger("folder-sync");
    /** How often the identity of SOURCE is checked: one stat, so a re-created SOURCE is watched again within this. */
    private static final long CHECK_MILLIS = 250;

    private final String pair;
    private final Path source;
    private final String routeId;
    /** Starts the periodic cycles, the first at once. */
    private final Runnable beginCycles;
    /** Asks for a cycle now. */
    private final Runnable rescan;
    /** Hears the identity of each SOURCE folder the watch is installed on, and how to ask whether it still is. */
    private final BiConsumer<Object, BooleanSupplier> installedOn;
    private CamelContext context;
    private ScheduledExecutorService checker;
    /** The SOURCE folder the watch was installed on (its device and inode), null while none is. */
    private volatile Object watched;
    /**
     * A watch of SOURCE's root alone, which the kernel cancels when that folder is deleted: a folder made again at
     * once may get the same inode number, so comparing identities cannot tell alone.
     */
    private WatchService rootWatch;
    private WatchKey rootKey;
    /** Whether the operator was told that SOURCE is gone, once per absence. */
    private boolean goneSaid;

    public SourceWatch(String pair, Path source, String routeId, Runnable beginCycles, Runnable rescan,
                       BiConsumer<Object, BooleanSupplier> installedOn) {
        this.installedOn = installedOn;
        this.pair = pair;
        this.source = source;
        this.routeId = routeId;
        this.beginCycles = beginCycles;
        this.rescan = rescan;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // waits for onCamelContextFullyStarted: the routes must exist
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext camelContext, boolean alreadyStarted) {
        begin(camelContext);
    }

    /** Installs the watch, then begins the periodic cycles: at start, or when this instance comes to lead the pair. */
    public void begin(CamelContext camelContext) {
        this.context = camelContext;
        checker = camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, routeId);
        checker.execute(() -> {
            if (install()) {
                LOG.atInfo().addKeyValue("pair", pair).log("watching {} for changes",
                        LogText.escape(source.toString()));
            }
            beginCycles.run();
            checker.scheduleWithFixedDelay(this::checkIdentity, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
        });
    }

    private void checkIdentity() {
        if (rootKey != null && !rootKey.isValid()) {
            watched = null; // SOURCE was deleted: whatever is there now is a new folder
        }
        Object now = identity();
        if (now == null && !goneSaid) {
            goneSaid = true;
            LOG.atWarn().addKeyValue("pair", pair).log("SOURCE {} is gone (moved away, deleted or unmounted): nothing "
                    + "is synced or deleted in REPLICA until it is back", LogText.escape(source.toString()));
        } else if (now != null && goneSaid) {
            goneSaid = false;
            LOG.atInfo().addKeyValue("pair", pair).log("SOURCE {} is back", LogText.escape(source.toString()));
            if (now.equals(watched)) {
                rescan.run(); // moved back: what changed meanwhile came as events on paths that were missing
            }
        }
        if (now != null && !now.equals(watched)) {
            LOG.atWarn().addKeyValue("pair", pair).log("SOURCE {} was deleted and made again: watching the new folder "
                    + "for changes", LogText.escape(source.toString()));
            if (install()) {
                rescan.run(); // walks what was made in it before the new watch
            }
        }
    }

    /** (Re)starts the watch route; true when it now watches SOURCE. */
    private boolean install() {
        Object before = identity();
        if (before == null) {
            watched = null; // SOURCE went again meanwhile: the cycle reports it, and its return is watched
            return false;
        }
        try {
            String problem = InotifyBudget.problem(source);
            if (problem != null) {
                LOG.atWarn().addKeyValue("pair", pair).log("not watching SOURCE for changes: {}; the periodic cycle "
                        + "carries on alone", problem);
                watched = before; // not tried again until SOURCE changes
                return false;
            }
            context.getRouteController().stopRoute(routeId);
            watchRoot();
            watched = before;
            WatchKey key = rootKey;
            // before the route starts: every event it sees is marked as the new folder's, none seen before as such
            installedOn.accept(before, key::isValid);
            context.getRouteController().startRoute(routeId);
            return true;
        } catch (Exception e) {
            watched = before;
            LOG.atWarn().addKeyValue("pair", pair).log("not watching SOURCE for changes ({}); the periodic cycle "
                    + "carries on alone", e.toString());
            return false;
        }
    }

    private void watchRoot() throws IOException {
        if (rootWatch == null) {
            rootWatch = source.getFileSystem().newWatchService();
        }
        if (rootKey != null) {
            rootKey.cancel();
        }
        rootKey = source.register(rootWatch, StandardWatchEventKinds.ENTRY_DELETE);
    }

    /** SOURCE's device and inode, or null while it is missing. */
    private Object identity() {
        return SourceRoot.identity(source);
    }

    @Override
    protected void doStop() throws Exception {
        if (context != null) {
            context.getRouteController().stopRoute(routeId);
        }
        if (checker != null) {
            context.getExecutorServiceManager().shutdownNow(checker);
            checker = null;
        }
        if (rootWatch != null) {
            rootWatch.close();
            rootWatch = null;
            rootKey = null;
        }
    }
}
