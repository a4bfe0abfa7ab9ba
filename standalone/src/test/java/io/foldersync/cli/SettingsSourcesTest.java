package io.foldersync.cli;

import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Where settings come from: here, a pair configured from the environment alone, as a container would do it. */
class SettingsSourcesTest {

    @Test
    void eachPairsKeysCanComeFromTheEnvironment() {
        Map<String, String> environment = Map.of(
                "SYNC_PAIRS", "docs,photo-roll",
                "SYNC_PAIR_DOCS_SOURCE", "/data/docs",
                "SYNC_PAIR_PHOTO_ROLL_REPLICA", "/backup/photos",
                "SYNC_PAIR_PHOTO_ROLL_MAX_DELETE", "10%",
                "SYNC_PAIR_OTHER_SOURCE", "/not/a/pair");

        Properties merged = SettingsSources.merge(CommandLine.parse(new String[0]), environment, new Properties());

        assertEquals("docs,photo-roll", merged.getProperty("sync.pairs"));
        assertEquals("/data/docs", merged.getProperty("sync.pair.docs.source"));
        assertEquals("/backup/photos", merged.getProperty("sync.pair.photo-roll.replica"));
        assertEquals("10%", merged.getProperty("sync.pair.photo-roll.max-delete"));
        assertNull(merged.getProperty("sync.pair.other.source"), "only pairs named in sync.pairs");
    }

    @Test
    void aPairsKeyFromASystemPropertyBeatsTheEnvironment() {
        Properties system = new Properties();
        system.setProperty("sync.pair.docs.interval", "5m");
        Map<String, String> environment = Map.of("SYNC_PAIRS", "docs", "SYNC_PAIR_DOCS_INTERVAL", "30s",
                "SYNC_PAIR_DOCS_THREADS", "3");

        Properties merged = SettingsSources.merge(CommandLine.parse(new String[0]), environment, system);

        assertEquals("5m", merged.getProperty("sync.pair.docs.interval"));
        assertEquals("3", merged.getProperty("sync.pair.docs.threads"));
    }

    @Test
    void aOneShotRunStartsWithoutJmxAndMetricsUnlessItsUserAsks() {
        Properties daemon = SettingsSources.merge(CommandLine.parse(new String[0]), Map.of(), new Properties());
        Properties once = SettingsSources.merge(CommandLine.parse(new String[] {"--once"}), Map.of(), new Properties());
        Properties system = new Properties();
        system.setProperty("camel.main.jmx-enabled", "true");
        Properties asked = SettingsSources.merge(CommandLine.parse(new String[] {"--once"}),
                Map.of("CAMEL_METRICS_ENABLED", "true"), system);

        assertEquals("true", daemon.getProperty("camel.main.jmx-enabled"));
        assertEquals("true", daemon.getProperty("camel.metrics.enabled"));
        assertEquals("false", once.getProperty("camel.main.jmx-enabled"));
        assertEquals("false", once.getProperty("camel.metrics.enabled"));
        assertEquals("true", asked.getProperty("camel.main.jmx-enabled"));
        assertEquals("true", asked.getProperty("camel.metrics.enabled"));
    }
}
