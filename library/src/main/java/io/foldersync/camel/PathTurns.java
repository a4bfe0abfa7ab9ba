package io.foldersync.camel;

import java.util.concurrent.atomic.AtomicInteger;

import io.foldersync.apply.PathOrder;
import io.foldersync.decide.Decision;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * The apply route's first step: an exchange carrying a decision waits here, holding no thread, until every earlier
 * decision on a related path has been applied ({@link PathOrder}); its turn ends when the exchange completes, after its
 * redeliveries. Its place in line is taken in the sender's thread, as it is sent, so decisions are applied in the order
 * they were made. An exchange whose decision an earlier waiting one serves ends here.
 */
public final class PathTurns extends AsyncProcessorSupport implements AsyncProcessor {

    private static final int TAKING = 0;
    private static final int STARTED_WHILE_TAKING = 1;
    private static final int WAITING = 2;

    private final PathOrder order;

    public PathTurns(PathOrder order) {
        this.order = order;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        AtomicInteger state = new AtomicInteger(TAKING);
        PathOrder.Turn[] turn = new PathOrder.Turn[1];
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                if (turn[0] != null) {
                    order.done(turn[0]);
                }
            }
        });
        turn[0] = order.take(exchange.getIn().getBody(Decision.class), decision -> {
            exchange.getIn().setBody(decision); // as folded with later ones while it waited
            if (!state.compareAndSet(TAKING, STARTED_WHILE_TAKING)) {
                callback.done(false);
            }
        });
        if (turn[0] == null) {
            exchange.setRouteStop(true); // an earlier decision on the path, still waiting, serves this one too
            callback.done(true);
            return true;
        }
        if (state.compareAndSet(TAKING, WAITING)) {
            return false;
        }
        callback.done(true);
        return true;
    }
}
