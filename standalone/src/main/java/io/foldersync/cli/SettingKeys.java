package io.foldersync.cli;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import io.foldersync.settings.SettingsException;

/**
 * The {@code sync.*} keys there are: every key the packaged application.properties documents, {@code sync.config},
 * and each of them for a named pair ({@code sync.pair.NAME.KEY}). A misspelt key would otherwise be ignored in
 * silence, and the setting the user meant never applied.
 */
final class SettingKeys {

    private static final Set<String> KNOWN = documented();
    private static final String PAIR = "sync.pair.";

    private SettingKeys() {
    }

    /** A usage error for the first unknown {@code sync.*} key of {@code keys}, naming the nearest known one. */
    static void checkKnown(Set<String> keys, String where, Properties merged) {
        for (String key : keys) {
            if (key.startsWith("sync.") && !isKnown(key, merged)) {
                throw new SettingsException("unknown setting " + key + " (" + where + ")" + suggestion(key, merged));
            }
        }
    }

    /**
     * The SYNC_* environment variables that stand for no known key. The environment may hold other programs'
     * variables, so they are reported, not refused.
     */
    static List<String> unknownInEnvironment(Map<String, String> environment, Properties merged) {
        Set<String> names = candidates(merged).stream().map(SettingsSources::environmentName)
                .collect(Collectors.toSet());
        return environment.keySet().stream().filter(name -> name.startsWith("SYNC_") && !names.contains(name))
                .sorted().toList();
    }

    private static boolean isKnown(String key, Properties merged) {
        return candidates(merged).contains(key);
    }

    /** Every key that means something with these settings: the documented ones, and each for each named pair. */
    private static Set<String> candidates(Properties merged) {
        Set<String> keys = new HashSet<>(KNOWN);
        for (String name : pairNames(merged)) {
            KNOWN.forEach(key -> keys.add(PAIR + name + key.substring("sync".length())));
        }
        return keys;
    }

    /**
     * The fix for an unknown key: a pair name in capitals is the same pair in lower case (names are lower case), a pair
     * not named in sync.pairs is said to be so, and otherwise the nearest known key is suggested.
     */
    private static String suggestion(String key, Properties merged) {
        if (key.startsWith(PAIR) && key.indexOf('.', PAIR.length()) > 0) {
            int dot = key.indexOf('.', PAIR.length());
            String name = key.substring(PAIR.length(), dot);
            String lower = name.toLowerCase(Locale.ROOT);
            String rest = nearest("sync" + key.substring(dot)).orElse("sync" + key.substring(dot));
            String fixed = PAIR + lower + rest.substring("sync".length());
            if (!name.equals(lower)) {
                return ": pair names are lower case; did you mean " + fixed + "?";
            }
            if (!pairNames(merged).contains(name)) {
                return ": there is no pair " + name + " in sync.pairs (" + merged.getProperty("sync.pairs", "")
                        + "); name it there, or fix the key";
            }
            return rest.equals("sync" + key.substring(dot)) ? ": application.properties lists every key"
                    : ": did you mean " + fixed + "?";
        }
        return nearest(key).map(nearest -> ": did you mean " + nearest + "?")
                .orElse(": application.properties lists every key");
    }

    /** The known key nearest to {@code key}, if one is near enough to be what was meant. */
    private static Optional<String> nearest(String key) {
        return KNOWN.stream().min(Comparator.comparingInt(known -> distance(key, known)))
                .filter(nearest -> !nearest.equals(key) && distance(key, nearest) <= Math.max(2, key.length() / 4));
    }

    private static Set<String> pairNames(Properties merged) {
        Set<String> names = new HashSet<>();
        for (String name : merged.getProperty("sync.pairs", "").split(",")) {
            if (!name.isBlank()) {
                names.add(name.trim());
            }
        }
        return names;
    }

    /** Levenshtein's edit distance: how many letters to add, drop or change to turn one key into the other. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int change = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(change, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static Set<String> documented() {
        Set<String> keys = new HashSet<>();
        SettingsSources.packagedDefaults().stringPropertyNames().stream().filter(key -> key.startsWith("sync."))
                .forEach(keys::add);
        keys.add("sync.config");
        return Set.copyOf(keys);
    }
}
