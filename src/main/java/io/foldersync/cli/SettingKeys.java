package io.foldersync.cli;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
                throw new SettingsException("unknown setting " + key + " (" + where + ")" + suggestion(key));
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
        for (String name : merged.getProperty("sync.pairs", "").split(",")) {
            if (!name.isBlank()) {
                KNOWN.forEach(key -> keys.add(PAIR + name.trim() + key.substring("sync".length())));
            }
        }
        return keys;
    }

    private static String suggestion(String key) {
        String bare = key.startsWith(PAIR) ? "sync" + key.substring(key.indexOf('.', PAIR.length())) : key;
        return KNOWN.stream().min(Comparator.comparingInt(known -> distance(bare, known)))
                .filter(nearest -> distance(bare, nearest) <= Math.max(2, bare.length() / 4))
                .map(nearest -> ": did you mean " + (bare.equals(key) ? nearest
                        : key.substring(0, key.indexOf('.', PAIR.length())) + nearest.substring("sync".length()))
                        + "?")
                .orElse(": application.properties lists every key");
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
