package io.foldersync.replica;

import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;

import org.slf4j.LoggerFactory;

/**
 * A folder of REPLICA opened without following links. Java offers *at() calls only for some operations (open, rename,
 * unlink, stat); for the others (mkdir, symlink, chmod, utimes) {@link #resolve} gives a path through
 * {@code /proc/self/fd/N}, which the kernel resolves to this very folder however the tree is changed meanwhile.
 * Where the file descriptor cannot be read (the JVM was started without {@code --add-opens java.base/sun.nio.fs}),
 * it falls back to the folder's path, which a concurrent swap of a parent for a symlink could redirect.
 */
public final class ReplicaFolder implements Closeable {

    private static final Field DESCRIPTOR = descriptorField();

    private final SecureDirectoryStream<Path> stream;
    private final Path base;
    /** Kept by {@link ReplicaTree} for many copies: closed once it is retired and none uses it any more. */
    private boolean shared;
    private int users;
    private boolean retired;

    ReplicaFolder(SecureDirectoryStream<Path> stream, Path path) {
        this.stream = stream;
        this.base = DESCRIPTOR == null ? path : Path.of("/proc/self/fd/" + descriptor(stream));
    }

    /** Kept open by {@link ReplicaTree} for the copies into it: a caller's close only ends its own use. */
    ReplicaFolder share() {
        shared = true;
        return this;
    }

    /** Starts a caller's use of a shared folder; false once it is retired (then it is, or will be, closed). */
    synchronized boolean tryUse() {
        if (retired) {
            return false;
        }
        users++;
        return true;
    }

    /** The tree lets go of a shared folder (a new cycle, or the folder deleted): closed when its last user is done. */
    synchronized void retire() throws IOException {
        retired = true;
        if (users == 0) {
            stream.close();
        }
    }

    public SecureDirectoryStream<Path> stream() {
        return stream;
    }

    /** A path to a name inside this folder, bound to the opened folder, not to its path. */
    public Path resolve(String name) {
        return base.resolve(name);
    }

    /** As {@link #resolve(String)}, for a name as listed, which need not decode. */
    public Path resolve(Path name) {
        return base.resolve(name);
    }

    /** A path to the folder itself; following it (and only it) is safe, as it leads to the opened folder. */
    public Path self() {
        return base;
    }

    @Override
    public void close() throws IOException {
        if (!shared) {
            stream.close();
            return;
        }
        synchronized (this) {
            if (--users == 0 && retired) {
                stream.close();
            }
        }
    }

    private static int descriptor(SecureDirectoryStream<Path> stream) {
        try {
            return DESCRIPTOR.getInt(stream);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field descriptorField() {
        try {
            Field field = Class.forName("sun.nio.fs.UnixSecureDirectoryStream").getDeclaredField("dfd");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LoggerFactory.getLogger("folder-sync").warn("folder descriptors are not accessible ({}); replica "
                    + "folders are addressed by path, which a concurrent symlink swap could redirect. Run the jar "
                    + "with java -jar, or add --add-opens java.base/sun.nio.fs=ALL-UNNAMED", e.toString());
            return null;
        }
    }
}
