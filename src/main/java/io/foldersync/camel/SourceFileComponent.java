package io.foldersync.camel;

import java.io.File;
import java.util.Map;

import org.apache.camel.Component;
import org.apache.camel.Processor;
import org.apache.camel.component.file.FileComponent;
import org.apache.camel.component.file.FileConsumer;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileOperations;

/**
 * Camel's file component, registered as {@code file}. An endpoint whose poll strategy is a pair's
 * {@link CyclePollStrategy} (the sync route's) gets a {@link SourceTreeConsumer}, whose poll is the pair's cycle. Every
 * other file: endpoint behaves exactly as stock.
 */
public class SourceFileComponent extends FileComponent {

    @Override
    protected GenericFileEndpoint<File> buildFileEndpoint(String uri, String remaining, Map<String, Object> parameters)
            throws Exception {
        FileEndpoint stock = (FileEndpoint) super.buildFileEndpoint(uri, remaining, parameters);
        SourceFileEndpoint endpoint = new SourceFileEndpoint(uri, this);
        endpoint.setFile(stock.getFile());
        endpoint.setConfiguration(stock.getConfiguration());
        return endpoint;
    }

    private static final class SourceFileEndpoint extends FileEndpoint {
        SourceFileEndpoint(String uri, Component component) {
            super(uri, component);
        }

        @Override
        protected FileConsumer newFileConsumer(Processor processor, GenericFileOperations<File> operations) {
            if (getPollStrategy() instanceof CyclePollStrategy cycle) {
                return new SourceTreeConsumer(this, processor, operations,
                        processStrategy != null ? processStrategy : createGenericFileStrategy(), cycle.cycle());
            }
            return super.newFileConsumer(processor, operations);
        }
    }
}
