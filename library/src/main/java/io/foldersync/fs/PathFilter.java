package io.foldersync.fs;

import java.util.ArrayList;
import java.util.List;

/**
 * Which SOURCE entries a pair mirrors, by {@link PathPattern}s matched against the path relative to SOURCE. An entry
 * is left out when an exclude matches it or a folder above it (an excluded folder is not walked, so nothing in it is
 * mirrored). With includes, an entry is mirrored only when an include matches it or a folder above it; a folder is
 * walked when it could lead to such an entry, and mirrored only once it holds one (rsync's {@code --prune-empty-dirs}).
 * Excludes win over includes.
 */
public final class PathFilter {

    public static final PathFilter NONE = new PathFilter(List.of(), List.of());

    private final List<PathPattern> includes;
    private final List<PathPattern> excludes;

    private PathFilter(List<PathPattern> includes, List<PathPattern> excludes) {
        this.includes = includes;
        this.excludes = excludes;
    }

    /**
     * @param includes patterns separated by commas (see {@link #split}); blank for everything
     * @param excludes patterns separated by commas; blank for nothing
     * @throws IllegalArgumentException naming a pattern that is empty, not a glob, or cannot name a relative path
     */
    public static PathFilter of(String includes, String excludes) {
        List<PathPattern> in = patterns(includes);
        List<PathPattern> out = patterns(excludes);
        return in.isEmpty() && out.isEmpty() ? NONE : new PathFilter(in, out);
    }

    /** One pattern as an element of a comma list: its commas outside braces taken literally. */
    public static String quote(String pattern) {
        StringBuilder quoted = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                quoted.append(c).append(pattern.charAt(++i)); // escaped already
                continue;
            }
            braces += c == '{' ? 1 : c == '}' && braces > 0 ? -1 : 0;
            quoted.append(c == ',' && braces == 0 ? "\\," : String.valueOf(c));
        }
        return quoted.toString();
    }

    /** The patterns of a comma list: a comma inside braces, or after a backslash, does not split. */
    static List<String> split(String list) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '\\' && i + 1 < list.length()) {
                part.append(c).append(list.charAt(++i));
                continue;
            }
            braces += c == '{' ? 1 : c == '}' && braces > 0 ? -1 : 0;
            if (c == ',' && braces == 0) {
                parts.add(part.toString().trim());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString().trim());
        return parts;
    }

    /** Whether includes choose what is mirrored: then a folder is mirrored only while it holds something chosen. */
    public boolean hasIncludes() {
        return !includes.isEmpty();
    }

    /** True for a folder that is not walked: it is excluded, or nothing in it can be included. */
    public boolean excludesFolder(String path) {
        if (path.isEmpty() || this == NONE) {
            return false; // SOURCE itself; and the walk of a pair without patterns splits no path
        }
        String[] names = path.split("/");
        return excluded(names, true) || (hasIncludes() && !included(names, true) && !mayIncludeBelow(names));
    }

    /** True for a file, link or special file that is not mirrored. */
    public boolean excludesFile(String path) {
        if (path.isEmpty() || this == NONE) {
            return false;
        }
        String[] names = path.split("/");
        return excluded(names, false) || (hasIncludes() && !included(names, false));
    }

    /** Whether an entry is left out of the mirror, by what it is. */
    public boolean excludes(String path, boolean isFolder) {
        return isFolder ? excludesFolder(path) : excludesFile(path);
    }

    private boolean excluded(String[] names, boolean isFolder) {
        return matchesOrIsBelow(excludes, names, isFolder);
    }

    private boolean included(String[] names, boolean isFolder) {
        return matchesOrIsBelow(includes, names, isFolder);
    }

    /** Whether a pattern matches the entry, or one of the folders above it. */
    private static boolean matchesOrIsBelow(List<PathPattern> patterns, String[] names, boolean isFolder) {
        for (PathPattern pattern : patterns) {
            for (int length = 1; length <= names.length; length++) {
                if (pattern.matches(names, length, length < names.length || isFolder)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean mayIncludeBelow(String[] names) {
        for (PathPattern pattern : includes) {
            if (pattern.mayMatchBelow(names, names.length)) {
                return true;
            }
        }
        return false;
    }

    private static List<PathPattern> patterns(String list) {
        List<PathPattern> patterns = new ArrayList<>();
        if (list == null || list.isBlank()) {
            return patterns;
        }
        for (String pattern : split(list)) {
            if (pattern.isEmpty()) {
                throw new IllegalArgumentException("an empty pattern in '" + list + "': remove the extra comma");
            }
            patterns.add(PathPattern.parse(pattern));
        }
        return List.copyOf(patterns);
    }
}
