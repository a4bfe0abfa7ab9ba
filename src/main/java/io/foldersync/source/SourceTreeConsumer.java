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

/** A file consumer that, when its filter is a {@link SourceScanFilter}, lets that filter walk the tree. */
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
        scanner.walk(Path.of(fileName), changed -> fileList.add(asGenericFile(endpointPath, changed.toFile(),
                getEndpoint().getCharset(), false)));
        return true;
    }
}
