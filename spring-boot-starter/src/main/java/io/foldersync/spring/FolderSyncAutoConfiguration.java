package io.foldersync.spring;

import java.util.List;
import java.util.function.Function;

import io.foldersync.FolderSyncConfiguration;
import io.foldersync.camel.FolderSyncRoutes;
import io.foldersync.observe.SyncMetrics;
import io.foldersync.settings.RunSettings;
import io.foldersync.settings.SettingsException;
import io.foldersync.settings.SyncPair;
import io.foldersync.settings.SyncPairs;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Runs the pairs that the app's {@code sync.*} properties name (its application.properties or YAML, its environment)
 * in its Camel context: the library's configuration wires them and the packaged routes are added beside the app's own,
 * whose routes, endpoints, components and beans are left as they are (ours are named {@code folderSync...} or
 * {@code PAIR.BEAN}). Nothing happens when no pair is configured. The settings are read, and checked, by the same code
 * as the command line's: a wrong one fails the start, naming the key and the fix.
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@ConditionalOnExpression("'${sync.source:}' != '' or '${sync.pairs:}' != ''")
@EnableConfigurationProperties(FolderSyncProperties.class)
public class FolderSyncAutoConfiguration {

    /** The pairs, as the settings describe them: checked here, before Camel starts, so a wrong value fails the start. */
    @Bean
    public FolderSyncPairs folderSyncPairs(Environment environment) {
        Function<String, String> lookup = environment::getProperty;
        RunSettings run = RunSettings.from(lookup);
        if (run.once() || run.verify()) {
            throw new SettingsException("sync.once and sync.verify are modes of the command line; in an app the pairs "
                    + "run until it stops (remove them, or run the command line)");
        }
        return new FolderSyncPairs(SyncPairs.from(lookup, run));
    }

    /**
     * Wires the pairs into the app's Camel context as it starts, and adds their routes; the folder_sync_* meters go to
     * the app's meter registry (its primary one), which Actuator serves.
     */
    @Bean
    public CamelContextConfiguration folderSyncCamelContextConfiguration(FolderSyncPairs pairs,
                                                                         ObjectProvider<MeterRegistry> meters) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext context) {
                MeterRegistry registry = meters.getIfAvailable();
                if (registry != null) {
                    context.getRegistry().bind(SyncMetrics.REGISTRY, registry);
                }
                new FolderSyncConfiguration().configure(context);
                try {
                    context.addRoutes(FolderSyncRoutes.of(context));
                } catch (Exception e) {
                    throw new IllegalStateException("cannot add the folder-sync routes: " + e.getMessage(), e);
                }
            }

            @Override
            public void afterApplicationStart(CamelContext context) {
                // the pairs run with the context
            }
        };
    }

    /** The names of the pairs the settings describe. */
    public record FolderSyncPairs(List<SyncPair> pairs) {
    }
}
