package io.foldersync.apply;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import io.foldersync.fs.FileMeta;
import io.foldersync.index.Md5;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A comparison's MD5 serves the update's retry only while the file is as it was, and only once. */
class ComparedDigestsTest {

    @TempDir
    Path temp;

    @Test
    void aRetryFindingTheFileAsItWasUsesTheMd5Once() throws Exception {
        Path file = Files.writeString(temp.resolve("a.txt"), "content");
        Md5 md5 = Md5.parse("9a0364b9e99bb480dd25e1f0284c8555");
        ComparedDigests compared = new ComparedDigests();

        compared.remember("a.txt", FileMeta.of(file), md5);

        assertEquals(md5, compared.take("a.txt", FileMeta.of(file)));
        assertNull(compared.take("a.txt", FileMeta.of(file)), "taken");
    }

    @Test
    void aFileChangedSinceIsReadAgain() throws Exception {
        Path file = Files.writeString(temp.resolve("a.txt"), "content");
        ComparedDigests compared = new ComparedDigests();
        compared.remember("a.txt", FileMeta.of(file), Md5.parse("9a0364b9e99bb480dd25e1f0284c8555"));

        Files.writeString(file, "CONTENT"); // the same size
        Files.setLastModifiedTime(file, FileTime.fromMillis(0)); // a clock tick may not have passed: a mtime of its own

        assertNull(compared.take("a.txt", FileMeta.of(file)));
        assertNull(compared.take("b.txt", FileMeta.of(file)), "nothing kept for another path");
    }
}
