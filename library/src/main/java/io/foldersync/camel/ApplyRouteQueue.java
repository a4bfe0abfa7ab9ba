package io.foldersync.camel;

import java.util.concurrent.ExecutorService;

import io.foldersync.decide.Decision;
import io.foldersync.decide.DecisionQueue;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Hands decisions to a pair's apply route from a trigger that is not a route of its own making: the prune pass, the
 * background verify, a deletion held and asked for again, a file's hard links. Each is sent, in the order handed over,
 * from one thread of this queue's own, and not waited for; {@link #awaitApplied} waits for all of them. The prune pass
 * is itself a step of a route: sent from its thread, Camel's reactive executor would queue the sends behind the very
 * step that waits for them.
 */
public class ApplyRouteQueue extends ServiceSupport implements DecisionQueue {

    private final CamelContext context;
    private final String uri;
    private final Object applied = new Object();
    private int inFlight;
    private AsyncProducer producer;
    private ExecutorService sender;

    public ApplyRouteQueue(CamelContext context, String uri) {
        this.context = context;
        this.uri = uri;
    }

    @Override
    protected void doStart() throws Exception {
        producer = context.getEndpoint(uri).createAsyncProducer();
        producer.start();
        sender = context.getExecutorServiceManager().newSingleThreadExecutor(this, uri.replace("direct:", "") + "-send");
    }

    @Override
    protected void doStop() throws Exception {
        if (sender != null) {
            context.getExecutorServiceManager().shutdownNow(sender);
            sender = null;
        }
        if (producer != null) {
            producer.stop();
        }
    }

    @Override
    public void submit(Decision decision) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getIn().setBody(decision);
        exchange.getIn().setHeader(Exchange.FILE_NAME, decision.path());
        synchronized (applied) {
            inFlight++;
        }
        try {
            sender.execute(() -> producer.process(exchange, doneSync -> applied()));
        } catch (RuntimeException stopping) {
            applied(); // the pair is stopping: the next start sees to it
        }
    }

    private void applied() {
        synchronized (applied) {
            inFlight--;
            applied.notifyAll();
        }
    }

    @Override
    public void awaitApplied() {
        synchronized (applied) {
            while (inFlight > 0 && !context.isStopping()) {
                try {
                    applied.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
