package io.foldersync.fs;

/**
 * Finds the {@link OpenFileCalls} of this JVM, Java 22 and later: the FFM API where native access is enabled (the
 * jar's manifest enables it for {@code java -jar}), else the JDK's own native calls as on Java 17.
 */
final class NativeCalls {

    static final OpenFileCalls FOUND = find();

    private NativeCalls() {
    }

    private static OpenFileCalls find() {
        OpenFileCalls ffm = NativeCalls.class.getModule().isNativeAccessEnabled() ? FfmOpenFileCalls.create() : null;
        return ffm != null ? ffm : JdkOpenFileCalls.create();
    }
}
