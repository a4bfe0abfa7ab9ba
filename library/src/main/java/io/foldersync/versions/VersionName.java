package io.foldersync.versions;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name a kept version of a file gets in the versions folder: {@code name~yyyyMMdd-HHmmss-SSS.ext}, the time it was
 * kept in UTC to the millisecond, before the extension ({@code report~20261126-192757-042.pdf}), a known double
 * extension kept whole ({@code archive~20261126-192757-042.tar.gz}). Every version of one file has a stamp of the same
 * width, so {@code ls} lists them in time order in any locale: a collision suffix after the stamp would sort before the
 * plain stamp wherever the locale's collation skips punctuation (en_US). Two versions of one file kept within the same
 * millisecond take the next free one.
 * <p>
 * Names of the previous release, {@code name~yyyyMMdd-HHmmss[-N].ext} (N a counter of versions kept in the same
 * second, the extension the last one only), are still read: expiry and the listing treat them as any other.
 *
 * @param original  the name of the file this is a version of
 * @param kept      when the version was kept
 * @param collision the previous release's counter of versions kept in the same second; 0 for any other
 */
public record VersionName(String original, Instant kept, int collision) {

    /** Extensions of two parts that name one format: the stamp goes before both. Compared ignoring case. */
    static final List<String> DOUBLE_EXTENSIONS = List.of(".tar.gz", ".tar.bz2", ".tar.xz", ".tar.zst", ".tar.lz",
            ".tar.lz4", ".tar.lzma", ".tar.z", ".tar.br");

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /**
     * base, stamp, then 3 digits of milliseconds (this release) or the previous release's counter, then the extension,
     * if any. The base is greedy, so a name that holds {@code ~} itself is cut at the stamp.
     */
    private static final Pattern VERSION = Pattern.compile("(.+)~(\\d{8}-\\d{6})(?:-(\\d+))?(\\..*)?");

    /** Newest first: by the time kept, then by the previous release's counter. */
    public static final Comparator<VersionName> NEWEST_FIRST = Comparator.comparing(VersionName::kept)
            .thenComparingInt(VersionName::collision).reversed();

    /** The file name of the version of {@code original} kept at {@code kept} (to the millisecond). */
    public static String format(String original, Instant kept) {
        LocalDateTime utc = LocalDateTime.ofInstant(kept.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
        String stamp = utc.format(SECONDS) + String.format(Locale.ROOT, "-%03d", utc.getNano() / 1_000_000);
        String extension = extension(original);
        return original.substring(0, original.length() - extension.length()) + "~" + stamp + extension;
    }

    /** This version's file name, in this release's form. */
    public String fileName() {
        return format(original, kept);
    }

    /**
     * The extension the stamp goes before: a known double one, else from the last dot. A leading dot starts a hidden
     * name, not an extension ({@code .bashrc~STAMP}).
     */
    static String extension(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String known : DOUBLE_EXTENSIONS) {
            if (lower.endsWith(known) && lower.length() > known.length()) {
                return name.substring(name.length() - known.length());
            }
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot) : "";
    }

    /**
     * The version a file name stands for, in this release's form or the previous one's; empty for any other name,
     * including one that only looks like a version ({@code r.pdf~STAMP}: no release puts a stamp after an extension).
     */
    public static Optional<VersionName> parse(String fileName) {
        return read(fileName).filter(version -> version.collision() == 0 && version.fileName().equals(fileName)
                || previousReleaseName(version).equals(fileName));
    }

    /** As the previous release named it: the stamp to the second, a counter after it, before the last extension. */
    private static String previousReleaseName(VersionName version) {
        String name = version.original();
        String stamp = LocalDateTime.ofInstant(version.kept(), ZoneOffset.UTC).format(SECONDS)
                + (version.collision() == 0 ? "" : "-" + version.collision());
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + "~" + stamp + name.substring(dot) : name + "~" + stamp;
    }

    private static Optional<VersionName> read(String fileName) {
        Matcher m = VERSION.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        Instant second;
        try {
            second = LocalDateTime.parse(m.group(2), SECONDS).toInstant(ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException notADate) {
            return Optional.empty();
        }
        String suffix = m.group(3);
        String original = m.group(1) + (m.group(4) == null ? "" : m.group(4));
        if (suffix == null) {
            return Optional.of(new VersionName(original, second, 0));
        }
        if (suffix.length() == 3) { // this release's milliseconds; the old counter never reached 100 in one second
            return Optional.of(new VersionName(original, second.plusMillis(Integer.parseInt(suffix)), 0));
        }
        if (suffix.length() > 9) {
            return Optional.empty();
        }
        return Optional.of(new VersionName(original, second, Integer.parseInt(suffix)));
    }
}
