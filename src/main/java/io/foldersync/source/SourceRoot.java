package io.foldersync.source;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.foldersync.observe.ActionLog;

/**
 * The SOURCE root, and the question every destructive step asks first: can SOURCE be trusted right now? A missing or
 * unreadable root, or one that now sits on another file system than at start (an unmounted mount point), is reported
 * as an ERROR and makes the cycle hold every deletion.
 */
public class SourceRoot {

    private final Path path;
    private final ActionLog log;
    private final Object device;

    public SourceRoot(Path path, ActionLog log) {
        this.path = path;
        this.log = log;
        this.device = deviceOf(path);
    }

    public Path path() {
        return path;
    }

    /** True when SOURCE is a readable folder on the file system it was on at start; otherwise logs why not. */
    public boolean isAvailable() {
        return isAvailable(true);
    }

    /** As {@link #isAvailable()}; {@code report} false leaves the reporting to the cycle, for per-event checks. */
    public boolean isAvailable(boolean report) {
        String problem = problem();
        if (problem != null && report) {
            log.rootError("SOURCE " + path + " " + problem);
        }
        return problem == null;
    }

    /** What is wrong with SOURCE right now, or null when it can be trusted. */
    public String problem() {
        if (!Files.isDirectory(path)) {
            return "is missing or not a folder: nothing is synced or deleted until it is back";
        }
        try (DirectoryStream<Path> ignored = Files.newDirectoryStream(path)) {
            // readable
        } catch (IOException e) {
            return "cannot be read (" + e + "): nothing is synced or deleted";
        }
        Object now = deviceOf(path);
        if (device != null && !device.equals(now)) {
            return "is now on another file system than at start (unmounted?): nothing is synced or deleted until "
                    + "it is back";
        }
        return null;
    }

    private static Object deviceOf(Path path) {
        try {
            return Files.getAttribute(path, "unix:dev");
        } catch (IOException | RuntimeException unknown) {
            return null;
        }
    }
}
