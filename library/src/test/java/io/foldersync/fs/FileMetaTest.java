package io.foldersync.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The lstat's times, read from its fields, are the nanoseconds the JDK's FileTime gives for every time a file has. */
class FileMetaTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-02T17:41:05.123456789Z", "2026-12-02T17:41:05Z", "1950-06-01T00:00:00.5Z",
            "1970-01-01T00:00:00Z", "2262-04-11T23:47:16.854775807Z", "2300-01-01T00:00:00.25Z", "2400-12-31T23:59:59Z"})
    void modificationTimeIsTheJdksToTheNanosecond(String time) throws IOException {
        Path file = Files.writeString(folder.resolve("f"), "x");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse(time)));
        FileTime expected = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);

        assertEquals(expected.to(TimeUnit.NANOSECONDS), FileMeta.of(file).mtimeNanos());
        assertEquals(expected.to(TimeUnit.NANOSECONDS), FileMeta.in(Files.newDirectoryStream(folder), file.getFileName(),
                file).mtimeNanos());
    }

    @ParameterizedTest
    @ValueSource(strings = {"f", "folder"})
    void changeTimeIsTheJdks(String name) throws IOException {
        Path entry = name.equals("f") ? Files.writeString(folder.resolve(name), "x")
                : Files.createDirectory(folder.resolve(name));
        FileTime expected = (FileTime) Files.getAttribute(entry, "unix:ctime", LinkOption.NOFOLLOW_LINKS);

        assertEquals(expected.to(TimeUnit.NANOSECONDS), FileMeta.of(entry).ctimeNanos());
    }
}
