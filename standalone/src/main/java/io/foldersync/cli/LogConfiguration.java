package io.foldersync.cli;

import java.util.function.Function;

import io.foldersync.settings.RunSettings;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * The {@code sync.log-*} settings in a Camel Main other than our command line that runs this jar: named before
 * {@link io.foldersync.FolderSyncConfiguration} in {@code camel.main.configuration-classes}, it reloads the packaged
 * Log4j2 configuration with them before the pairs log their first line. The library itself leaves logging to the
 * runtime.
 */
public class LogConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        Function<String, String> lookup = key -> context.getPropertiesComponent().resolveProperty(key).orElse(null);
        LogSetup.adopt(RunSettings.from(lookup), lookup);
    }
}
