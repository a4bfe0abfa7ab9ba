package io.foldersync.spring;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code sync.*} keys as Spring Boot knows them: their metadata (IDE completion, descriptions, defaults) comes from
 * here. The values are read and checked by the same settings code as the command line's, so every key means what README
 * says and a wrong one fails the start naming itself; they are kept here as written. The command line's own keys
 * ({@code sync.log-*}, {@code sync.console}, {@code sync.once}, {@code sync.verify}, {@code sync.repair}) have no place in an app: its
 * logging is its own, and it runs the pairs until it stops.
 */
@ConfigurationProperties(prefix = "sync")
public class FolderSyncProperties {

    /**
     * A change that fails for a reason worth retrying soon (disk full, I/O error, the file changed while being copied)
     * is tried again this many times, waiting sync.retry-delay and doubling the wait each time; then it is logged as an
     * ERROR and left for the next cycle.
     */
    private String retries = "3";
    /** The first wait before a change is tried again. */
    private String retryDelay = "200ms";
    /** Log every action a cycle would take, and change nothing in REPLICA (nor the index). */
    private String dryRun = "false";
    /**
     * Several pairs: name them here (docs,photos) and give each at least sync.pair.NAME.source and
     * sync.pair.NAME.replica; any other key can be set for one pair as sync.pair.NAME.KEY. Empty: the one pair of
     * sync.source and sync.replica, named "default".
     */
    private String pairs;

    /** The folder to mirror. Must exist. */
    private String source;
    /** The mirror. Created with its parents if missing; must not be, contain, or sit inside SOURCE. */
    private String replica;
    /** Time between sync cycles: whole seconds (60), or 500ms, 30s, 5m, 1h. */
    private String interval = "60";
    /**
     * Between cycles, mirror each change within milliseconds of the kernel reporting it (inotify); the cycles and the
     * prune remain as the safety net.
     */
    private String watch = "true";
    /**
     * While a file keeps changing, copy it at most once per window (and once more after its last change); a deletion
     * the watch saw waits this long before it is checked against SOURCE.
     */
    private String watchWindow = "200ms";
    /** Time between prune passes over REPLICA; empty means the same as sync.interval. */
    private String pruneInterval;
    /**
     * Where the MD5 index is kept between runs. Empty means $XDG_STATE_HOME/folder-sync/<id of the pair>
     * (~/.local/state/folder-sync/<id> without XDG_STATE_HOME).
     */
    private String stateDir;
    /** Changes are applied in parallel on this many threads. Empty means the number of CPU cores. */
    private String threads;
    /**
     * If SOURCE is empty while REPLICA is not, deletions are held with an ERROR (an unmounted source looks empty); true
     * when emptying the replica is really intended.
     */
    private String allowEmptySource = "false";
    /**
     * The most one prune pass may delete: a count (500) or a share of REPLICA's entries (50%). Over it, the pass
     * deletes nothing and logs an ERROR. Empty means unlimited.
     */
    private String maxDelete;
    /**
     * Leave out of the mirror what matches one of these comma-separated patterns, matched against the path relative to
     * SOURCE (see README, Filters).
     */
    private String exclude;
    /**
     * When set, mirror only what matches one of these comma-separated patterns (and the folders leading to it);
     * excludes win over includes.
     */
    private String include;
    /** Delete from REPLICA what the filters leave out (rsync's --delete-excluded), within sync.max-delete. */
    private String deleteExcluded = "false";
    /**
     * Before REPLICA loses a file's content, keep the old file in this folder as
     * RELATIVE/PATH/name~yyyyMMdd-HHmmss-SSS.ext (UTC). Empty: no versions are kept.
     */
    private String versionsDir;
    /** The most versions kept of one file. */
    private String versionsKeep = "10";
    /** The prune pass removes versions older than this: 30d, 12h, 90m. Empty: no age limit. */
    private String versionsMaxAge;
    /**
     * Owner and group (numeric): auto mirrors them when this process may change owners (root, or CAP_CHOWN); true
     * requires it; false never does.
     */
    private String owner = "auto";
    /** Copy user.* extended attributes with each file, and mirror a change of them alone (rsync -X). */
    private String xattrs = "false";
    /**
     * Files that share an inode in SOURCE share one in REPLICA: copied once, the other names linked to it (rsync -H).
     */
    private String hardLinks = "false";
    /**
     * Compare SOURCE and REPLICA in full in the background this often (7d, 12h), and repair each difference. Empty:
     * never.
     */
    private String verifyInterval;
    /**
     * The most the background verify reads per second, SOURCE and REPLICA together: 50MB (or 50MB/s). Empty: no limit.
     */
    private String verifyRate;
    /** A PROGRESS line this often while a cycle runs longer than that. 0 turns it off. */
    private String progressInterval = "10s";

    /** Settings for one named pair, over the shared ones: sync.pair.NAME.KEY. */
    private Map<String, Pair> pair = new LinkedHashMap<>();

    public String getRetries() {
        return retries;
    }

    public void setRetries(String retries) {
        this.retries = retries;
    }

    public String getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(String retryDelay) {
        this.retryDelay = retryDelay;
    }

    public String getDryRun() {
        return dryRun;
    }

    public void setDryRun(String dryRun) {
        this.dryRun = dryRun;
    }

    public String getPairs() {
        return pairs;
    }

    public void setPairs(String pairs) {
        this.pairs = pairs;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public String getReplica() {
        return replica;
    }

    public void setReplica(String replica) {
        this.replica = replica;
    }

    public String getInterval() {
        return interval;
    }

    public void setInterval(String interval) {
        this.interval = interval;
    }

    public String getWatch() {
        return watch;
    }

    public void setWatch(String watch) {
        this.watch = watch;
    }

    public String getWatchWindow() {
        return watchWindow;
    }

    public void setWatchWindow(String watchWindow) {
        this.watchWindow = watchWindow;
    }

    public String getPruneInterval() {
        return pruneInterval;
    }

    public void setPruneInterval(String pruneInterval) {
        this.pruneInterval = pruneInterval;
    }

    public String getStateDir() {
        return stateDir;
    }

    public void setStateDir(String stateDir) {
        this.stateDir = stateDir;
    }

    public String getThreads() {
        return threads;
    }

    public void setThreads(String threads) {
        this.threads = threads;
    }

    public String getAllowEmptySource() {
        return allowEmptySource;
    }

    public void setAllowEmptySource(String allowEmptySource) {
        this.allowEmptySource = allowEmptySource;
    }

    public String getMaxDelete() {
        return maxDelete;
    }

    public void setMaxDelete(String maxDelete) {
        this.maxDelete = maxDelete;
    }

    public String getExclude() {
        return exclude;
    }

    public void setExclude(String exclude) {
        this.exclude = exclude;
    }

    public String getInclude() {
        return include;
    }

    public void setInclude(String include) {
        this.include = include;
    }

    public String getDeleteExcluded() {
        return deleteExcluded;
    }

    public void setDeleteExcluded(String deleteExcluded) {
        this.deleteExcluded = deleteExcluded;
    }

    public String getVersionsDir() {
        return versionsDir;
    }

    public void setVersionsDir(String versionsDir) {
        this.versionsDir = versionsDir;
    }

    public String getVersionsKeep() {
        return versionsKeep;
    }

    public void setVersionsKeep(String versionsKeep) {
        this.versionsKeep = versionsKeep;
    }

    public String getVersionsMaxAge() {
        return versionsMaxAge;
    }

    public void setVersionsMaxAge(String versionsMaxAge) {
        this.versionsMaxAge = versionsMaxAge;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public String getXattrs() {
        return xattrs;
    }

    public void setXattrs(String xattrs) {
        this.xattrs = xattrs;
    }

    public String getHardLinks() {
        return hardLinks;
    }

    public void setHardLinks(String hardLinks) {
        this.hardLinks = hardLinks;
    }

    public String getVerifyInterval() {
        return verifyInterval;
    }

    public void setVerifyInterval(String verifyInterval) {
        this.verifyInterval = verifyInterval;
    }

    public String getVerifyRate() {
        return verifyRate;
    }

    public void setVerifyRate(String verifyRate) {
        this.verifyRate = verifyRate;
    }

    public String getProgressInterval() {
        return progressInterval;
    }

    public void setProgressInterval(String progressInterval) {
        this.progressInterval = progressInterval;
    }

    public Map<String, Pair> getPair() {
        return pair;
    }

    public void setPair(Map<String, Pair> pair) {
        this.pair = pair;
    }

    /** One pair's own settings; unset, a key takes the shared sync.KEY. */
    public static class Pair {

        /** The folder to mirror. Must exist. */
        private String source;
        /** The mirror. Created with its parents if missing; must not be, contain, or sit inside SOURCE. */
        private String replica;
        /** Time between sync cycles: whole seconds (60), or 500ms, 30s, 5m, 1h. */
        private String interval;
        /**
         * Between cycles, mirror each change within milliseconds of the kernel reporting it (inotify); the cycles and
         * the prune remain as the safety net.
         */
        private String watch;
        /**
         * While a file keeps changing, copy it at most once per window (and once more after its last change); a
         * deletion the watch saw waits this long before it is checked against SOURCE.
         */
        private String watchWindow;
        /** Time between prune passes over REPLICA; empty means the same as sync.interval. */
        private String pruneInterval;
        /**
         * Where the MD5 index is kept between runs. Empty means $XDG_STATE_HOME/folder-sync/<id of the pair>
         * (~/.local/state/folder-sync/<id> without XDG_STATE_HOME).
         */
        private String stateDir;
        /** Changes are applied in parallel on this many threads. Empty means the number of CPU cores. */
        private String threads;
        /**
         * If SOURCE is empty while REPLICA is not, deletions are held with an ERROR (an unmounted source looks empty);
         * true when emptying the replica is really intended.
         */
        private String allowEmptySource;
        /**
         * The most one prune pass may delete: a count (500) or a share of REPLICA's entries (50%). Over it, the pass
         * deletes nothing and logs an ERROR. Empty means unlimited.
         */
        private String maxDelete;
        /**
         * Leave out of the mirror what matches one of these comma-separated patterns, matched against the path relative
         * to SOURCE (see README, Filters).
         */
        private String exclude;
        /**
         * When set, mirror only what matches one of these comma-separated patterns (and the folders leading to it);
         * excludes win over includes.
         */
        private String include;
        /** Delete from REPLICA what the filters leave out (rsync's --delete-excluded), within sync.max-delete. */
        private String deleteExcluded;
        /**
         * Before REPLICA loses a file's content, move the old file to this folder as RELATIVE/PATH/name~yyyyMMdd-
         * HHmmss.ext (UTC). Empty: no versions are kept.
         */
        private String versionsDir;
        /** The most versions kept of one file. */
        private String versionsKeep;
        /** The prune pass removes versions older than this: 30d, 12h, 90m. Empty: no age limit. */
        private String versionsMaxAge;
        /**
         * Owner and group (numeric): auto mirrors them when this process may change owners (root, or CAP_CHOWN); true
         * requires it; false never does.
         */
        private String owner;
        /** Copy user.* extended attributes with each file, and mirror a change of them alone (rsync -X). */
        private String xattrs;
        /**
         * Files that share an inode in SOURCE share one in REPLICA: copied once, the other names linked to it (rsync
         * -H).
         */
        private String hardLinks;
        /**
         * Compare SOURCE and REPLICA in full in the background this often (7d, 12h), and repair each difference. Empty:
         * never.
         */
        private String verifyInterval;
        /**
         * The most the background verify reads per second, SOURCE and REPLICA together: 50MB (or 50MB/s). Empty: no
         * limit.
         */
        private String verifyRate;
        /** A PROGRESS line this often while a cycle runs longer than that. 0 turns it off. */
        private String progressInterval;

        public String getSource() {
            return source;
        }

        public void setSource(String source) {
            this.source = source;
        }

        public String getReplica() {
            return replica;
        }

        public void setReplica(String replica) {
            this.replica = replica;
        }

        public String getInterval() {
            return interval;
        }

        public void setInterval(String interval) {
            this.interval = interval;
        }

        public String getWatch() {
            return watch;
        }

        public void setWatch(String watch) {
            this.watch = watch;
        }

        public String getWatchWindow() {
            return watchWindow;
        }

        public void setWatchWindow(String watchWindow) {
            this.watchWindow = watchWindow;
        }

        public String getPruneInterval() {
            return pruneInterval;
        }

        public void setPruneInterval(String pruneInterval) {
            this.pruneInterval = pruneInterval;
        }

        public String getStateDir() {
            return stateDir;
        }

        public void setStateDir(String stateDir) {
            this.stateDir = stateDir;
        }

        public String getThreads() {
            return threads;
        }

        public void setThreads(String threads) {
            this.threads = threads;
        }

        public String getAllowEmptySource() {
            return allowEmptySource;
        }

        public void setAllowEmptySource(String allowEmptySource) {
            this.allowEmptySource = allowEmptySource;
        }

        public String getMaxDelete() {
            return maxDelete;
        }

        public void setMaxDelete(String maxDelete) {
            this.maxDelete = maxDelete;
        }

        public String getExclude() {
            return exclude;
        }

        public void setExclude(String exclude) {
            this.exclude = exclude;
        }

        public String getInclude() {
            return include;
        }

        public void setInclude(String include) {
            this.include = include;
        }

        public String getDeleteExcluded() {
            return deleteExcluded;
        }

        public void setDeleteExcluded(String deleteExcluded) {
            this.deleteExcluded = deleteExcluded;
        }

        public String getVersionsDir() {
            return versionsDir;
        }

        public void setVersionsDir(String versionsDir) {
            this.versionsDir = versionsDir;
        }

        public String getVersionsKeep() {
            return versionsKeep;
        }

        public void setVersionsKeep(String versionsKeep) {
            this.versionsKeep = versionsKeep;
        }

        public String getVersionsMaxAge() {
            return versionsMaxAge;
        }

        public void setVersionsMaxAge(String versionsMaxAge) {
            this.versionsMaxAge = versionsMaxAge;
        }

        public String getOwner() {
            return owner;
        }

        public void setOwner(String owner) {
            this.owner = owner;
        }

        public String getXattrs() {
            return xattrs;
        }

        public void setXattrs(String xattrs) {
            this.xattrs = xattrs;
        }

        public String getHardLinks() {
            return hardLinks;
        }

        public void setHardLinks(String hardLinks) {
            this.hardLinks = hardLinks;
        }

        public String getVerifyInterval() {
            return verifyInterval;
        }

        public void setVerifyInterval(String verifyInterval) {
            this.verifyInterval = verifyInterval;
        }

        public String getVerifyRate() {
            return verifyRate;
        }

        public void setVerifyRate(String verifyRate) {
            this.verifyRate = verifyRate;
        }

        public String getProgressInterval() {
            return progressInterval;
        }

        public void setProgressInterval(String progressInterval) {
            this.progressInterval = progressInterval;
        }
    }
}
