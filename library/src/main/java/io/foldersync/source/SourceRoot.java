package io.foldersync.source;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

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
    /** The folder (device and inode) the watch follows: events about another folder say nothing of this one. */
    private volatile Object watched;
    /** False once the kernel has told the watch that the folder it follows was deleted. */
    private volatile BooleanSupplier watchValid = () -> true;
    /** Counts the folders the watch has followed, telling a SOURCE made anew from the old one whatever its inode. */
    private final AtomicLong generation = new AtomicLong();

    public SourceRoot(Path path, ActionLog log) {
        this.path = path;
        this.log = log;
        this.device = deviceOf(path);
        this.watched = identity(path);
    }

    /**
     * Notes the folder, by its identity, that the watch now follows, and how to ask whether the kernel still watches
     * it (a folder made again at once may get the deleted one's inode number).
     */
    public void watching(Object identity, BooleanSupplier stillWatched) {
        generation.incrementAndGet(); // first: whoever finds the new folder watched finds its generation counted too
        watched = identity;
        watchValid = stillWatched;
    }

    /** Which of the SOURCE folders the watch has followed it follows now. */
    public long watchedGeneration() {
        return generation.get();
    }

    /**
     * Whether SOURCE is still the folder the watch follows: a deletion an event reported from a SOURCE that was then
     * removed (rm -rf deletes the children first) must not be mirrored.
     */
    public boolean isTheWatchedFolder() {
        Object now = identity(path);
        return now != null && now.equals(watched) && watchValid.getAsBoolean();
    }

    /** A folder's device and inode, or null while it is missing. */
    public static Object identity(Path folder) {
        try {
            return Files.readAttributes(folder, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        } catch (IOException | RuntimeException missing) {
            return null;
        }
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
