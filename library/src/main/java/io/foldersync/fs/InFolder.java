package io.foldersync.fs;

import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;

/** A name inside an opened folder, looked at or opened from the folder's descriptor, never through a link. */
public final class InFolder {

    /** One array for every look: a walk makes one per entry of a tree otherwise. */
    private static final LinkOption[] NOT_FOLLOWED = {LinkOption.NOFOLLOW_LINKS};

    private InFolder() {
    }

    /** lstat of a name inside an opened folder; {@code null} when it does not exist. */
    public static PosixFileAttributes attributes(SecureDirectoryStream<Path> folder, Path name) throws IOException {
        try {
            return folder.getFileAttributeView(name, PosixFileAttributeView.class, NOT_FOLLOWED).readAttributes();
        } catch (NoSuchFileException missing) {
            return null;
        }
    }

    /**
     * Opens a folder inside an opened one. What stands there is looked at first, and anything but a folder or a link
     * is refused as the JDK refuses it ({@link NotDirectoryException}) without being opened: JDK 25's
     * {@link SecureDirectoryStream#newDirectoryStream}, given a file, closes one descriptor twice (by then perhaps
     * another thread's) and leaks a second; and opening a FIFO would wait for a writer. A link is left to the JDK,
     * whose {@code O_NOFOLLOW} refuses it before any descriptor is made. A missing name is reported as missing
     * without trying the open (a first sync meets one for every folder it makes).
     */
    public static SecureDirectoryStream<Path> openFolder(SecureDirectoryStream<Path> parent, Path name)
            throws IOException {
        BasicFileAttributes there = attributes(parent, name);
        if (there == null) {
            throw new NoSuchFileException(name.toString());
        }
        if (!there.isDirectory() && !there.isSymbolicLink()) {
            throw new NotDirectoryException(name.toString());
        }
        return parent.newDirectoryStream(name, NOT_FOLLOWED);
    }
}
