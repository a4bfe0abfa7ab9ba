package io.foldersync.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import io.foldersync.fs.PathFilter;

import io.foldersync.settings.SettingsException;

/**
 * Merges the places a setting can come from, weakest first: the packaged application.properties, the user's --config
 * file, environment variables (SYNC_LOG_FILE for sync.log-file), system properties, then the command line.
 */
final class SettingsSources {

    private static final String[] POSITIONAL_KEYS = {"sync.source", "sync.replica", "sync.interval", "sync.log-file"};
    /**
     * What a one-shot run has no use for unless its user asks: JMX and the Micrometer registry outlive no cycle, and
     * their start is a fifth of an empty run's (1.11 -> 0.90 s).
     */
    private static final Map<String, String> ONE_SHOT_DEFAULTS =
            Map.of("camel.main.jmx-enabled", "false", "camel.metrics.enabled", "false");

    private SettingsSources() {
    }

    static Properties merge(CommandLine commandLine, Map<String, String> environment, Properties system) {
        Properties merged = packagedDefaults();
        Path config = configFile(commandLine, environment, system);
        Properties file = new Properties();
        if (config != null) {
            load(file, config);
            merged.putAll(file);
        }
        for (String key : merged.stringPropertyNames()) {
            overrideFromEnvironment(merged, key, environment);
        }
        for (String key : pairKeys(merged)) {
            overrideFromEnvironment(merged, key, environment);
        }
        for (String key : system.stringPropertyNames()) {
            if (key.startsWith("sync.") || key.startsWith("camel.")) {
                merged.setProperty(key, system.getProperty(key));
            }
        }
        for (int i = 0; i < commandLine.positional().size(); i++) {
            merged.setProperty(POSITIONAL_KEYS[i], commandLine.positional().get(i));
        }
        if (commandLine.once()) {
            merged.setProperty("sync.once", "true");
        }
        if (commandLine.dryRun()) {
            merged.setProperty("sync.dry-run", "true");
        }
        if (commandLine.verify()) {
            merged.setProperty("sync.verify", "true");
        }
        if (commandLine.repair()) {
            merged.setProperty("sync.repair", "true");
        }
        if (!commandLine.includes().isEmpty()) {
            merged.setProperty("sync.include", commandLine.includes().stream().map(PathFilter::quote).collect(Collectors.joining(",")));
        }
        if (!commandLine.excludes().isEmpty()) {
            merged.setProperty("sync.exclude", commandLine.excludes().stream().map(PathFilter::quote).collect(Collectors.joining(",")));
        }
        if (commandLine.console() != null) {
            merged.setProperty("sync.console", commandLine.console());
        }
        if (config != null) {
            merged.setProperty("sync.config", config.toString());
        }
        oneShotDefaults(merged, file, environment, system);
        // once every source is in, as a pair named in one may be configured in another
        SettingKeys.checkKnown(file.stringPropertyNames(), "in " + config, merged);
        SettingKeys.checkKnown(system.stringPropertyNames(), "given with -D", merged);
        return merged;
    }

    private static void oneShotDefaults(Properties merged, Properties file, Map<String, String> environment,
                                        Properties system) {
        if (Boolean.parseBoolean(merged.getProperty("sync.once", "false").trim())) {
            ONE_SHOT_DEFAULTS.forEach((key, value) -> {
                boolean givenByUser = file.containsKey(key) || environment.containsKey(environmentName(key))
                        || system.containsKey(key);
                if (!givenByUser) {
                    merged.setProperty(key, value);
                }
            });
        }
    }

    private static void overrideFromEnvironment(Properties merged, String key, Map<String, String> environment) {
        String fromEnvironment = environment.get(environmentName(key));
        if (fromEnvironment != null) {
            merged.setProperty(key, fromEnvironment);
        }
    }

    /**
     * The per-pair form of every sync.* key for each pair named so far (sync.pair.docs.source): environment names
     * cannot be mapped back to keys, so the keys they may stand for are listed instead.
     */
    private static List<String> pairKeys(Properties merged) {
        List<String> keys = new ArrayList<>();
        for (String name : merged.getProperty("sync.pairs", "").split(",")) {
            if (name.isBlank()) {
                continue;
            }
            for (String key : merged.stringPropertyNames()) {
                if (key.startsWith("sync.") && !key.startsWith("sync.pair")) {
                    keys.add("sync.pair." + name.trim() + key.substring("sync".length()));
                }
            }
        }
        return keys;
    }

    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Path configFile(CommandLine commandLine, Map<String, String> environment, Properties system) {
        String config = commandLine.config() != null ? commandLine.config()
                : system.getProperty("sync.config", environment.get("SYNC_CONFIG"));
        if (config == null || config.isBlank()) {
            return null;
        }
        Path path = Path.of(config).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new SettingsException("config file " + path + " does not exist");
        }
        return path;
    }

    static Properties packagedDefaults() {
        Properties defaults = new Properties();
        try (InputStream in = SettingsSources.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                defaults.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the packaged application.properties", e);
        }
        return defaults;
    }

    private static void load(Properties into, Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            into.load(reader);
        } catch (IOException e) {
            throw new SettingsException("cannot read config file " + file + ": " + e.getMessage());
        }
    }
}
