package io.foldersync.fs;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * What kind of failure an I/O exception reports, by its type and, where Java gives only a {@link FileSystemException},
 * by its errno. Java carries that errno only as the C library's text for it, in the locale's language. So the texts
 * are learnt, once, from failures provoked for real in a temporary folder (a file taken for a folder, a link loop, a
 * name too long, a hard link to a folder, a folder opened for writing): whatever the language, the same errno gives the
 * same text. A failure whose text was not learnt (a full disk, a read-only file system, an I/O error) is worth another
 * try, after which it is an ERROR all the same.
 */
public enum IoFailure {
    /** ENOENT, ENOTDIR: a path, or a folder on its way, is not there (or no longer a folder). */
    MISSING,
    /** EACCES, EPERM: an operator must grant access. */
    PERMISSION,
    /** ENAMETOOLONG: the name is too long for the file system. */
    NAME_TOO_LONG,
    /** ELOOP: a symlink where a folder or file was expected. */
    LOOP,
    /** ENOTEMPTY, EEXIST, EISDIR: something else came to stand at the path. */
    IN_THE_WAY,
    /** The pair is stopping. */
    STOPPED,
    /** ENOSPC, EROFS, EIO, and anything else: worth another try soon. */
    IO;

    /** This JVM's reason text for each failure it was seen to give, as its FileSystemExceptions carry them. */
    private static final Map<String, IoFailure> BY_REASON = learnReasons();

    public static IoFailure of(IOException e) {
        if (e instanceof InterruptedIOException || e instanceof ClosedByInterruptException) {
            return STOPPED;
        }
        if (e instanceof NoSuchFileException || e instanceof NotDirectoryException) {
            return MISSING;
        }
        if (e instanceof AccessDeniedException) {
            return PERMISSION;
        }
        if (e instanceof FileSystemLoopException) {
            return LOOP;
        }
        if (e instanceof DirectoryNotEmptyException || e instanceof FileAlreadyExistsException) {
            return IN_THE_WAY;
        }
        return e instanceof FileSystemException fs ? byReason(fs.getReason()) : IO;
    }

    /** Whether an operator must act (ERROR at once, no retry): access refused, a name too long. */
    public boolean needsAnOperator() {
        return this == PERMISSION || this == NAME_TOO_LONG;
    }

    /** The kind a learnt text starts (Java may add words after it, as it does for ELOOP). */
    private static IoFailure byReason(String reason) {
        if (reason == null) {
            return IO;
        }
        IoFailure exact = BY_REASON.get(reason);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, IoFailure> learnt : BY_REASON.entrySet()) {
            if (reason.startsWith(learnt.getKey())) {
                return learnt.getValue();
            }
        }
        return IO;
    }

    private static Map<String, IoFailure> learnReasons() {
        Map<String, IoFailure> reasons = new HashMap<>();
        Path folder;
        try {
            folder = Files.createTempDirectory("folder-sync-errno");
        } catch (IOException | RuntimeException noTemporaryFolder) {
            return Map.of(); // nothing learnt: every such failure is retried, then reported
        }
        try {
            Path file = Files.writeString(folder.resolve("file"), "");
            Files.createSymbolicLink(folder.resolve("loop"), Path.of("loop"));
            learn(reasons, MISSING, () -> Files.readAttributes(file.resolve("child"),
                    java.nio.file.attribute.BasicFileAttributes.class)); // ENOTDIR
            learn(reasons, LOOP, () -> Files.newByteChannel(folder.resolve("loop")).close()); // ELOOP
            Path tooLong = folder.resolve("n".repeat(300));
            learn(reasons, NAME_TOO_LONG, () -> Files.createFile(tooLong)); // ENAMETOOLONG
            Path sub = Files.createDirectory(folder.resolve("sub"));
            learn(reasons, PERMISSION, () -> Files.createLink(folder.resolve("link"), sub)); // EPERM
            learn(reasons, IN_THE_WAY, () -> Files.newByteChannel(sub, StandardOpenOption.WRITE).close()); // EISDIR
        } catch (IOException | RuntimeException cannotProvoke) {
            // what was learnt so far is all there is
        } finally {
            deleteQuietly(folder);
        }
        return Map.copyOf(reasons);
    }

    private interface Provoke {
        void run() throws IOException;
    }

    private static void learn(Map<String, IoFailure> reasons, IoFailure kind, Provoke provoke) {
        try {
            provoke.run();
        } catch (FileSystemException e) {
            if (e.getReason() != null && !(e instanceof NoSuchFileException)) {
                reasons.putIfAbsent(e.getReason().replace(" or unable to access attributes of symbolic link", ""),
                        kind);
            }
        } catch (IOException | RuntimeException other) {
            // this system gave another kind of failure: nothing to learn from it
        }
    }

    private static void deleteQuietly(Path folder) {
        try (var entries = Files.list(folder)) {
            for (Path entry : entries.toList()) {
                Files.deleteIfExists(entry);
            }
            Files.deleteIfExists(folder);
        } catch (IOException | RuntimeException ignored) {
            // a temporary folder left in /tmp
        }
    }
}
