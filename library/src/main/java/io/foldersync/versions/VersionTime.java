package io.foldersync.versions;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.foldersync.settings.SettingsException;

/**
 * Times as the versions commands print and read them: printed in UTC to the millisecond
 * ({@code 2026-12-01T10:15:03.123Z}, one width for every line); read as ISO-8601 with a zone or offset
 * ({@code 2026-12-01T10:15:00Z}, {@code 2026-12-01T11:15:00+01:00}) or as a version name's stamp, which is UTC
 * ({@code 20261201-101500}, {@code 20261201-101500-123}).
 */
public final class VersionTime {

    private static final DateTimeFormatter PRINTED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Pattern STAMP_FORM = Pattern.compile("(\\d{8}-\\d{6})(?:-(\\d{3}))?");

    private VersionTime() {
    }

    public static String format(Instant time) {
        return PRINTED.format(time);
    }

    /** @throws SettingsException naming the option and the forms it takes */
    public static Instant parse(String option, String text) {
        String trimmed = text.trim();
        try {
            Matcher stamp = STAMP_FORM.matcher(trimmed);
            if (stamp.matches()) {
                Instant second = LocalDateTime.parse(stamp.group(1), STAMP).toInstant(ZoneOffset.UTC);
                return stamp.group(2) == null ? second : second.plusMillis(Integer.parseInt(stamp.group(2)));
            }
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeParseException e) {
            throw new SettingsException(option + " " + text + " is not a time: give it as ISO-8601 with its zone "
                    + "(2026-12-01T10:15:00Z) or as a version's stamp in UTC (20261201-101500)");
        }
    }
}
