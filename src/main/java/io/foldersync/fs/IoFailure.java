package io.foldersync.fs;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.HashMap;
import java.util.Map;

/**
 * What kind of failure an I/O exception reports, by its type and, where Java gives only a {@link FileSystemException}
 * or a plain {@link IOException}, by its errno. Java carries the errno only as the C library's text for it, in the
 * locale's language; that text is looked up in this JVM's own table of those texts (its strerror), so the answer does
 * not depend on the language. Where that table cannot be reached, the errno is unknown and the failure counts as an
 * I/O error, which is retried.
 */
public enum IoFailure {
    /** ENOENT, ENOTDIR: a path, or a folder on its way, is not there (or no longer a folder). */
    MISSING,
    /** EACCES, EPERM: an operator must grant access. */
    PERMISSION,
    /** ENOSPC, EDQUOT: the disk or a quota is full. */
    NO_SPACE,
    /** EROFS: the file system is mounted read-only. */
    READ_ONLY,
    /** ENAMETOOLONG: the name is too long for REPLICA's file system. */
    NAME_TOO_LONG,
    /** ELOOP: a symlink where a folder was expected. */
    LOOP,
    /** ENOTEMPTY, EEXIST, EISDIR: something else came to stand at the path. */
    IN_THE_WAY,
    /** The pair is stopping. */
    STOPPED,
    /** EIO, and anything not named above: worth another try soon. */
    IO;

    private static final int ENOENT = 2;
    private static final int EIO = 5;
    private static final int EACCES = 13;
    private static final int EEXIST = 17;
    private static final int ENOTDIR = 20;
    private static final int EISDIR = 21;
    private static final int ENOSPC = 28;
    private static final int EROFS = 30;
    private static final int ENAMETOOLONG = 36;
    private static final int ENOTEMPTY = 39;
    private static final int ELOOP = 40;
    private static final int EDQUOT = 122;
    private static final int EPERM = 1;

    /** This JVM's text for each errno it may report, as its FileSystemException reasons carry them. */
    private static final Map<String, Integer> ERRNO_BY_TEXT = errnoTexts();

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
        if (e instanceof DirectoryNotEmptyException || e instanceof java.nio.file.FileAlreadyExistsException) {
            return IN_THE_WAY;
        }
        String text = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        return ofErrno(errno(text));
    }

    /** Whether an operator must act (ERROR at once, no retry): access, a read-only file system, a name too long. */
    public boolean needsAnOperator() {
        return this == PERMISSION || this == READ_ONLY || this == NAME_TOO_LONG;
    }

    static IoFailure ofErrno(int errno) {
        return switch (errno) {
            case ENOENT, ENOTDIR -> MISSING;
            case EACCES, EPERM -> PERMISSION;
            case ENOSPC, EDQUOT -> NO_SPACE;
            case EROFS -> READ_ONLY;
            case ENAMETOOLONG -> NAME_TOO_LONG;
            case ELOOP -> LOOP;
            case ENOTEMPTY, EEXIST, EISDIR -> IN_THE_WAY;
            default -> IO;
        };
    }

    /** The errno whose text begins {@code text} (Java may add words after it), or EIO when none does. */
    static int errno(String text) {
        if (text == null) {
            return EIO;
        }
        Integer exact = ERRNO_BY_TEXT.get(text);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, Integer> known : ERRNO_BY_TEXT.entrySet()) {
            if (text.startsWith(known.getKey())) {
                return known.getValue();
            }
        }
        return EIO;
    }

    private static Map<String, Integer> errnoTexts() {
        Map<String, Integer> texts = new HashMap<>();
        MethodHandle strerror = strerror();
        if (strerror == null) {
            return texts;
        }
        for (int errno : new int[] {EPERM, ENOENT, EIO, EACCES, EEXIST, ENOTDIR, EISDIR, ENOSPC, EROFS, ENAMETOOLONG,
                ENOTEMPTY, ELOOP, EDQUOT}) {
            try {
                texts.putIfAbsent(new String((byte[]) strerror.invoke(errno)), errno);
            } catch (Throwable unreachable) {
                return Map.of();
            }
        }
        return texts;
    }

    /** The JDK's own strerror, which gives FileSystemException its reason; reachable with the jar's Add-Opens. */
    private static MethodHandle strerror() {
        try {
            Class<?> dispatcher = Class.forName("sun.nio.fs.UnixNativeDispatcher");
            return MethodHandles.privateLookupIn(dispatcher, MethodHandles.lookup())
                    .findStatic(dispatcher, "strerror", MethodType.methodType(byte[].class, int.class));
        } catch (ReflectiveOperationException | RuntimeException notOpened) {
            return null;
        }
    }
}
