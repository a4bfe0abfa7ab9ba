package io.foldersync.support;

import java.util.ArrayList;
import java.util.List;

import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;

/** Keeps every formatted log message of a test run in memory, so tests can assert on the action lines. */
@Plugin(name = "CapturedLog", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE)
public final class CapturedLog extends AbstractAppender {

    private static final List<String> LINES = new ArrayList<>();

    private CapturedLog(String name) {
        super(name, null, null, true, Property.EMPTY_ARRAY);
    }

    @PluginFactory
    public static CapturedLog create(@PluginAttribute("name") String name) {
        return new CapturedLog(name);
    }

    @Override
    public void append(LogEvent event) {
        synchronized (LINES) {
            LINES.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
        }
    }

    public static List<String> lines() {
        synchronized (LINES) {
            return List.copyOf(LINES);
        }
    }

    public static void clear() {
        synchronized (LINES) {
            LINES.clear();
        }
    }
}
