package io.foldersync.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Random changes a user makes to a tree: create, overwrite, append, truncate, delete, mkdir, rm -r, renames of files and
 * folders across folders, a file turned into a folder and back, chmod, symlinks; names with spaces and accents.
 */
public final class Churn {

    private static final String[] NAMES = {"a", "b c", "é", "naïve name", "d-1", "x.txt"};

    private Churn() {
    }

    /** One random change; false when the tree changed under the pick and nothing was done. */
    public static boolean operate(Random random, Path root) {
        try {
            List<Path> folders = entries(root, true);
            List<Path> files = entries(root, false);
            Path folder = folders.get(random.nextInt(folders.size()));
            Path file = files.isEmpty() ? null : files.get(random.nextInt(files.size()));
            Path fresh = folder.resolve(NAMES[random.nextInt(NAMES.length)] + random.nextInt(20));
            int op = random.nextInt(100);
            if (op < 25) {
                Files.writeString(fresh, "x".repeat(random.nextInt(5000)));
            } else if (op < 35 && file != null) {
                Files.writeString(file, "rewritten " + random.nextInt(), StandardOpenOption.TRUNCATE_EXISTING);
            } else if (op < 42 && file != null) {
                Files.writeString(file, "more", StandardOpenOption.APPEND);
            } else if (op < 46 && file != null) {
                Files.newByteChannel(file, StandardOpenOption.WRITE).truncate(random.nextInt(3)).close();
            } else if (op < 54 && file != null) {
                Files.delete(file);
            } else if (op < 64 && root.relativize(folder).getNameCount() < 5) {
                Files.createDirectories(fresh);
            } else if (op < 68 && !folder.equals(root)) {
                Trees.deleteTree(folder);
            } else if (op < 76 && file != null) {
                Files.move(file, fresh);
            } else if (op < 82 && !folder.equals(root)) {
                Path target = folders.get(random.nextInt(folders.size())).resolve("moved" + random.nextInt(20));
                if (!target.startsWith(folder)) {
                    Files.move(folder, target);
                }
            } else if (op < 86 && file != null) {
                Files.delete(file);
                Files.createDirectory(file);
                Files.writeString(file.resolve("inside"), "was a file");
            } else if (op < 89 && !folder.equals(root) && random.nextBoolean()) {
                Trees.deleteTree(folder);
                Files.writeString(folder, "was a folder");
            } else if (op < 94) {
                Path target = random.nextBoolean() || file == null ? folder : file;
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                        random.nextBoolean() ? "rwxr-x---" : "rwxrwxr-x"));
            } else if (!Files.exists(fresh, LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(fresh, Path.of(random.nextBoolean() ? ".." : "a0"));
            } else {
                return false;
            }
            return true;
        } catch (IOException | RuntimeException raced) {
            return false; // the tree changed under a random pick: another operation comes next
        }
    }

    private static List<Path> entries(Path root, boolean folders) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> folders ? Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                    : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
        }
    }

}
