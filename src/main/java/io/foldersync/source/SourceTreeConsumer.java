package io.foldersync.source;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.file.FileConsumer;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileOperations;
import org.apache.camel.component.file.GenericFileProcessStrategy;

/**
 * A file consumer that, when its filter is a {@link SourceScanFilter}, lets that filter walk the tree and routes each
 * changed file as soon as it is found. Camel's consumer lists every file and makes every exchange before routing the
 * first: a million new files would take gigabytes. Streamed, the copy pool's bounded queue paces the walk, and memory
 * stays flat however many files change.
 */
final class SourceTreeConsumer extends FileConsumer {

    SourceTreeConsumer(FileEndpoint endpoint, Processor processor, GenericFileOperations<File> operations,
                       GenericFileProcessStrategy<File> processStrategy) {
        super(endpoint, processor, operations, processStrategy);
    }

    @Override
    protected boolean pollDirectory(Exchange dynamic, String fileName, List<GenericFile<File>> fileList, int depth) {
        if (!(getEndpoint().getFilter() instanceof SourceScanFilter scanner)) {
            return super.pollDirectory(dynamic, fileName, fileList, depth);
        }
        String endpointPath = getEndpoint().getConfiguration().getDirectory();
        scanner.walk(Path.of(fileName), changed -> route(asGenericFile(endpointPath, changed.toFile(),
                getEndpoint().getCharset(), false)));
        return true;
    }

    private void route(GenericFile<File> file) {
        Exchange exchange = createExchange(file);
        getEndpoint().configureExchange(exchange);
        getEndpoint().configureMessage(file, exchange.getIn());
        processExchange(exchange);
    }
}
