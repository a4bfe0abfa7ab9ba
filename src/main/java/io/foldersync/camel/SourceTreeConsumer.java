package io.foldersync.camel;

import java.io.File;

import io.foldersync.cycle.SourceQueue;
import io.foldersync.cycle.SyncCycle;
import io.foldersync.decide.Decision;
import io.foldersync.fs.FileMeta;
import io.foldersync.index.StatKey;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.file.FileConsumer;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.component.file.GenericFileOperations;
import org.apache.camel.component.file.GenericFileProcessStrategy;
import org.apache.camel.spi.IdempotentRepository;

/**
 * The sync route's consumer: its poll runs the pair's {@link SyncCycle}, whose walk asks of each file whether the
 * route's idempotent repository (the pair's MD5 index) contains it under its {@link StatKey}, and hands over a
 * decision for each one it does not, each link and each folder, routed at once as an exchange whose body is the
 * decision. Camel's own consumer lists every file and makes every exchange before routing the first: streamed, the
 * apply route's bounded pool paces the walk, and memory stays flat however many files change.
 */
final class SourceTreeConsumer extends FileConsumer implements SourceQueue {

    private final SyncCycle cycle;
    private final Object appliedLock = new Object();
    private int inFlight;
    private int routed;

    SourceTreeConsumer(FileEndpoint endpoint, Processor processor, GenericFileOperations<File> operations,
                       GenericFileProcessStrategy<File> processStrategy, SyncCycle cycle) {
        super(endpoint, processor, operations, processStrategy);
        this.cycle = cycle;
    }

    @Override
    protected int poll() {
        routed = 0;
        cycle.run(this);
        return routed;
    }

    @Override
    public boolean changed(String path, FileMeta listed) {
        IdempotentRepository repository = getEndpoint().getIdempotentRepository();
        return repository == null || !repository.contains(StatKey.of(path, listed).toString());
    }

    @Override
    public void submit(Decision decision) {
        Exchange exchange = createExchange(false);
        exchange.getIn().setBody(decision);
        exchange.getIn().setHeader(Exchange.FILE_NAME, decision.path());
        synchronized (appliedLock) {
            inFlight++;
            routed++;
        }
        getAsyncProcessor().process(exchange, doneSync -> done(exchange));
    }

    private void done(Exchange exchange) {
        if (exchange.isFailed()) {
            getExceptionHandler().handleException("cannot mirror " + exchange.getIn().getHeader(Exchange.FILE_NAME),
                    exchange, exchange.getException());
        }
        releaseExchange(exchange, false);
        synchronized (appliedLock) {
            inFlight--;
            appliedLock.notifyAll();
        }
    }

    @Override
    public void awaitApplied() {
        synchronized (appliedLock) {
            while (inFlight > 0 && !getEndpoint().getCamelContext().isStopping()) {
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
