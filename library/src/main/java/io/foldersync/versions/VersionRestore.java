package io.foldersync.versions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.foldersync.fs.RelativePath;
import io.foldersync.index.Md5;
import io.foldersync.versions.VersionHistory.Version;

/**
 * Puts a kept version back: into SOURCE, from where the mirror takes it as any change (and keeps REPLICA's file it
 * replaces as a version in turn), or into another folder. It is written to a temporary file beside the target, given
 * the version's mtime and mode, and renamed onto the target, so a reader, the watch included, never sees it half
 * written. It never replaces a file modified after the version unless forced, nor anything that is not a file, and
 * never writes through a link on the way below the folder it writes into.
 */
public final class VersionRestore {

    /** A restore that would lose something, or cannot be made: refused, saying why and what would let it go ahead. */
    public static final class Refused extends Exception {
        Refused(String reason) {
            super(reason);
        }
    }

    /** What was written where. */
    public record Restored(Path target, long size, Md5 md5) {
    }

    private VersionRestore() {
    }

    /**
     * Writes {@code version} to {@code root/relative}, making the folders on the way that are missing.
     *
     * @param force whether a file modified after the version may be replaced
     */
    public static Restored restore(Version version, Path root, String relative, boolean force)
            throws Refused, IOException {
        Path folder = folderFor(root, RelativePath.parent(relative));
        Path target = folder.resolve(RelativePath.name(relative));
        PosixFileAttributes existing = attributes(target);
        if (existing != null && !existing.isRegularFile()) {
            throw new Refused(target + " is " + (existing.isDirectory() ? "a folder" : existing.isSymbolicLink()
                    ? "a symlink" : "not a regular file") + ": a restore replaces only a file; restore elsewhere "
                    + "with --to DIR");
        }
        if (existing != null && !force && existing.lastModifiedTime().toInstant().isAfter(version.modified())) {
            throw new Refused(target + " was modified at " + VersionTime.format(
                    existing.lastModifiedTime().toInstant()) + ", after this version (" + VersionTime.format(
                    version.modified()) + "): --force replaces it, or --to DIR restores beside it");
        }
        PosixFileAttributes kept = attributes(version.file());
        if (kept == null || !kept.isRegularFile()) {
            throw new Refused(version.file() + " is gone from the versions folder");
        }
        Path temp = folder.resolve(".folder-sync-" + Long.toHexString(ThreadLocalRandom.current().nextLong()
                | Long.MIN_VALUE) + ".tmp");
        try {
            Md5 md5 = copy(version.file(), temp);
            owner(temp, existing != null ? existing : kept);
            Files.getFileAttributeView(temp, BasicFileAttributeView.class).setTimes(kept.lastModifiedTime(),
                    FileTime.from(Instant.now()), null);
            Files.setAttribute(temp, "unix:mode", mode(version.file()));
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return new Restored(target, kept.size(), md5);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** The folder to write into, with the missing ones on the way made; a link or a file on the way is refused. */
    private static Path folderFor(Path root, String relative) throws Refused, IOException {
        Path folder = root;
        for (String name : RelativePath.components(relative)) {
            folder = folder.resolve(name);
            PosixFileAttributes there = attributes(folder);
            if (there == null) {
                Files.createDirectory(folder);
            } else if (!there.isDirectory()) {
                throw new Refused(folder + " is " + (there.isSymbolicLink() ? "a symlink" : "not a folder")
                        + ": a restore writes only into real folders; restore elsewhere with --to DIR");
            }
        }
        return folder;
    }

    private static Md5 copy(Path from, Path to) throws IOException {
        MessageDigest digest = Md5.newDigest();
        try (InputStream in = Files.newInputStream(from, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
             OutputStream out = Channels.newOutputStream(Files.newByteChannel(to, Set.of(
                     StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(
                     PosixFilePermissions.fromString("rw-------"))))) {
            byte[] buffer = new byte[1 << 16];
            for (int read; (read = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, read);
                out.write(buffer, 0, read);
            }
        }
        return Md5.of(digest.digest());
    }

    /**
     * The owner and group of the file it replaces (it stays that user's file), or else the version's (SOURCE's, where
     * owners are mirrored). Only root may give a file away: anyone else's restore is their own file, as a copy is.
     */
    private static void owner(Path temp, PosixFileAttributes from) throws IOException {
        if ((Integer) Files.getAttribute(temp, "unix:uid") != 0) {
            return;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        view.setOwner(from.owner());
        view.setGroup(from.group());
    }

    private static int mode(Path file) throws IOException {
        return (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    private static PosixFileAttributes attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException | NotDirectoryException missing) {
            return null;
        }
    }
}
