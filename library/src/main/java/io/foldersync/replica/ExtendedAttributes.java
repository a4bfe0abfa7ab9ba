package io.foldersync.replica;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.foldersync.index.Md5;
import io.foldersync.observe.ActionLog;

/**
 * A file's {@code user.*} extended attributes (Java's user-defined attributes): read, compared by a hash, and copied.
 * Where a file system does not support them, one WARN says so and the pair goes on without them.
 */
public class ExtendedAttributes {

    private final ActionLog log;
    private volatile boolean unsupportedSaid;

    public ExtendedAttributes(ActionLog log) {
        this.log = log;
    }

    /** A hash of the names and values; 0 for none, or where they cannot be read. */
    public long digest(Path file) throws IOException {
        UserDefinedFileAttributeView view = view(file);
        if (view == null) {
            return 0;
        }
        try {
            List<String> names = new ArrayList<>(view.list());
            if (names.isEmpty()) {
                return 0;
            }
            Collections.sort(names);
            MessageDigest digest = Md5.newDigest();
            for (String name : names) {
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(read(view, name));
                digest.update((byte) 0);
            }
            long hash = Md5.of(digest.digest()).high();
            return hash == 0 ? 1 : hash;
        } catch (FileSystemException e) {
            return unsupported(file, e);
        }
    }

    /** Makes the target's attributes the source's, removing those the source lacks; returns the source's hash. */
    long copy(Path from, Path to) throws IOException {
        UserDefinedFileAttributeView source = view(from);
        UserDefinedFileAttributeView target = view(to);
        if (source == null || target == null) {
            return 0;
        }
        try {
            List<String> names = source.list();
            for (String stale : target.list()) {
                if (!names.contains(stale)) {
                    target.delete(stale);
                }
            }
            for (String name : names) {
                target.write(name, ByteBuffer.wrap(read(source, name)));
            }
        } catch (FileSystemException e) {
            return unsupported(to, e);
        }
        return digest(from);
    }

    private static byte[] read(UserDefinedFileAttributeView view, String name) throws IOException {
        ByteBuffer value = ByteBuffer.allocate(view.size(name));
        view.read(name, value);
        return value.array();
    }

    private UserDefinedFileAttributeView view(Path file) {
        // followed: these are regular files, by a path that is the file itself (a /proc/self/fd path, or SOURCE's)
        return Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    }

    private long unsupported(Path file, FileSystemException e) throws FileSystemException {
        if (!String.valueOf(e.getReason()).contains("not supported")) {
            throw e;
        }
        if (!unsupportedSaid) {
            unsupportedSaid = true;
            log.warn("extended attributes are not supported by the file system of SOURCE or REPLICA: they are not "
                    + "mirrored (" + e.getReason() + ")");
        }
        return 0;
    }
}
