package io.foldersync.fs;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.util.AntPathMatcher;

/**
 * Which SOURCE entries a pair mirrors: Ant-style patterns (Camel's {@code antInclude}/{@code antExclude} syntax:
 * {@code *} within a name, {@code **} across folders, {@code ?} one character; a pattern ending in {@code /} means
 * that folder and everything below), matched against the path relative to SOURCE. Excludes win over includes; with
 * includes, only what one matches is mirrored, and the folders that can lead to it are walked.
 */
public final class PathFilter {

    public static final PathFilter NONE = new PathFilter(List.of(), List.of());

    private static final AntPathMatcher MATCHER = AntPathMatcher.INSTANCE;

    private final List<String> includes;
    private final List<String> excludes;

    private PathFilter(List<String> includes, List<String> excludes) {
        this.includes = includes;
        this.excludes = excludes;
    }

    /**
     * @param includes comma-separated patterns; empty for everything
     * @param excludes comma-separated patterns; empty for nothing
     * @throws IllegalArgumentException naming a pattern that is not a relative path pattern
     */
    public static PathFilter of(String includes, String excludes) {
        List<String> in = patterns(includes);
        List<String> out = patterns(excludes);
        return in.isEmpty() && out.isEmpty() ? NONE : new PathFilter(in, out);
    }

    /** True for a folder that is not walked: an exclude matches it, or no include can match anything in it. */
    public boolean excludesFolder(String path) {
        return excluded(path) || (!includes.isEmpty() && includes.stream()
                .noneMatch(pattern -> MATCHER.matchStart(pattern, path) || MATCHER.match(pattern, path)));
    }

    /** True for a file, link or special file that is not mirrored. */
    public boolean excludesFile(String path) {
        return excluded(path) || (!includes.isEmpty() && includes.stream()
                .noneMatch(pattern -> MATCHER.match(pattern, path)));
    }

    /** Whether an entry found in REPLICA stands for one this filter leaves out of the mirror. */
    public boolean excludes(String path, boolean isFolder) {
        return isFolder ? excludesFolder(path) : excludesFile(path);
    }

    private boolean excluded(String path) {
        for (String pattern : excludes) {
            if (MATCHER.match(pattern, path)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> patterns(String list) {
        List<String> patterns = new ArrayList<>();
        if (list == null || list.isBlank()) {
            return patterns;
        }
        for (String raw : list.split(",")) {
            String pattern = raw.trim();
            if (pattern.isEmpty()) {
                continue;
            }
            check(pattern);
            patterns.add(pattern.endsWith("/") ? pattern + "**" : pattern);
        }
        return List.copyOf(patterns);
    }

    /** Patterns are matched against relative paths made of names: anything else could never match, and is a typo. */
    private static void check(String pattern) {
        String problem = null;
        if (pattern.startsWith("/")) {
            problem = "starts with /: patterns are relative to SOURCE (write " + pattern.substring(1) + ")";
        } else if (pattern.contains("\\")) {
            problem = "holds a backslash: folders are separated by /";
        } else if (pattern.contains("//")) {
            problem = "holds an empty folder name (//)";
        } else {
            for (String part : pattern.split("/")) {
                if (part.equals("..") || part.equals(".")) {
                    problem = "holds " + part + ": patterns name entries below SOURCE";
                } else if (part.contains("**") && !part.equals("**")) {
                    problem = "holds ** inside a name (" + part + "): ** stands for whole folders, * within a name";
                }
            }
        }
        if (problem != null) {
            throw new IllegalArgumentException("pattern '" + pattern + "' " + problem);
        }
    }
}
