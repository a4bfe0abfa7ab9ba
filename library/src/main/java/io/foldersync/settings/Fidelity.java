package io.foldersync.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * What of a file besides its content, mode and mtime a pair mirrors: owner and group (numeric, as rsync -a does as
 * root), {@code user.*} extended attributes (rsync -X), and hard links (rsync -H).
 */
public record Fidelity(boolean owners, boolean xattrs, boolean hardLinks) {

    public static final Fidelity BASIC = new Fidelity(false, false, false);

    static Fidelity from(Function<String, String> lookup) {
        String owner = SyncSettings.value(lookup, "sync.owner", "auto");
        boolean owners = switch (owner) {
            case "auto" -> mayChangeOwners();
            case "false" -> false;
            case "true" -> {
                if (!mayChangeOwners()) {
                    throw new SettingsException("sync.owner=true, but this process may not change owners (run it as "
                            + "root or with CAP_CHOWN, or set sync.owner=auto)");
                }
                yield true;
            }
            default -> throw new SettingsException("sync.owner must be auto, true or false, not '" + owner + "'");
        };
        return new Fidelity(owners, SyncSettings.flag(lookup, "sync.xattrs", "false"),
                SyncSettings.flag(lookup, "sync.hard-links", "false"));
    }

    /** Root, or the CAP_CHOWN capability (bit 0 of the effective set the kernel lists for this process). */
    public static boolean mayChangeOwners() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 1) != 0;
                }
            }
        } catch (IOException | NumberFormatException unknown) {
            // not Linux: only root may
        }
        return "root".equals(System.getProperty("user.name"));
    }
}
