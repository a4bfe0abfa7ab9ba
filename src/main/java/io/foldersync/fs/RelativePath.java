package io.foldersync.fs;

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
        return path.isEmpty() ? 0 : (int) path.chars().filter(c -> c == '/').count() + 1;
    }
}
