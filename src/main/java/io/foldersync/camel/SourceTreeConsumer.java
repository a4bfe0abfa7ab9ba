package io.foldersync.camel;

import java.io.File;

import io.foldersync.cycle.CopyQueue;
import io.foldersync.cycle.SyncCycle;
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
 * The sync route's consumer: its poll runs the pair's {@link SyncCycle}, whose walk hands over each file. A file the
 * route's idempotent repository (the pair's MD5 index) does not contain, under its {@link StatKey}, is routed at once
 * as an exchange whose body is the file. Camel's own consumer lists every file and makes every exchange before routing
 * the first: streamed, the copy pool's bounded queue paces the walk, and memory stays flat however many files change.
 */
final class SourceTreeConsumer extends FileConsumer implements CopyQueue {

    private final SyncCycle cycle;
    private final String endpointPath;
    private final Object copiesDone = new Object();
    private int inFlight;
    private int routed;

    SourceTreeConsumer(FileEndpoint endpoint, Processor processor, GenericFileOperations<File> operations,
                       GenericFileProcessStrategy<File> processStrategy, SyncCycle cycle) {
        super(endpoint, processor, operations, processStrategy);
        this.cycle = cycle;
        this.endpointPath = endpoint.getConfiguration().getDirectory();
    }

    @Override
    protected int poll() {
        routed = 0;
        cycle.run(this);
        return routed;
    }

    @Override
    public boolean needsCopy(String path, FileMeta listed) {
        IdempotentRepository repository = getEndpoint().getIdempotentRepository();
        return repository == null || !repository.contains(StatKey.of(path, listed).toString());
    }

    @Override
    public void copy(String path, FileMeta listed) {
        ListedFile file = new ListedFile(endpointPath, new File(endpointPath, path), path, listed);
        Exchange exchange = createExchange(false);
        exchange.getIn().setBody(file);
        exchange.getIn().setHeader(Exchange.FILE_NAME, path);
        synchronized (copiesDone) {
            inFlight++;
            routed++;
        }
        getAsyncProcessor().process(exchange, doneSync -> done(exchange, file));
    }

    /**
     * A failed exchange is reported, and its file forgotten by the index (under the key it was asked about), so the
     * next cycle copies it afresh.
     */
    private void done(Exchange exchange, ListedFile file) {
        if (exchange.isFailed()) {
            IdempotentRepository repository = getEndpoint().getIdempotentRepository();
            if (repository != null) {
                repository.remove(StatKey.of(file.path(), file.meta()).toString());
            }
            getExceptionHandler().handleException("cannot mirror " + file.path(), exchange, exchange.getException());
        }
        releaseExchange(exchange, false);
        synchronized (copiesDone) {
            inFlight--;
            copiesDone.notifyAll();
        }
    }

    @Override
    public void awaitCopies() {
        synchronized (copiesDone) {
            while (inFlight > 0 && !getEndpoint().getCamelContext().isStopping()) {
                try {
                    copiesDone.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
