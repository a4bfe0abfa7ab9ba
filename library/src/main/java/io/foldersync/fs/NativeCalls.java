package io.foldersync.fs;

/**
 * Finds the {@link OpenFileCalls} of this JVM. On Java 17 to 21 they are the JDK's own native calls (the jar opens
 * {@code sun.nio.fs} and {@code sun.nio.ch} to us); the jar's Java 22 version of this class prefers the FFM API.
 */
final class NativeCalls {

    static final OpenFileCalls FOUND = JdkOpenFileCalls.create();

    private NativeCalls() {
    }
}
