package io.foldersync.camel;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.foldersync.observe.SyncCounters;
import io.foldersync.replica.ContentTransfer;
import io.foldersync.watch.SourceWatch;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Service;
import org.apache.camel.StartupListener;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With a Camel cluster service configured, a pair runs only on the instance that leads its namespace
 * ({@code folder-sync-NAME}): on gaining leadership it takes the REPLICA lock, loads the index, starts the services
 * that act on REPLICA and the pair's routes, and installs the watch; on losing it, it stops copies at their next
 * buffer and undoes all of that, so a standby holds nothing open on REPLICA. Changes of leadership are handled in
 * order, on one Camel thread of the pair's.
 */
public class PairLeadership extends ServiceSupport implements CamelClusterEventListener.Leadership, StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger("folder-sync");
    private static final long RECHECK_SECONDS = 1;
    /** A healthy cluster answers in milliseconds; one that takes longer cannot be relied on to still name us. */
    private static final long ANSWER_MILLIS = 1_000;

    private final CamelContext context;
    private final CamelClusterService cluster;
    private final String pair;
    private final List<Service> services;
    private final List<String> routes;
    private final SourceWatch watch;
    private final ContentTransfer transfer;
    private final SyncCounters counters;
    private final Supplier<AutoCloseable> replicaLock;
    private ScheduledExecutorService changes;
    /** Questions to the cluster, apart from the changes: a cluster that cannot be reached may not answer for long. */
    private ExecutorService questions;
    private Future<Boolean> question;
    private CamelClusterView view;
    private AutoCloseable heldLock;
    private volatile boolean chosen;
    /** Leadership is acted on only once Camel is fully started: the routes must exist to be started. */
    private volatile boolean contextStarted;
    private boolean leading;
    /** Whether the wait for the previous leader to let go was already said. */
    private boolean waited;

    /**
     * @param services    started in this order on gaining leadership, stopped in reverse on losing it
     * @param routes      the pair's routes, started in this order
     * @param watch       installed once the routes run; null when the pair does not watch
     * @param replicaLock takes the lock that keeps one writer per REPLICA on this host
     */
    public PairLeadership(CamelContext context, CamelClusterService cluster, String pair, List<Service> services,
                          List<String> routes, SourceWatch watch, ContentTransfer transfer, SyncCounters counters,
                          Supplier<AutoCloseable> replicaLock) {
        this.context = context;
        this.cluster = cluster;
        this.pair = pair;
        this.services = List.copyOf(services);
        this.routes = List.copyOf(routes);
        this.watch = watch;
        this.transfer = transfer;
        this.counters = counters;
        this.replicaLock = replicaLock;
    }

    /** The cluster namespace whose leader runs a pair. */
    public static String namespace(String pair) {
        return "folder-sync-" + pair;
    }

    @Override
    protected void doStart() throws Exception {
        changes = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, pair + "-leadership");
        questions = context.getExecutorServiceManager().newSingleThreadExecutor(this, pair + "-leadership-check");
        view = cluster.getView(namespace(pair));
        view.addEventListener(this);
        changes.scheduleWithFixedDelay(this::recheck, RECHECK_SECONDS, RECHECK_SECONDS, TimeUnit.SECONDS);
        sayStandingBy();
    }

    private void sayStandingBy() {
        LOG.atInfo().addKeyValue("pair", pair).log("LEADER pair={} standing by for leadership of {}", pair,
                namespace(pair));
    }

    @Override
    protected void doStop() throws Exception {
        if (view != null) {
            view.removeEventListener(this);
        }
        if (changes != null) {
            chosen = false;
            changes.execute(this::settle);
            context.getExecutorServiceManager().shutdownGraceful(changes);
            changes = null;
        }
        if (questions != null) {
            context.getExecutorServiceManager().shutdownNow(questions);
            questions = null;
        }
    }

    @Override
    public void onCamelContextStarted(CamelContext camelContext, boolean alreadyStarted) {
        // waits for onCamelContextFullyStarted
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext camelContext, boolean alreadyStarted) {
        contextStarted = true;
        soon(this::settle);
    }

    @Override
    public void leadershipChanged(CamelClusterView changed, CamelClusterMember leader) {
        chosen = leader != null && leader.isLocal();
        soon(this::settle);
    }

    /**
     * A leader asks the cluster every second whether it still leads, and stands down when it cannot be sure: an event
     * saying it lost can come late or never (Camel's ZooKeeper view fires none after a pause past the session timeout,
     * and none until its retries are spent when the server cannot be reached).
     */
    private void recheck() {
        if (leading && !askWhetherThisInstanceLeads().orElse(false)) {
            chosen = false;
            settle();
        }
    }

    /**
     * Whether this instance leads, in the local member's and the cluster's own word; empty when the cluster gives no
     * answer within {@link #ANSWER_MILLIS}, as when it cannot be reached: its client retries for many seconds.
     */
    private Optional<Boolean> askWhetherThisInstanceLeads() {
        if (question == null || question.isDone()) {
            question = questions.submit(() -> view.getLocalMember().isLeader()
                    && view.getLeader().map(CamelClusterMember::isLocal).orElse(false));
        }
        try {
            return Optional.of(question.get(ANSWER_MILLIS, TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException noAnswer) {
            if (leading) {
                LOG.atWarn().addKeyValue("pair", pair).log("LEADER pair={} has no answer from the cluster ({}); "
                        + "standing down", pair, noAnswer instanceof TimeoutException
                        ? "none within " + ANSWER_MILLIS + " ms" : noAnswer.getCause().toString());
            }
            return Optional.empty();
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Brings this instance in line with the last word of the cluster: leading, or standing by. */
    private void settle() {
        if (!contextStarted) {
            return;
        }
        if (chosen && !leading) {
            gain();
        } else if (!chosen && leading) {
            lose();
        }
    }

    /**
     * Takes over the pair. The locks on REPLICA and on the state folder are the fence: a leader that was paused or cut
     * off and has not yet heard that it lost still holds them, and until it lets go this instance waits, trying again
     * every second, so two instances never write at once.
     */
    private void gain() {
        try {
            heldLock = replicaLock.get();
            transfer.resume();
            for (Service service : services) {
                service.start();
            }
            for (String route : routes) {
                context.getRouteController().startRoute(route);
            }
            // the first prune at once: it deletes what a leader killed mid-copy left behind (a temporary file)
            try (ProducerTemplate prune = context.createProducerTemplate()) {
                prune.sendBody("direct:" + PairRoutes.routeId(pair, "prune"), null);
            }
            if (watch != null) {
                watch.start();
                watch.begin(context);
            }
            leading = true;
            counters.leading(true);
            waited = false;
            LOG.atInfo().addKeyValue("pair", pair).log("LEADER pair={} gained", pair);
        } catch (Exception e) {
            if (!waited) {
                LOG.atWarn().addKeyValue("pair", pair).log("LEADER pair={} chosen, but cannot take over yet ({}); "
                        + "trying again every second", pair, e.toString());
                waited = true;
            }
            undo();
            inASecond(this::settle);
        }
    }

    /** Said once everything is stopped and both locks are given back: nothing is written here after this line. */
    private void lose() {
        leading = false;
        counters.leading(false);
        undo();
        LOG.atInfo().addKeyValue("pair", pair).log("LEADER pair={} lost", pair);
        rejoin();
    }

    /**
     * Queues this instance for leadership again. Camel's ZooKeeper view leaves a member that lost leadership out of
     * the election for good (its Curator selector does not requeue itself), so after a partition the instance would
     * never lead again; restarting the view, the cluster service's own way, requeues it. While the cluster cannot be
     * reached, this is tried again every second.
     */
    private void rejoin() {
        if (leading || !isRunAllowed()) {
            return;
        }
        if (askWhetherThisInstanceLeads().isPresent() && restartView()) {
            sayStandingBy();
        } else {
            inASecond(this::rejoin);
        }
    }

    private boolean restartView() {
        try {
            cluster.stopView(namespace(pair));
            cluster.startView(namespace(pair));
            return true;
        } catch (Exception notYet) {
            return false;
        }
    }

    private void soon(Runnable change) {
        ExecutorService executor = changes;
        if (executor != null && !executor.isShutdown()) {
            executor.execute(change);
        }
    }

    private void inASecond(Runnable change) {
        ScheduledExecutorService executor = changes;
        if (executor != null && !executor.isShutdown()) {
            executor.schedule(change, 1, TimeUnit.SECONDS);
        }
    }

    /** Everything a leader runs, stopped: copies first, at their next buffer, so no temporary file outlives them. */
    private void undo() {
        transfer.stop();
        try {
            if (watch != null) {
                watch.stop();
            }
            for (int i = routes.size() - 1; i >= 0; i--) {
                context.getRouteController().stopRoute(routes.get(i));
            }
            for (int i = services.size() - 1; i >= 0; i--) {
                services.get(i).stop();
            }
            if (heldLock != null) {
                heldLock.close();
                heldLock = null;
            }
        } catch (Exception e) {
            LOG.atError().addKeyValue("pair", pair).log("LEADER pair={} did not stop cleanly: {}", pair, e.toString());
        }
    }
}
