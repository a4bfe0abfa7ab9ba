package io.foldersync.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.foldersync.apply.PathOrder;
import io.foldersync.decide.Decision;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * The apply route's first step: an exchange carrying a decision (or a {@link DecisionBatch} of them) waits here,
 * holding no thread, until every earlier decision on a related path has been applied ({@link PathOrder}); its turns
 * end when the exchange completes, after its redeliveries. Its places in line are taken in the sender's thread, as it
 * is sent, so decisions are applied in the order they were made. A decision an earlier waiting one serves is dropped;
 * an exchange left with none ends here.
 */
public final class PathTurns extends AsyncProcessorSupport implements AsyncProcessor {

    private final PathOrder order;

    public PathTurns(PathOrder order) {
        this.order = order;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Object body = exchange.getIn().getBody();
        List<Decision> decisions = body instanceof DecisionBatch batch ? batch.decisions()
                : List.of(exchange.getIn().getBody(Decision.class));
        Decision[] started = new Decision[decisions.size()];
        List<PathOrder.Turn> turns = new ArrayList<>(decisions.size());
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                synchronized (turns) {
                    turns.forEach(order::done);
                }
            }
        });
        // one count for each decision not yet started, and one for this thread while it takes their turns
        AtomicInteger waiting = new AtomicInteger(decisions.size() + 1);
        for (int i = 0; i < decisions.size(); i++) {
            int index = i;
            PathOrder.Turn turn = order.take(decisions.get(i), decision -> {
                started[index] = decision; // as folded with later ones while it waited
                if (waiting.decrementAndGet() == 0) {
                    startWith(exchange, body, started, callback, false);
                }
            });
            if (turn == null) {
                waiting.decrementAndGet(); // an earlier decision on the path, still waiting, serves this one too
            } else {
                synchronized (turns) {
                    turns.add(turn);
                }
            }
        }
        if (waiting.decrementAndGet() == 0) {
            startWith(exchange, body, started, callback, true);
            return true;
        }
        return false;
    }

    /** Every turn has started: the exchange goes on with the decisions it still carries, or ends if none. */
    private static void startWith(Exchange exchange, Object body, Decision[] started, AsyncCallback callback,
                                  boolean sync) {
        List<Decision> decisions = new ArrayList<>(started.length);
        for (Decision decision : started) {
            if (decision != null) {
                decisions.add(decision);
            }
        }
        if (decisions.isEmpty()) {
            exchange.setRouteStop(true);
        } else if (body instanceof DecisionBatch) {
            exchange.getIn().setBody(new DecisionBatch(decisions));
        } else {
            exchange.getIn().setBody(decisions.get(0));
        }
        callback.done(sync);
    }
}
