package io.foldersync.replica;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Set;
import java.util.function.LongConsumer;

import io.foldersync.fs.FileKind;
import io.foldersync.fs.FileMeta;
import io.foldersync.index.Md5;

/**
 * Reads file content for a pair, hashing it as it goes and, for a copy, writing it on: one read per byte whatever the
 * purpose. Every read stops at its next buffer once the pair stops.
 */
public class ContentTransfer {

    private static final int BUFFER_BYTES = 1 << 20;
    /**
     * Direct, so that a read lands in it and a write leaves from it without the copy through a JDK buffer of its own a
     * heap array costs each way; the digest reads it in small pieces that stay in the cache.
     */
    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(
            () -> ByteBuffer.allocateDirect(BUFFER_BYTES));
    /** One set for every open: the varargs form copies its options into a new set per call. */
    private static final Set<OpenOption> READ_NOT_FOLLOWING = Set.of(StandardOpenOption.READ,
            LinkOption.NOFOLLOW_LINKS);
    /** Reset and reused: asking the security providers for a new digest costs more than hashing a small file. */
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Md5::newDigest);

    private final LongConsumer hashed;
    private volatile boolean stopping;

    /** @param hashed hears how many bytes each read hashed */
    public ContentTransfer(LongConsumer hashed) {
        this.hashed = hashed;
    }

    /** Stops reads in progress at their next buffer, with an {@link InterruptedIOException}, and any to come. */
    public void stop() {
        stopping = true;
    }

    /** True once stopped: nothing more is to be written, not even a folder made. */
    public boolean isStopped() {
        return stopping;
    }

    /** Lets reads run again: a standby that becomes the leader. */
    public void resume() {
        stopping = false;
    }

    /** Opens a file to read, never through a link. */
    static FileChannel openSource(Path source) throws IOException {
        return FileChannel.open(source, READ_NOT_FOLLOWING);
    }

    /** Reads a source file once and hashes it. */
    public Md5 hash(String path, Path source) throws IOException {
        try (FileChannel in = openSource(source)) {
            return hashWhole(path, in);
        }
    }

    /**
     * Hashes the source file a decision looked at, which the MD5 is then recorded for: a file renamed over it since
     * (how writers publish) is not read in its place, as the copy does not copy it.
     */
    public Md5 hash(String path, Path source, FileMeta looked) throws IOException {
        try (FileChannel in = openSource(source)) {
            FileMeta opened = FileMeta.of(source);
            if (opened.kind() != FileKind.FILE || opened.inode() != looked.inode()) {
                throw new RetryableChangeException(path, "replaced while being opened", null);
            }
            return hashWhole(path, in);
        }
    }

    /** Reads a replica file through its opened folder, never through a link. */
    public Md5 hash(ReplicaFolder folder, Path name) throws IOException {
        try (SeekableByteChannel in = folder.stream().newByteChannel(name, READ_NOT_FOLLOWING)) {
            return digest(in, null, Long.MAX_VALUE).md5();
        }
    }

    /** The MD5 of what a copy read, and how many bytes it read. */
    record Read(Md5 md5, long bytes) {
    }

    /**
     * Copies an opened file to {@code out}, hashing it as it goes, until {@code size} bytes are read or it ends
     * sooner: the caller knows from the file's fstat after it whether that was the whole file, unchanged, which spares
     * the read that would find its end.
     */
    Read copy(FileChannel in, WritableByteChannel out, long size) throws IOException {
        return digest(in, out, size);
    }

    /**
     * Hashes an opened file to its end. The file must end where the reading did: one that grew or shrank meanwhile
     * was not read as one version.
     */
    private Md5 hashWhole(String path, FileChannel in) throws IOException {
        Read read = digest(in, null, Long.MAX_VALUE);
        if (read.bytes() != in.size()) {
            throw new RetryableChangeException(path, "changed while being copied", null);
        }
        return read.md5();
    }

    private Read digest(ReadableByteChannel in, WritableByteChannel out, long size) throws IOException {
        MessageDigest digest = DIGEST.get();
        digest.reset(); // a read stopped part-way left its bytes in it
        ByteBuffer buffer = BUFFER.get();
        long total = 0;
        int read;
        while (total < size && (read = in.read(buffer.clear().limit((int) Math.min(BUFFER_BYTES, size - total))))
                >= 0) {
            if (stopping) {
                throw new InterruptedIOException("shutting down");
            }
            digest.update(buffer.flip());
            if (out != null) {
                buffer.rewind();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
            total += read;
        }
        hashed.accept(total);
        return new Read(Md5.of(digest.digest()), total);
    }
}
