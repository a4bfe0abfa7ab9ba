package io.foldersync.fs;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.channels.FileChannel;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * {@link OpenFileCalls} through the methods the JDK itself calls for them ({@code sun.nio.fs.UnixNativeDispatcher}),
 * reached where the jar's Add-Opens allows it; {@link #create} gives null elsewhere.
 */
final class JdkOpenFileCalls implements OpenFileCalls {

    private final MethodHandle descriptor;
    private final MethodHandle fstat;
    private final MethodHandle fchown;
    private final MethodHandle futimens;
    private final MethodHandle fchmod;
    /** The JDK's own translation of its UnixException into the IOException a path call would have thrown. */
    private final MethodHandle translate;

    private JdkOpenFileCalls(MethodHandle descriptor, MethodHandle fstat, MethodHandle fchown, MethodHandle futimens,
                             MethodHandle fchmod, MethodHandle translate) {
        this.descriptor = descriptor;
        this.fstat = fstat;
        this.fchown = fchown;
        this.futimens = futimens;
        this.fchmod = fchmod;
        this.translate = translate;
    }

    static JdkOpenFileCalls create() {
        if (ChannelDescriptors.HANDLE == null) {
            return null;
        }
        try {
            Class<?> dispatcher = Class.forName("sun.nio.fs.UnixNativeDispatcher");
            Class<?> attributes = Class.forName("sun.nio.fs.UnixFileAttributes");
            Class<?> unixException = Class.forName("sun.nio.fs.UnixException");
            MethodHandles.Lookup fs = MethodHandles.privateLookupIn(dispatcher, MethodHandles.lookup());
            MethodHandle translate = MethodHandles.privateLookupIn(unixException, MethodHandles.lookup())
                    .findVirtual(unixException, "translateToIOException",
                    MethodType.methodType(IOException.class, String.class, String.class));
            return new JdkOpenFileCalls(ChannelDescriptors.HANDLE,
                    fs.findStatic(attributes, "get", MethodType.methodType(attributes, int.class))
                            .asType(MethodType.methodType(PosixFileAttributes.class, int.class)),
                    fs.findStatic(dispatcher, "fchown", MethodType.methodType(void.class, int.class, int.class,
                            int.class)),
                    fs.findStatic(dispatcher, "futimens", MethodType.methodType(void.class, int.class, long.class,
                            long.class)),
                    fs.findStatic(dispatcher, "fchmod", MethodType.methodType(void.class, int.class, int.class)),
                    translate.asType(MethodType.methodType(IOException.class, Throwable.class, String.class,
                            String.class)));
        } catch (ReflectiveOperationException | RuntimeException notOpened) {
            return null;
        }
    }

    // Each handle is called with exactly its type (invokeExact): a copy makes these calls for every file, and a call
    // through invokeWithArguments spreads and boxes its arguments every time, 9% of a copy's samples in a profile

    @Override
    public FileMeta stat(FileChannel file) throws IOException {
        int fd = fd(file);
        try {
            return FileMeta.of((PosixFileAttributes) fstat.invokeExact(fd));
        } catch (Throwable e) {
            throw rethrown(e);
        }
    }

    @Override
    public void setOwner(FileChannel file, int uid, int gid) throws IOException {
        int fd = fd(file);
        try {
            fchown.invokeExact(fd, uid, gid);
        } catch (Throwable e) {
            throw rethrown(e);
        }
    }

    @Override
    public void setTimes(FileChannel file, long mtimeNanos) throws IOException {
        int fd = fd(file);
        Instant now = Instant.now();
        try {
            futimens.invokeExact(fd, TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano(), mtimeNanos);
        } catch (Throwable e) {
            throw rethrown(e);
        }
    }

    @Override
    public void setMode(FileChannel file, int mode) throws IOException {
        int fd = fd(file);
        try {
            fchmod.invokeExact(fd, mode);
        } catch (Throwable e) {
            throw rethrown(e);
        }
    }

    private int fd(FileChannel file) throws IOException {
        try {
            return (int) descriptor.invokeExact(file);
        } catch (Throwable e) {
            throw rethrown(e);
        }
    }

    private IOException rethrown(Throwable e) {
        if (e instanceof IOException io) {
            return io;
        }
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        try {
            return (IOException) translate.invoke(e, (String) null, (String) null);
        } catch (Throwable untranslatable) {
            return new IOException(e);
        }
    }
}
