package io.foldersync.cli;

import java.util.Set;
import java.util.regex.Pattern;

import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.layout.template.json.resolver.EventResolver;
import org.apache.logging.log4j.layout.template.json.resolver.EventResolverContext;
import org.apache.logging.log4j.layout.template.json.resolver.EventResolverFactory;
import org.apache.logging.log4j.layout.template.json.resolver.TemplateResolverConfig;
import org.apache.logging.log4j.layout.template.json.resolver.TemplateResolverFactory;
import org.apache.logging.log4j.layout.template.json.util.JsonWriter;
import org.apache.logging.log4j.util.ReadOnlyStringMap;

/**
 * The {@code logFacts} resolver of the JSON log layout: each key-value fact of a line ({@link ActionLog}) becomes a
 * field of its own, counts and sizes as JSON numbers, so a log shipper can sum and compare them. The SLF4J bridge
 * hands every fact over as a string; names and digests stay strings even when they look like numbers.
 */
@Plugin(name = "LogFactsResolverFactory", category = TemplateResolverFactory.CATEGORY)
public final class LogFactsResolverFactory implements EventResolverFactory {

    private static final LogFactsResolverFactory INSTANCE = new LogFactsResolverFactory();
    private static final Set<String> TEXT = Set.of("pair", "action", "path", "md5", "error", "event");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");

    @PluginFactory
    public static LogFactsResolverFactory getInstance() {
        return INSTANCE;
    }

    @Override
    public String getName() {
        return "logFacts";
    }

    @Override
    public EventResolver create(EventResolverContext context, TemplateResolverConfig config) {
        return new Resolver();
    }

    private static final class Resolver implements EventResolver {

        @Override
        public boolean isFlattening() {
            return true;
        }

        @Override
        public boolean isResolvable(LogEvent event) {
            return !event.getContextData().isEmpty();
        }

        @Override
        public void resolve(LogEvent event, JsonWriter json) {
            resolve(event, json, false);
        }

        @Override
        public void resolve(LogEvent event, JsonWriter json, boolean succeedingEntry) {
            ReadOnlyStringMap facts = event.getContextData();
            boolean[] separate = {succeedingEntry};
            facts.forEach((key, value) -> {
                if (separate[0]) {
                    json.writeSeparator();
                }
                separate[0] = true;
                json.writeObjectKey(key);
                write(json, key, String.valueOf(value));
            });
        }

        private static void write(JsonWriter json, String key, String value) {
            if (!TEXT.contains(key)) {
                if (value.equals("true") || value.equals("false")) {
                    json.writeBoolean(Boolean.parseBoolean(value));
                    return;
                }
                if (INTEGER.matcher(value).matches()) {
                    json.writeNumber(Long.parseLong(value));
                    return;
                }
            }
            json.writeString(value);
        }
    }
}
