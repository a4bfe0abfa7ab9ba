package io.foldersync.fs;

import java.io.FileDescriptor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.channels.FileChannel;

/**
 * The descriptor number of an opened {@link FileChannel}, which Java does not show: read from the JDK's channel where
 * the jar opens {@code sun.nio.ch} to us. {@link #HANDLE} is null elsewhere.
 */
final class ChannelDescriptors {

    /** (FileChannel) int */
    static final MethodHandle HANDLE = handle();

    private ChannelDescriptors() {
    }

    private static MethodHandle handle() {
        try {
            Class<?> channel = Class.forName("sun.nio.ch.FileChannelImpl");
            Class<?> io = Class.forName("sun.nio.ch.IOUtil");
            MethodHandles.Lookup ch = MethodHandles.privateLookupIn(channel, MethodHandles.lookup());
            MethodHandle field = ch.findGetter(channel, "fd", FileDescriptor.class);
            MethodHandle value = ch.findStatic(io, "fdVal", MethodType.methodType(int.class, FileDescriptor.class));
            return MethodHandles.filterReturnValue(field, value)
                    .asType(MethodType.methodType(int.class, FileChannel.class));
        } catch (ReflectiveOperationException | RuntimeException notOpened) {
            return null;
        }
    }
}
