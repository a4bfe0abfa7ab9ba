package io.foldersync.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;

import io.foldersync.settings.RunSettings;
import io.foldersync.settings.SettingsException;
import io.foldersync.settings.SyncPair;
import io.foldersync.settings.SyncPairs;
import io.foldersync.replica.ReplicaLock;
import io.foldersync.verify.PairVerification;
import io.foldersync.verify.ReadRate;
import org.slf4j.LoggerFactory;

/**
 * The command line: checks every setting before anything is created, then runs the mirror.
 * Exit codes: 0 in sync (or stopped by a signal), 1 a --once cycle left entries unsynced, a --verify found a difference
 * or a --verify --repair left one (or --versions found no version, or --restore did not restore), 2 bad usage or
 * cannot start.
 */
public final class FolderSync {

    static final int USAGE_ERROR = 2;

    private FolderSync() {
    }

    public static void main(String[] args) {
        StopSignals stop = StopSignals.install();
        int code = 1;
        try {
            code = run(args, stop);
        } finally {
            // also after an unexpected Error: the pools Camel leaves would otherwise keep the JVM alive
            System.exit(code);
        }
    }

    /** Our version from the jar's manifest, and Camel's and Java's, which decide much of the behaviour. */
    static String version() {
        String own = FolderSync.class.getPackage().getImplementationVersion();
        Properties camel = new Properties();
        try (InputStream in = FolderSync.class.getResourceAsStream(
                "/META-INF/maven/org.apache.camel/camel-api/pom.properties")) {
            if (in != null) {
                camel.load(in);
            }
        } catch (IOException unreadable) {
            // the version stays unknown
        }
        return "folder-sync " + (own == null ? "(not packaged)" : own) + " (Apache Camel "
                + camel.getProperty("version", "unknown") + ", Java " + Runtime.version() + ")";
    }

    static int run(String[] args, StopSignals stop) {
        List<SyncPair> pairs;
        Properties properties;
        StartRollback rollback;
        RunSettings run;
        try {
            CommandLine commandLine = CommandLine.parse(args);
            if (commandLine.help()) {
                System.out.println(CommandLine.USAGE);
                return 0;
            }
            if (commandLine.version()) {
                System.out.println(version());
                return 0;
            }
            properties = SettingsSources.merge(commandLine, System.getenv(), System.getProperties());
            if (!commandLine.positional().isEmpty() && !properties.getProperty("sync.pairs", "").isBlank()) {
                throw new SettingsException("give SOURCE and REPLICA as arguments or name pairs in sync.pairs, "
                        + "not both");
            }
            run = RunSettings.from(properties::getProperty);
            pairs = SyncPairs.from(properties::getProperty, run);
            if (commandLine.handlesVersions()) { // no lock, no log file, no Camel: it mirrors nothing
                return new VersionsCommand(commandLine, pairs, System.out, System.err).run();
            }
            if (!run.verify() || run.repair()) { // a verify alone serves nothing and writes nothing
                HttpPorts.check(properties);
                for (SyncPair pair : pairs) {
                    if (!run.dryRun() && !namesAClusterService(properties)) { // a leader takes it when it leads
                        ReplicaLock.acquire(pair.settings().replica(), pair.settings().source()); // held until exit
                    }
                }
            }
            rollback = new StartRollback(pairs, run); // before the first logger, which makes the log folder
            if (run.once() || run.verify()) { // settings checked: a short run begins
                WarmUpCompiler.holdOptimisingCompilerInBackground();
            }
            ClassPreloader.startInBackground();
            LogSetup.configure(run, properties::getProperty);
            for (String name : SettingKeys.unknownInEnvironment(System.getenv(), properties)) {
                LoggerFactory.getLogger("folder-sync").warn("the environment variable {} stands for no setting; it is "
                        + "ignored", name);
            }
        } catch (SettingsException e) {
            System.err.println("folder-sync: " + e.getMessage());
            return USAGE_ERROR;
        }
        return run.verify() && !run.repair() ? verify(pairs) : new MirrorProcess(pairs, run, properties, rollback, stop)
                .run();
    }

    /** A cluster service declared the Camel Main way: camel.beans.NAME=#class:...ClusterService. */
    private static boolean namesAClusterService(Properties properties) {
        return properties.stringPropertyNames().stream().anyMatch(key -> key.startsWith("camel.beans.")
                && properties.getProperty(key).trim().endsWith("ClusterService"));
    }

    /** --verify: compares each pair's trees without Camel; 0 when all are identical, 1 when not. */
    private static int verify(List<SyncPair> pairs) {
        long differences = 0;
        for (SyncPair pair : pairs) {
            ReadRate rate = new ReadRate(pair.settings().verifyRate());
            try {
                differences += PairVerification.standalone(pair, rate).run();
            } catch (IOException e) {
                LoggerFactory.getLogger("folder-sync").error("pair {}: the verify stopped: {}", pair.name(),
                        e.toString());
                return 1;
            }
        }
        return differences == 0 ? 0 : 1;
    }
}
