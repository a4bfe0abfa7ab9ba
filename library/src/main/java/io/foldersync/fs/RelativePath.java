package io.foldersync.fs;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/** Relative paths as the index and the log name them: components joined by '/', the root being "". */
public final class RelativePath {

    private RelativePath() {
    }

    /** The path of an entry below root, with '/' between names; a name may itself hold a backslash. */
    public static String of(Path root, Path entry) {
        return root.relativize(entry).toString();
    }

    /**
     * Whether a name as listed can be addressed again by its text. Java decodes names with the locale's encoding
     * (sun.jnu.encoding): bytes it cannot decode become U+FFFD, and that text names another file, or none.
     */
    public static boolean isAddressable(Path listedName) {
        String name = listedName.toString();
        if (name.indexOf('\uFFFD') < 0) {
            return true;
        }
        try {
            return Path.of(name).equals(listedName);
        } catch (InvalidPathException unencodable) {
            return false;
        }
    }

    /** Why a name is not addressable, and what to do about it, for the error that reports it. */
    public static String unaddressableHint() {
        String encoding = System.getProperty("sun.jnu.encoding", "");
        return encoding.equalsIgnoreCase("UTF-8")
                ? "the name is not valid UTF-8, and Java can only address names it decodes"
                : "the name cannot be decoded in this process's file name encoding (" + encoding + "): run "
                + "folder-sync with a UTF-8 locale (LANG=C.UTF-8)";
    }

    public static String child(String folder, String name) {
        return folder.isEmpty() ? name : folder + "/" + name;
    }

    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    public static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    public static List<String> components(String path) {
        return path.isEmpty() ? List.of() : List.of(path.split("/"));
    }

    public static int depth(String path) {
        if (path.isEmpty()) {
            return 0;
        }
        int depth = 1;
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            depth++;
        }
        return depth;
    }
}
