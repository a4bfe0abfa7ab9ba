package io.foldersync.settings;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the interval settings: whole seconds ("60"), or a number with ms, s, m or h ("500ms", "30s", "5m"). */
public final class Interval {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,12})(ms|s|m|h)?");

    private Interval() {
    }

    /** A long span: days as well ("7d", "30d"), or any of the units above. */
    public static Duration parseSpan(String key, String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.matches("\\d{1,6}d")) {
            Duration days = Duration.ofDays(Long.parseLong(trimmed.substring(0, trimmed.length() - 1)));
            if (!days.isZero()) {
                return days;
            }
        }
        if (trimmed.endsWith("d")) {
            throw new SettingsException(key + " must be a positive duration such as 7d, 12h or 30m, not '" + text
                    + "'");
        }
        return parse(key, trimmed);
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
