package io.foldersync.camel;

import java.util.ArrayList;
import java.util.List;

import io.foldersync.cycle.SourceQueue;
import io.foldersync.decide.Decision;
import io.foldersync.fs.FileKind;
import io.foldersync.fs.FileMeta;
import io.foldersync.index.StatKey;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.DefaultConsumer;

/**
 * What a cycle's walk hands over, as the sync route's {@code file:} consumer routes it: a file the endpoint's
 * idempotent repository (the pair's MD5 index) contains under its {@link StatKey} is skipped, and the decisions are
 * routed as exchanges of that consumer: files to copy in batches of up to {@value #BATCH_FILES} files or
 * {@value #BATCH_BYTES} bytes ({@link DecisionBatch}), anything else at once and alone, after the batch before it.
 * Camel's own listing gathers every file and makes every exchange before routing the first: streamed, the apply
 * route's bounded pool paces the walk, and memory stays flat however many files change.
 */
final class RoutedDecisions implements SourceQueue {

    /** Enough that a hand-off costs little beside the copies it carries; few enough that both cores share a folder. */
    static final int BATCH_FILES = 32;
    /** A large file goes alone, so that large files are copied in parallel. */
    static final long BATCH_BYTES = 1 << 20;

    private final DefaultConsumer consumer;
    private final List<Decision> batch = new ArrayList<>();
    private long batchBytes;
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
        if (repository instanceof Md5IndexRepository index) {
            return !index.contains(path, listed);
        }
        return repository == null || !repository.contains(StatKey.of(path, listed).toString());
    }

    @Override
    public void submit(Decision decision) {
        FileMeta listed = decision.listed();
        if (listed == null || listed.kind() != FileKind.FILE || decision.isHardLinkGroup()) {
            flush();
            route(decision, decision.path());
            return;
        }
        batch.add(decision);
        batchBytes += listed.size();
        if (batch.size() >= BATCH_FILES || batchBytes >= BATCH_BYTES) {
            flush();
        }
    }

    private void flush() {
        if (!batch.isEmpty()) {
            route(new DecisionBatch(batch), batch.get(0).path());
            batch.clear();
            batchBytes = 0;
        }
    }

    private void route(Object body, String firstPath) {
        Exchange exchange = consumer.createExchange(false);
        exchange.getIn().setBody(body);
        exchange.getIn().setHeader(Exchange.FILE_NAME, firstPath);
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
        flush();
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
