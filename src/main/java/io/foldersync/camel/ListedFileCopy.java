package io.foldersync.camel;

import io.foldersync.cycle.EntryMirror;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The sync route's step: mirrors the file the consumer listed, as the walk saw it. A processor, not a bean method:
 * Camel's bean binding (reflective method and parameter matching) cost more per file than a small file's copy.
 */
public class ListedFileCopy implements Processor {

    private final EntryMirror mirror;

    public ListedFileCopy(EntryMirror mirror) {
        this.mirror = mirror;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ListedFile listed = (ListedFile) exchange.getMessage().getBody();
        mirror.mirror(listed.path(), listed.meta());
    }
}
