package io.foldersync.settings;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the interval settings: whole seconds ("60"), or a number with ms, s, m or h ("500ms", "30s", "5m"). */
public final class Interval {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,12})(ms|s|m|h)?");

    private Interval() {
    }

    public static Duration parse(String key, String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new SettingsException(key + " must be a positive duration such as 60, 500ms, 30s or 5m, not '"
                    + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration duration = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
        if (duration.isZero()) {
            throw new SettingsException(key + " must be greater than zero, not '" + text + "'");
        }
        return duration;
    }
}
