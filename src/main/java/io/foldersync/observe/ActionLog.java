package io.foldersync.observe;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One log line per action on the replica, naming the action and the path relative to the root, escaped. Problems are
 * logged here too, with their path, and counted in the cycle's statistics. Each line also carries its facts as
 * key-value pairs (action, path, size, md5, duration_ms, pair), which the JSON log format prints as fields.
 */
public class ActionLog {

    private static final Logger LOG = LoggerFactory.getLogger("folder-sync");

    private final String pair;
    private final CycleStats stats;
    private final boolean dryRun;
    private final String dryRunMark;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    public ActionLog(String pair, CycleStats stats, boolean dryRun) {
        this.pair = pair;
        this.stats = stats;
        this.dryRun = dryRun;
        this.dryRunMark = dryRun ? " (dry run)" : "";
    }

    public void action(Action action, String path) {
        action(action, path, "");
    }

    public void action(Action action, String path, String detail) {
        stats.action(action);
        facts(LOG.atInfo(), action, path).log("{} {}{}{}", action, LogText.escape(path),
                detail.isEmpty() ? "" : " " + detail, dryRunMark);
    }

    /**
     * A file's content written, with its size, MD5 and how long it took; or, in a dry run ({@code md5} null), that
     * would be written.
     */
    public void transferred(Action action, String path, long size, Object md5, long nanos) {
        stats.action(action);
        LoggingEventBuilder event = facts(LOG.atInfo(), action, path).addKeyValue("size", size);
        if (md5 != null) {
            event = event.addKeyValue("md5", md5).addKeyValue("duration_ms", nanos / 1_000_000);
        }
        event.log("{} {} {} bytes{}", action, LogText.escape(path), size, dryRunMark);
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

    /** A problem with the whole tree rather than one entry, such as SOURCE missing. */
    public void rootError(String problem) {
        stats.error();
        withPair(LOG.atError()).addKeyValue("error", problem).log("{}", problem);
    }

    public void warn(String path, String problem) {
        withPair(LOG.atWarn()).addKeyValue("path", path).log("{}: {}", LogText.escape(path), problem);
    }

    public void detail(String message, Object... arguments) {
        LOG.debug(message, arguments);
    }

    /** A line that sums up a cycle or a prune pass: its first word names it, the rest are key=value facts. */
    public void summary(String line) {
        Map<String, Object> facts = new LinkedHashMap<>();
        for (String word : line.split(" ")) {
            int equals = word.indexOf('=');
            if (equals > 0) {
                facts.put(word.substring(0, equals), word.substring(equals + 1));
            }
        }
        summary(line, facts);
    }

    /** A summary line whose facts are given apart from its words, which may round them for reading. */
    public void summary(String line, Map<String, Object> facts) {
        String firstWord = line.split(" ", 2)[0];
        LoggingEventBuilder event = withPair(LOG.atInfo()).addKeyValue("event", firstWord.toLowerCase(Locale.ROOT));
        facts.forEach(event::addKeyValue);
        event.log(line);
    }

    /** A line about the pair as a whole, such as its progress. */
    public void info(String message, Object... arguments) {
        withPair(LOG.atInfo()).log(message, arguments);
    }

    private LoggingEventBuilder facts(LoggingEventBuilder event, Action action, String path) {
        event = withPair(event).addKeyValue("action", action).addKeyValue("path", path);
        return dryRun ? event.addKeyValue("dry_run", true) : event;
    }

    private LoggingEventBuilder withPair(LoggingEventBuilder event) {
        return event.addKeyValue("pair", pair);
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : " " + LogText.escape(message));
    }
}
