package io.foldersync.settings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The pairs to mirror: the one pair of {@code sync.source} and {@code sync.replica}, or the pairs named in
 * {@code sync.pairs}. A named pair takes each setting from {@code sync.pair.NAME.KEY}, else from {@code sync.KEY};
 * the process's own settings ({@link RunSettings}) are never per pair.
 */
public final class SyncPairs {

    /** The name of the one pair when {@code sync.pairs} is empty. */
    public static final String DEFAULT = "default";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

    private SyncPairs() {
    }

    public static List<SyncPair> from(Function<String, String> lookup, RunSettings run) {
        String names = lookup.apply("sync.pairs");
        if (names == null || names.isBlank()) {
            return List.of(new SyncPair(DEFAULT, SyncSettings.from(lookup, run)));
        }
        List<SyncPair> pairs = new ArrayList<>();
        for (String name : distinctNames(names)) {
            for (String key : List.of("source", "replica")) {
                String value = lookup.apply("sync.pair." + name + "." + key);
                if (value == null || value.isBlank()) {
                    throw new SettingsException("pair " + name + ": sync.pair." + name + "." + key + " is not set");
                }
            }
            try {
                pairs.add(new SyncPair(name, SyncSettings.from(lookupFor(name, lookup), run)));
            } catch (SettingsException e) {
                throw new SettingsException("pair " + name + ": " + e.getMessage());
            }
        }
        checkApart(pairs);
        return List.copyOf(pairs);
    }

    private static Set<String> distinctNames(String names) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String raw : names.split(",")) {
            String name = raw.trim();
            if (!NAME.matcher(name).matches()) {
                throw new SettingsException("sync.pairs: '" + name + "' is not a pair name (a-z, 0-9, _ and -, "
                        + "starting with a letter or digit, at most 40)");
            }
            if (!distinct.add(name)) {
                throw new SettingsException("sync.pairs names " + name + " twice");
            }
        }
        return distinct;
    }

    /** A pair's view of the settings: its own key first, then the shared one. */
    private static Function<String, String> lookupFor(String name, Function<String, String> lookup) {
        return key -> {
            String own = lookup.apply("sync.pair." + name + key.substring("sync".length()));
            if (own != null && !own.isBlank()) {
                return own;
            }
            String shared = lookup.apply(key);
            if (key.equals("sync.state-dir") && shared != null && !shared.isBlank()) {
                return Path.of(shared.trim(), name).toString(); // one index per pair, even in a shared folder
            }
            return shared;
        };
    }

    /** No pair may write into another pair's SOURCE or REPLICA, nor read from another's REPLICA. */
    private static void checkApart(List<SyncPair> pairs) {
        for (SyncPair pair : pairs) {
            for (SyncPair other : pairs) {
                if (pair == other) {
                    continue;
                }
                Path replica = pair.settings().replica();
                if (overlap(replica, other.settings().replica()) || overlap(replica, other.settings().source())) {
                    throw new SettingsException("pair " + pair.name() + ": REPLICA " + replica
                            + " overlaps a folder of pair " + other.name());
                }
            }
        }
    }

    private static boolean overlap(Path a, Path b) {
        return a.startsWith(b) || b.startsWith(a);
    }
}
