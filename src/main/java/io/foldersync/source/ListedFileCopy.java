package io.foldersync.source;

import java.io.File;
import java.nio.file.Path;

import io.foldersync.fs.RelativePath;
import io.foldersync.replica.ReplicaWriter;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.file.GenericFile;

/**
 * The sync route's step: mirrors the file the consumer listed. A processor, not a bean method: Camel's bean binding
 * (reflective method and parameter matching) cost more per file than a small file's copy.
 */
public class ListedFileCopy implements Processor {

    private final Path sourceRoot;
    private final ReplicaWriter writer;

    public ListedFileCopy(Path sourceRoot, ReplicaWriter writer) {
        this.sourceRoot = sourceRoot;
        this.writer = writer;
    }

    /** The listed file is named by its real path: see {@link RelativePath#of}. */
    @Override
    public void process(Exchange exchange) throws Exception {
        GenericFile<?> listed = (GenericFile<?>) exchange.getMessage().getBody();
        writer.write(RelativePath.of(sourceRoot, ((File) listed.getFile()).toPath()));
    }
}
