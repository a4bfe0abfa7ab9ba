package io.foldersync.camel;

import io.foldersync.cycle.SourceQueue;
import io.foldersync.decide.Decision;
import io.foldersync.fs.FileMeta;
import io.foldersync.index.StatKey;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.DefaultConsumer;

/**
 * What a cycle's walk hands over, as the sync route's {@code file:} consumer routes it: a file the endpoint's
 * idempotent repository (the pair's MD5 index) contains under its {@link StatKey} is skipped, and each decision is
 * routed at once as an exchange of that consumer whose body is the decision. Camel's own listing gathers every file and
 * makes every exchange before routing the first: streamed, the apply route's bounded pool paces the walk, and memory
 * stays flat however many files change.
 */
final class RoutedDecisions implements SourceQueue {

    private final DefaultConsumer consumer;
    private final IdempotentRepository repository;
    private final Object appliedLock = new Object();
    private int inFlight;

    RoutedDecisions(DefaultConsumer consumer) {
        this.consumer = consumer;
        this.repository = consumer.getEndpoint() instanceof GenericFileEndpoint<?> files
                ? files.getIdempotentRepository() : null;
    }

    @Override
    public boolean changed(String path, FileMeta listed) {
        return repository == null || !repository.contains(StatKey.of(path, listed).toString());
    }

    @Override
    public void submit(Decision decision) {
        Exchange exchange = consumer.createExchange(false);
        exchange.getIn().setBody(decision);
        exchange.getIn().setHeader(Exchange.FILE_NAME, decision.path());
        synchronized (appliedLock) {
            inFlight++;
        }
        consumer.getAsyncProcessor().process(exchange, doneSync -> done(exchange));
    }

    private void done(Exchange exchange) {
        if (exchange.isFailed()) {
            consumer.getExceptionHandler().handleException("cannot mirror "
                    + exchange.getIn().getHeader(Exchange.FILE_NAME), exchange, exchange.getException());
        }
        consumer.releaseExchange(exchange, false);
        synchronized (appliedLock) {
            inFlight--;
            appliedLock.notifyAll();
        }
    }

    @Override
    public void awaitApplied() {
        synchronized (appliedLock) {
            while (inFlight > 0 && !consumer.getEndpoint().getCamelContext().isStopping()) {
                try {
                    appliedLock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
