package io.foldersync.watch;

import java.io.File;
import java.nio.file.InvalidPathException;

import io.foldersync.decide.Decision;
import io.foldersync.fs.RelativePath;
import io.foldersync.source.RemovalBursts;
import io.foldersync.source.SourceRoot;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.file.watch.FileWatchConstants;

/**
 * The watch route's first step: a file-watch event, which names the changed entry by its real path, becomes the
 * decision to bring that path in line, marked with the SOURCE folder the watch follows, under a header naming the
 * path, by which the events of one path are coalesced. An event on SOURCE itself, or on a name Java cannot address (the
 * cycle reports it), ends here.
 */
public class WatchEvents implements Processor {

    /** The header naming the path relative to SOURCE: the events of one path are coalesced by it. */
    public static final String PATH = "FolderSyncPath";
    /** The header holding when the first event of a path's coalesced ones came (System.nanoTime), for its lag. */
    public static final String SINCE = "FolderSyncSince";

    private final SourceRoot source;
    private final RemovalBursts removals;

    public WatchEvents(SourceRoot source, RemovalBursts removals) {
        this.source = source;
        this.removals = removals;
    }

    @Override
    public void process(Exchange exchange) {
        if ("DELETE".equals(exchange.getIn().getHeader(FileWatchConstants.EVENT_TYPE_HEADER, String.class))) {
            removals.removalSeen(); // before the window, which holds the path's own decision back
        }
        String path;
        try {
            path = RelativePath.of(source.path(), exchange.getIn().getBody(File.class).toPath());
        } catch (InvalidPathException unaddressable) {
            path = "";
        }
        if (path.isEmpty()) {
            exchange.setRouteStop(true);
            return;
        }
        exchange.getIn().setHeader(PATH, path);
        exchange.getIn().setHeader(SINCE, System.nanoTime());
        exchange.getIn().setBody(Decision.event(path, source.watchedGeneration()));
    }
}
