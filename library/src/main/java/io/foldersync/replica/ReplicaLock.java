package io.foldersync.replica;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import io.foldersync.settings.SettingsException;
import io.foldersync.settings.SyncSettings;

/**
 * One writer per REPLICA on a host, whatever its state folder: a lock on a file named after REPLICA's path in the
 * host's lock folder ({@code /run/lock}, or the temporary folder where that cannot be written), so that no file is
 * added to REPLICA itself. The file names the holder (process, SOURCE), so a refused start can say who it is. The
 * kernel releases the lock when its process ends, however it ends. Held per process: a second acquisition in the same
 * process (our command line, then the Camel configuration) shares the first.
 */
public final class ReplicaLock implements AutoCloseable {

    private static final Path RUN_LOCK = Path.of("/run/lock");
    private static final Map<Path, ReplicaLock> HELD = new HashMap<>();

    private final Path replica;
    private final FileChannel channel;
    private int holders = 1;

    private ReplicaLock(Path replica, FileChannel channel) {
        this.replica = replica;
        this.channel = channel;
    }

    /** Takes REPLICA for this process, or throws a {@link SettingsException} naming the process that has it. */
    public static ReplicaLock acquire(Path replica, Path source) {
        synchronized (HELD) {
            ReplicaLock held = HELD.get(replica);
            if (held != null) {
                held.holders++;
                return held;
            }
            Path file = lockFolder().resolve("folder-sync-" + SyncSettings.shortDigest(replica.toString()) + ".lock");
            try {
                FileChannel channel = open(file);
                FileLock lock = tryLock(channel);
                if (lock == null) {
                    String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                    channel.close();
                    throw new SettingsException("REPLICA " + replica + " is already being mirrored by another "
                            + "folder-sync (" + holder + "): stop that one first, or choose another REPLICA");
                }
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(("process " + ProcessHandle.current().pid() + ", SOURCE " + source)
                        .getBytes(StandardCharsets.UTF_8)));
                ReplicaLock acquired = new ReplicaLock(replica, channel);
                HELD.put(replica, acquired);
                return acquired;
            } catch (IOException e) {
                throw new SettingsException("cannot lock REPLICA " + replica + " against a second writer (" + file
                        + ": " + e.getMessage() + ")");
            }
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (HELD) {
            if (--holders == 0) {
                HELD.remove(replica);
                channel.close();
            }
        }
    }

    /** Opens the lock file without O_CREAT when it exists: a sticky folder refuses that for another user's file. */
    private static FileChannel open(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException missing) {
            FileChannel created = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
            } catch (IOException | UnsupportedOperationException notOurs) {
                // another user's process made it first: it decides its mode
            }
            return created;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldHere) {
            return null; // cannot happen through acquire, which shares a lock this process holds
        }
    }

    private static Path lockFolder() {
        return Files.isDirectory(RUN_LOCK) && Files.isWritable(RUN_LOCK) ? RUN_LOCK
                : Path.of(System.getProperty("java.io.tmpdir"));
    }
}
