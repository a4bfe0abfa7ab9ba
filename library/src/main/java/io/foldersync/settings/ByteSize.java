package io.foldersync.settings;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses sizes such as "10MB", "512KB", "1GB" or a plain byte count. */
public final class ByteSize {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,15})\\s*(B|KB|MB|GB)?");

    private ByteSize() {
    }

    public static long parse(String key, String text) {
        Matcher m = FORMAT.matcher(text.trim().toUpperCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new SettingsException(key + " must be a positive size such as 10MB, not '" + text + "'");
        }
        long shift = switch (m.group(2) == null ? "B" : m.group(2)) {
            case "KB" -> 10;
            case "MB" -> 20;
            case "GB" -> 30;
            default -> 0;
        };
        return Long.parseLong(m.group(1)) << shift;
    }
}
