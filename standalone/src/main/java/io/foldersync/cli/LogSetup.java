package io.foldersync.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.foldersync.settings.SettingsException;
import io.foldersync.settings.RunSettings;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LifeCycle;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.ConfigurationFactory;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;
import org.apache.logging.log4j.core.impl.Log4jContextFactory;
import org.apache.logging.log4j.util.PropertiesUtil;

/**
 * Hands the {@code sync.log-*} and {@code sync.console} settings to the packaged log4j2.xml through the
 * {@code folder-sync.log.*} system properties it reads. The log file gets every action; the console, what an operator
 * watches: by default warnings, errors, summaries and progress ({@code normal}); {@code quiet}, only warnings, errors
 * and the summaries of cycles that changed something; {@code verbose}, every action and the details besides. A dry
 * run shows its actions on the console unless quiet: showing them is what it is for.
 */
public final class LogSetup {

    /** The name log4j2.xml gives its configuration, to tell it from a platform's own. */
    private static final String PACKAGED_CONFIGURATION = "folder-sync";
    private static final String PACKAGED_FILE = "log4j2.xml";

    private LogSetup() {
    }

    /**
     * For our command line, before anything asks for a logger: sets the properties and starts Log4j on the packaged
     * configuration, unless the user named their own ({@code log4j2.configurationFile}), which Log4j then reads at the
     * first logger as usual.
     */
    public static void configure(RunSettings settings, Function<String, String> lookup) {
        properties(settings, lookup).forEach(System::setProperty);
        if (PropertiesUtil.getProperties().getStringProperty(ConfigurationFactory.CONFIGURATION_FILE_PROPERTY) == null
                && LogManager.getFactory() instanceof Log4jContextFactory factory) {
            startOnPackagedConfiguration(factory);
        }
    }

    /**
     * Starts the context as Log4j's own first logger would, without first asking each configuration format whether it
     * can read the file: for JSON that asking initialises Jackson's ObjectMapper, 0.11 s of CPU of an empty run's 2.4
     * here.
     */
    private static void startOnPackagedConfiguration(Log4jContextFactory factory) {
        ClassLoader loader = LogSetup.class.getClassLoader();
        LoggerContext context = factory.getSelector().getContext(LogSetup.class.getName(), loader, false);
        ConfigurationSource packaged = ConfigurationSource.fromResource(PACKAGED_FILE, loader);
        if (context.getState() == LifeCycle.State.INITIALIZED && packaged != null) {
            context.start(new XmlConfiguration(context, packaged));
        }
    }

    /**
     * For a Camel Main other than ours, where logging started before any setting was read: applies the settings by
     * reloading the packaged configuration. A platform's own logging configuration is left as it is, and so is each
     * {@code folder-sync.log.*} system property already given (or set by our command line).
     */
    public static void adopt(RunSettings settings, Function<String, String> lookup) {
        LoggerContext context = packagedContext();
        if (context == null) {
            return;
        }
        Map<String, String> missing = new HashMap<>(properties(settings, lookup));
        missing.keySet().removeAll(System.getProperties().stringPropertyNames());
        if (!missing.isEmpty()) {
            missing.forEach(System::setProperty);
            context.reconfigure();
        }
    }

    private static Map<String, String> properties(RunSettings settings, Function<String, String> lookup) {
        String format = choice(lookup, "sync.log-format", "text", "json");
        String console = choice(lookup, "sync.console", "normal", "quiet", "verbose");
        boolean actions = console.equals("verbose") || (settings.dryRun() && !console.equals("quiet"));
        return Map.of("folder-sync.log.file", settings.logFile().toString(),
                "folder-sync.log.max-size", String.valueOf(settings.logMaxBytes()),
                "folder-sync.log.max-files", String.valueOf(settings.logMaxFiles()),
                "folder-sync.log.format", format,
                "folder-sync.log.level", console.equals("verbose") ? "DEBUG" : "INFO",
                "folder-sync.log.console-level", switch (console) {
                    case "quiet" -> "WARN";
                    case "verbose" -> "DEBUG";
                    default -> "INFO";
                },
                "folder-sync.log.console-actions", actions ? "ACCEPT" : "DENY");
    }

    /** The setting's value, which must be one of {@code allowed}; the first is the default. */
    private static String choice(Function<String, String> lookup, String key, String... allowed) {
        String value = lookup.apply(key);
        String chosen = value == null || value.isBlank() ? allowed[0] : value.trim();
        if (!List.of(allowed).contains(chosen)) {
            throw new SettingsException(key + " must be " + String.join(" or ", allowed) + ", not '" + value + "'");
        }
        return chosen;
    }

    /** The Log4j context when it runs the packaged configuration, or null. */
    private static LoggerContext packagedContext() {
        try {
            return LogManager.getContext(false) instanceof LoggerContext context
                    && PACKAGED_CONFIGURATION.equals(context.getConfiguration().getName()) ? context : null;
        } catch (LinkageError noLog4jCore) { // the platform logs through another SLF4J backend
            return null;
        }
    }
}
