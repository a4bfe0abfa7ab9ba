package io.foldersync.fs;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * {@link OpenFileCalls} through the FFM API, calling the C library's statx(2), futimens(2), fchmod(2) and fchown(2)
 * on the descriptor of the opened channel. statx is used for fstat as its buffer has one layout on every
 * architecture, where struct stat's differs.
 */
final class FfmOpenFileCalls implements OpenFileCalls {

    private static final int AT_EMPTY_PATH = 0x1000;
    private static final int STATX_BASIC_STATS = 0x7ff;
    private static final int STATX_BYTES = 256;
    private static final int TIMESPECS_BYTES = 32;
    private static final int ENOENT = 2;
    private static final int EPERM = 1;
    private static final int EACCES = 13;

    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(
            java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
    /** Per thread: the call state, statx's buffer and its empty path, and futimens's two timespecs. */
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private final MethodHandle statx;
    private final MethodHandle futimens;
    private final MethodHandle fchmod;
    private final MethodHandle fchown;

    private FfmOpenFileCalls(MethodHandle statx, MethodHandle futimens, MethodHandle fchmod, MethodHandle fchown) {
        this.statx = statx;
        this.futimens = futimens;
        this.fchmod = fchmod;
        this.fchown = fchown;
    }

    private record Buffers(MemorySegment state, MemorySegment stat, MemorySegment emptyPath, MemorySegment times) {
        Buffers() {
            this(Arena.global().allocate(CALL_STATE), Arena.global().allocate(STATX_BYTES, 8),
                    Arena.global().allocateFrom(""), Arena.global().allocate(TIMESPECS_BYTES, 8));
        }
    }

    static FfmOpenFileCalls create() {
        if (ChannelDescriptors.HANDLE == null) {
            return null;
        }
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup libc = linker.defaultLookup();
            Linker.Option errno = Linker.Option.captureCallState("errno");
            return new FfmOpenFileCalls(
                    linker.downcallHandle(libc.find("statx").orElseThrow(),
                            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS), errno),
                    linker.downcallHandle(libc.find("futimens").orElseThrow(),
                            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), errno),
                    linker.downcallHandle(libc.find("fchmod").orElseThrow(),
                            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), errno),
                    linker.downcallHandle(libc.find("fchown").orElseThrow(),
                            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), errno));
        } catch (RuntimeException | LinkageError unavailable) {
            return null;
        }
    }

    @Override
    public FileMeta stat(FileChannel file) throws IOException {
        Buffers buffers = BUFFERS.get();
        MemorySegment stat = buffers.stat();
        call(buffers, () -> (int) statx.invokeExact(buffers.state(), fd(file), buffers.emptyPath(), AT_EMPTY_PATH,
                STATX_BASIC_STATS, stat));
        int mode = Short.toUnsignedInt(stat.get(JAVA_SHORT, 28));
        return new FileMeta(FileKind.ofMode(mode), stat.get(JAVA_LONG, 40), nanos(stat, 112), mode,
                stat.get(JAVA_LONG, 32), stat.get(JAVA_INT, 20), stat.get(JAVA_INT, 24), nanos(stat, 96),
                stat.get(JAVA_INT, 16), device(stat.get(JAVA_INT, 136), stat.get(JAVA_INT, 140)));
    }

    @Override
    public void setOwner(FileChannel file, int uid, int gid) throws IOException {
        Buffers buffers = BUFFERS.get();
        call(buffers, () -> (int) fchown.invokeExact(buffers.state(), fd(file), uid, gid));
    }

    @Override
    public void setTimes(FileChannel file, long mtimeNanos) throws IOException {
        Buffers buffers = BUFFERS.get();
        MemorySegment times = buffers.times();
        Instant now = Instant.now();
        times.set(JAVA_LONG, 0, now.getEpochSecond());
        times.set(JAVA_LONG, 8, now.getNano());
        times.set(JAVA_LONG, 16, Math.floorDiv(mtimeNanos, TimeUnit.SECONDS.toNanos(1)));
        times.set(JAVA_LONG, 24, Math.floorMod(mtimeNanos, TimeUnit.SECONDS.toNanos(1)));
        call(buffers, () -> (int) futimens.invokeExact(buffers.state(), fd(file), times));
    }

    @Override
    public void setMode(FileChannel file, int mode) throws IOException {
        Buffers buffers = BUFFERS.get();
        call(buffers, () -> (int) fchmod.invokeExact(buffers.state(), fd(file), mode));
    }

    private static int fd(FileChannel file) throws Throwable {
        return (int) ChannelDescriptors.HANDLE.invokeExact(file);
    }

    /** A C call returning 0 or -1 with errno. */
    @FunctionalInterface
    private interface Call {
        int result() throws Throwable;
    }

    /** Makes a call; a failed one is thrown as the IOException the JDK would have thrown for it. */
    private static void call(Buffers buffers, Call call) throws IOException {
        int result;
        try {
            result = call.result();
        } catch (Throwable e) {
            throw unexpected(e);
        }
        if (result == 0) {
            return;
        }
        int errno = (int) ERRNO.get(buffers.state(), 0L);
        switch (errno) {
            case ENOENT -> throw new NoSuchFileException(null);
            case EPERM, EACCES -> throw new AccessDeniedException(null, null, "errno " + errno);
            default -> throw new FileSystemException(null, null, "errno " + errno);
        }
    }

    private static RuntimeException unexpected(Throwable e) {
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(e);
    }

    private static long nanos(MemorySegment stat, long offset) {
        return TimeUnit.SECONDS.toNanos(stat.get(JAVA_LONG, offset)) + Integer.toUnsignedLong(
                stat.get(JAVA_INT, offset + 8));
    }

    /** glibc's makedev(3), the st_dev an lstat through the JDK gives, so that file keys of both agree. */
    private static long device(int major, int minor) {
        long high = Integer.toUnsignedLong(major);
        long low = Integer.toUnsignedLong(minor);
        return ((high & 0xfffff000L) << 32) | ((high & 0xfffL) << 8) | ((low & 0xffffff00L) << 12) | (low & 0xffL);
    }
}
