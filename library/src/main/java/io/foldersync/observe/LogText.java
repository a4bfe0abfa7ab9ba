package io.foldersync.observe;

/** Makes a file name safe to put in a log line: a name must never be able to forge or split a line. */
public final class LogText {

    private LogText() {
    }

    /** Escapes backslash and every control character (newline, tab, escape, DEL, C1) as {@code \xNN}. */
    public static String escape(String name) {
        StringBuilder out = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean unsafe = c == '\\' || Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (unsafe && out == null) {
                out = new StringBuilder(name.length() + 8).append(name, 0, i);
            }
            if (out != null) {
                if (c == '\\') {
                    out.append("\\\\");
                } else if (unsafe) {
                    out.append(String.format("\\x%02x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? name : out.toString();
    }
}
