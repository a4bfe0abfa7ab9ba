package io.foldersync.observe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per action on the replica, naming the action and the path relative to the root, escaped. Problems are
 * logged here too, with their path, and counted in the cycle's statistics.
 */
public class ActionLog {

    private static final Logger LOG = LoggerFactory.getLogger("folder-sync");

    private final CycleStats stats;
    private final String dryRunMark;

    public ActionLog(CycleStats stats, boolean dryRun) {
        this.stats = stats;
        this.dryRunMark = dryRun ? " (dry run)" : "";
    }

    public void action(Action action, String path) {
        action(action, path, "");
    }

    public void action(Action action, String path, String detail) {
        LOG.info("{} {}{}{}", action, LogText.escape(path), detail.isEmpty() ? "" : " " + detail, dryRunMark);
    }

    /** A problem with one entry: logged at ERROR with its path, counted, and retried by the next cycle. */
    public void error(String path, String problem, Throwable cause) {
        stats.error();
        LOG.error("{}: {}: {}", LogText.escape(path), problem, describe(cause));
        LOG.debug("stack trace of the error above", cause);
    }

    /** A problem with the whole tree rather than one entry, such as SOURCE missing. */
    public void rootError(String problem) {
        stats.error();
        LOG.error("{}", problem);
    }

    public void warn(String path, String problem) {
        LOG.warn("{}: {}", LogText.escape(path), problem);
    }

    public void detail(String message, Object... arguments) {
        LOG.debug(message, arguments);
    }

    public void summary(String line) {
        LOG.info(line);
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : " " + LogText.escape(message));
    }
}
