package io.foldersync.observe;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.foldersync.settings.SyncPairs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One log line per action on the replica, naming the action and the path relative to the root, escaped. Problems are
 * logged here too, with their path, and counted in the cycle's statistics. Each line also carries its facts as
 * key-value pairs (action, path, size, md5, duration_ms, pair), which the JSON log format prints as fields; with the
 * packaged text format, which prints none of them, none are passed.
 */
public class ActionLog {

    private static final Logger LOG = LoggerFactory.getLogger("folder-sync");
    /** A line per action: every one goes to the log file, to the console only when asked (verbose, dry run). */
    static final Marker ACTION = MarkerFactory.getMarker("ACTION");
    /** The summary of a cycle or pass that changed something: on the console even when quiet. */
    static final Marker CHANGE = MarkerFactory.getMarker("CHANGE");

    private final String pair;
    private final CycleStats stats;
    private final boolean dryRun;
    private final String dryRunMark;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final Set<String> idleSaid = ConcurrentHashMap.newKeySet();
    /**
     * Whether lines carry their facts: not in the packaged log configuration's text format, which prints none of them
     * but the pair's name, and that only for a pair not named "default". Passing them costs SLF4J's Log4j binding a
     * copy of the thread's context map per line, the most of what a small file's copy costs besides its system calls.
     */
    private final boolean factsPrinted = !"text".equals(System.getProperty("folder-sync.log.format"));
    /**
     * Whether lines carry any fact. An action line with none goes through SLF4J's plain API as one message made here:
     * the fluent API costs a builder, its lists and Log4j's parameter formatting per line (3% of a first sync of small
     * files here).
     */
    private final boolean pairPrinted;

    public ActionLog(String pair, CycleStats stats, boolean dryRun) {
        this.pairPrinted = factsPrinted || !pair.equals(SyncPairs.DEFAULT);
        this.pair = pair;
        this.stats = stats;
        this.dryRun = dryRun;
        this.dryRunMark = dryRun ? " (dry run)" : "";
    }

    public void action(Action action, String path) {
        action(action, path, "");
    }

    /** REPLICA's root is named "." (rsync's "./"), not by an empty name. */
    public void action(Action action, String path, String detail) {
        stats.action(action);
        String line = action + " " + (path.isEmpty() ? "." : LogText.escape(path))
                + (detail.isEmpty() ? "" : " " + detail) + dryRunMark;
        if (!pairPrinted) {
            LOG.info(ACTION, line);
            return;
        }
        facts(LOG.atInfo().addMarker(ACTION), action, path).log("{}", line);
    }

    /** A folder's mode, mtime or owner set right: a TOUCH of the folder, counted with the touched files. */
    public void folderTouched(String path) {
        action(Action.TOUCH, path, "(folder)");
        stats.touched(0);
    }

    /**
     * A file's content written, with its size, MD5 and how long it took; or, in a dry run ({@code md5} null), that
     * would be written.
     */
    public void transferred(Action action, String path, long size, Object md5, long nanos) {
        stats.action(action);
        String line = action + " " + LogText.escape(path) + " " + size + " bytes" + dryRunMark;
        if (!pairPrinted) {
            LOG.info(ACTION, line);
            return;
        }
        LoggingEventBuilder event = facts(LOG.atInfo().addMarker(ACTION), action, path);
        if (factsPrinted) {
            event = event.addKeyValue("size", size);
        }
        if (factsPrinted && md5 != null) {
            event = event.addKeyValue("md5", md5).addKeyValue("duration_ms", nanos / 1_000_000);
        }
        event.log("{}", line);
    }

    /** A problem with one entry: logged at ERROR with its path, counted, and retried by the next cycle. */
    public void error(String path, String problem, Throwable cause) {
        stats.error();
        String error = cause == null ? problem : problem + ": " + describe(cause);
        withPair(LOG.atError()).addKeyValue("path", path).addKeyValue("error", error)
                .log("{}: {}", LogText.escape(path), error);
        LOG.debug("stack trace of the error above", cause);
    }

    /**
     * A problem with one entry that stays until the entry changes (a name Java cannot address): counted every cycle,
     * logged at ERROR the first time only.
     */
    public void errorOnce(String path, String problem) {
        if (reported.add(path)) {
            error(path, problem, null);
        } else {
            stats.error();
            LOG.debug("{}: {}", LogText.escape(path), problem);
        }
    }

    /**
     * A FIFO, socket or device, which is never opened: a SKIP line and a WARN the first time, and again only once it
     * changes (its mtime); counted every cycle.
     */
    public void skipped(String path, long mtimeNanos) {
        if (reported.add(path + '\0' + mtimeNanos)) {
            action(Action.SKIP, path, "(not a regular file, folder or symlink)");
            warn(path, "special file (FIFO, socket or device) skipped");
        } else {
            stats.action(Action.SKIP);
        }
    }

    /** A problem with the whole tree rather than one entry, such as SOURCE missing. */
    public void rootError(String problem) {
        stats.error();
        withPair(LOG.atError()).addKeyValue("error", problem).log("{}", problem);
    }

    /**
     * A difference a verify found and hands over to be mirrored again: {@code REPAIR path (what)}, an action shown on
     * the console too, as the DIFF line that says why is.
     */
    public void repair(String path, String what) {
        stats.action(Action.REPAIR);
        facts(LOG.atInfo().addMarker(CHANGE), Action.REPAIR, path).log("{} {} ({}){}", Action.REPAIR,
                LogText.escape(path), what, dryRunMark);
    }

    /** A difference a verify found between SOURCE and REPLICA: {@code DIFF path what}. */
    public void difference(String path, String what) {
        withPair(LOG.atWarn()).addKeyValue("event", "diff").addKeyValue("path", path)
                .log("DIFF {} {}", LogText.escape(path), what);
    }

    /** A warning about the pair as a whole, not one path. */
    public void warn(String problem) {
        withPair(LOG.atWarn()).log(problem);
    }

    public void warn(String path, String problem) {
        withPair(LOG.atWarn()).addKeyValue("path", path).log("{}: {}", LogText.escape(path), problem);
    }

    public void detail(String message, Object... arguments) {
        LOG.debug(message, arguments);
    }

    /**
     * A line that sums up a cycle or a prune pass: its first word names it, the rest are key=value facts. One that
     * changed nothing is said once; the next ones like it go to DEBUG, so an idle daemon stays quiet.
     */
    public void summary(String line, boolean changed) {
        String kind = line.split(" ", 2)[0];
        LoggingEventBuilder event;
        if (changed) {
            idleSaid.remove(kind);
            event = LOG.atInfo().addMarker(CHANGE);
        } else {
            event = idleSaid.add(kind) ? LOG.atInfo() : LOG.atDebug();
        }
        event = withPair(event).addKeyValue("event", kind.toLowerCase(Locale.ROOT));
        for (String word : line.split(" ")) {
            int equals = word.indexOf('=');
            if (equals > 0) {
                event = event.addKeyValue(word.substring(0, equals), word.substring(equals + 1));
            }
        }
        event = dryRun ? event.addKeyValue("dry_run", true) : event;
        event.log(line + dryRunMark); // a dry run's counts are of what it would do
    }

    /** A PROGRESS line, whose facts are given apart from its words, which round them for reading. */
    public void progress(String line, Map<String, Object> facts) {
        LoggingEventBuilder event = withPair(LOG.atInfo()).addKeyValue("event", "progress");
        facts.forEach(event::addKeyValue);
        event.log(line);
    }

    /** A line about the pair as a whole, such as its progress. */
    public void info(String message, Object... arguments) {
        withPair(LOG.atInfo()).log(message, arguments);
    }

    private LoggingEventBuilder facts(LoggingEventBuilder event, Action action, String path) {
        if (!factsPrinted) {
            return withPair(event);
        }
        event = withPair(event).addKeyValue("action", action).addKeyValue("path", path);
        return dryRun ? event.addKeyValue("dry_run", true) : event;
    }

    private LoggingEventBuilder withPair(LoggingEventBuilder event) {
        return pairPrinted ? event.addKeyValue("pair", pair) : event;
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : " " + LogText.escape(message));
    }
}
