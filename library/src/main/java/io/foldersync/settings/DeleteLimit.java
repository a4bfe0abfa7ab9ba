package io.foldersync.settings;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** sync.max-delete: how much one prune pass may delete, as a count ("500") or a share of REPLICA ("50%"). */
public record DeleteLimit(long count, int percent) {

    public static final DeleteLimit UNLIMITED = new DeleteLimit(Long.MAX_VALUE, 100);
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,15})(%)?");

    public static DeleteLimit parse(String text) {
        if (text == null || text.isBlank()) {
            return UNLIMITED;
        }
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches() || (m.group(2) != null && Long.parseLong(m.group(1)) > 100)) {
            throw new SettingsException("sync.max-delete must be a count (500) or a percentage (50%), not '" + text
                    + "'");
        }
        long number = Long.parseLong(m.group(1));
        return m.group(2) == null ? new DeleteLimit(number, 100) : new DeleteLimit(Long.MAX_VALUE, (int) number);
    }

    /** True when deleting {@code entries} of the {@code total} entries in REPLICA goes over the limit. */
    public boolean isExceeded(long entries, long total) {
        return entries > count || (percent < 100 && entries * 100 > (long) percent * total);
    }

    @Override
    public String toString() {
        return count != Long.MAX_VALUE ? String.valueOf(count) : percent == 100 ? "unlimited" : percent + "%";
    }
}
