package io.foldersync.fs;

/** The kinds of directory entry the mirror tells apart; everything that is not a file, folder or link is SPECIAL. */
public enum FileKind {
    FILE, DIRECTORY, SYMLINK, SPECIAL;

    private static final int TYPE_MASK = 0170000;
    private static final int REGULAR = 0100000;
    private static final int DIR = 0040000;
    private static final int LINK = 0120000;

    static FileKind ofMode(int mode) {
        return switch (mode & TYPE_MASK) {
            case REGULAR -> FILE;
            case DIR -> DIRECTORY;
            case LINK -> SYMLINK;
            default -> SPECIAL;
        };
    }
}
