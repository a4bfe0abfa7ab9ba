package io.foldersync.fs;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * One filter pattern, read the way rsync reads its own: a pattern matches the end of a path at any depth ({@code *.tmp},
 * {@code .git/}, {@code docs/draft-*} in {@code x/docs/draft-1}), unless a leading {@code /} anchors it at SOURCE
 * ({@code /build}); {@code **} as a whole name stands for any number of folders or none, as in Ant; a trailing
 * {@code /} matches folders only. Within a name, the JDK's glob syntax:
 * {@code *}, {@code ?}, {@code [abc]}, {@code [!a-z]}, {@code {tmp,bak}}, and {@code \} before one of those characters
 * to take it literally.
 */
final class PathPattern {

    private static final String GLOB_CHARACTERS = "*?[]{}\\,";

    private final String text;
    /** One matcher per name of the pattern; null stands for {@code **}. */
    private final List<NameMatcher> names;
    private final boolean foldersOnly;

    private PathPattern(String text, List<NameMatcher> names, boolean foldersOnly) {
        this.text = text;
        this.names = names;
        this.foldersOnly = foldersOnly;
    }

    /** @throws IllegalArgumentException naming the pattern and what is wrong with it */
    static PathPattern parse(String text) {
        String body = text;
        boolean foldersOnly = body.endsWith("/") && body.length() > 1;
        if (foldersOnly) {
            body = body.substring(0, body.length() - 1);
        }
        boolean anchored = body.startsWith("/");
        if (body.startsWith("/")) {
            body = body.substring(1);
        }
        check(text, body);
        List<NameMatcher> names = new ArrayList<>();
        if (!anchored && !body.startsWith("**/") && !body.equals("**")) {
            names.add(null); // the end of a path, at any depth
        }
        for (String name : body.split("/")) {
            names.add(name.equals("**") ? null : NameMatcher.of(text, name));
        }
        return new PathPattern(text, names, foldersOnly);
    }

    /** Whether the entry at these names (a path split at {@code /}) matches: itself, not a folder above it. */
    boolean matches(String[] path, int length, boolean isFolder) {
        return (isFolder || !foldersOnly) && match(0, path, 0, length);
    }

    /** Whether something strictly below the folder at these names could match. */
    boolean mayMatchBelow(String[] path, int length) {
        return matchStart(0, path, 0, length);
    }

    @Override
    public String toString() {
        return text;
    }

    private boolean match(int p, String[] path, int n, int length) {
        if (p == names.size()) {
            return n == length;
        }
        NameMatcher name = names.get(p);
        if (name == null) {
            for (int skip = n; skip <= length; skip++) {
                if (match(p + 1, path, skip, length)) {
                    return true;
                }
            }
            return false;
        }
        return n < length && name.matches(path[n]) && match(p + 1, path, n + 1, length);
    }

    /** Like {@link #match}, but true when the path runs out while the pattern still asks for more. */
    private boolean matchStart(int p, String[] path, int n, int length) {
        if (n == length) {
            return p < names.size();
        }
        if (p == names.size()) {
            return false;
        }
        NameMatcher name = names.get(p);
        if (name == null) {
            return true; // ** takes the rest of the path, and what is below it
        }
        return name.matches(path[n]) && matchStart(p + 1, path, n + 1, length);
    }

    /** Patterns are matched against relative paths made of names: anything else could never match, and is a typo. */
    private static void check(String text, String body) {
        String problem = null;
        if (text.isBlank()) {
            problem = "is empty: give a name or a glob";
        } else if (body.startsWith("/")) {
            problem = "starts with //";
        } else if (body.contains("//")) {
            problem = "holds an empty folder name (//)";
        } else {
            for (String name : body.split("/")) {
                if (name.equals("..") || name.equals(".")) {
                    problem = "holds " + name + ": patterns name entries below SOURCE";
                } else if (name.contains("**") && !name.equals("**")) {
                    problem = "holds ** inside a name (" + name + "): ** stands for whole folders, * within a name";
                } else if (name.isEmpty()) {
                    problem = "names no entry";
                }
            }
            for (int i = 0; problem == null && i < body.length(); i++) {
                if (body.charAt(i) == '\\' && (i + 1 == body.length()
                        || GLOB_CHARACTERS.indexOf(body.charAt(++i)) < 0)) {
                    problem = "holds a backslash that escapes no glob character (\\* \\? \\[ \\{ \\, \\\\): "
                            + "folders are separated by /";
                }
            }
        }
        if (problem != null) {
            throw new IllegalArgumentException("pattern '" + text + "' " + problem);
        }
    }

    /** One name of a pattern: a plain name compared as it is, or a glob for the JDK's matcher. */
    private record NameMatcher(String literal, PathMatcher glob) {

        static NameMatcher of(String pattern, String name) {
            if (name.chars().noneMatch(c -> GLOB_CHARACTERS.indexOf(c) >= 0)) {
                return new NameMatcher(name, null);
            }
            try {
                return new NameMatcher(null, FileSystems.getDefault().getPathMatcher("glob:" + name));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("pattern '" + pattern + "' is not a glob: " + e.getDescription()
                        + " in '" + name + "' (a \\ before a character takes it literally)");
            }
        }

        boolean matches(String name) {
            return literal != null ? literal.equals(name) : glob.matches(Path.of(name));
        }
    }
}
