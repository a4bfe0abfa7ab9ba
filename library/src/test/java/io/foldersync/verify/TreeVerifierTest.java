package io.foldersync.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.foldersync.fs.PathFilter;
import io.foldersync.observe.ActionLog;
import io.foldersync.observe.CycleStats;
import io.foldersync.observe.SyncCounters;
import io.foldersync.replica.ContentTransfer;
import io.foldersync.replica.ExtendedAttributes;
import io.foldersync.settings.Fidelity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A verify over trees that change while it reads them: churn, which the mirror sees to, is no difference nor a stop. */
class TreeVerifierTest {

    @TempDir
    Path work;

    @Test
    void aFileThatGrowsWhileItIsHashedIsChurnAndTheVerifyGoesOn() throws IOException {
        Path source = Files.createDirectories(work.resolve("src"));
        Path replica = Files.createDirectories(work.resolve("rep"));
        FileTime mirrored = FileTime.fromMillis(1_700_000_000_000L);
        for (String name : List.of("a.txt", "b.txt")) {
            Files.setLastModifiedTime(Files.writeString(source.resolve(name), "same " + name), mirrored);
            Files.setLastModifiedTime(Files.writeString(replica.resolve(name), "same " + name), mirrored);
        }
        Files.writeString(replica.resolve("c.txt"), "only in REPLICA");
        AtomicBoolean grown = new AtomicBoolean();
        ContentTransfer transfer = new ContentTransfer(bytes -> {
            if (grown.compareAndSet(false, true)) { // the first file hashed gets a line more once it was read
                append(source.resolve("a.txt"));
            }
        });
        ActionLog log = new ActionLog("t", new CycleStats(new SyncCounters(() -> 0)), false);
        TreeVerifier verifier = new TreeVerifier(source, replica, PathFilter.NONE, null, Fidelity.BASIC, transfer,
                new ExtendedAttributes(log), ReadRate.UNLIMITED, () -> { });
        List<String> differences = new ArrayList<>();

        TreeVerifier.Result result = verifier.run((path, what) -> differences.add(path + ": " + what));

        assertEquals(List.of("c.txt: not in SOURCE"), differences, "b.txt and c.txt are still compared");
        assertEquals(3, result.entries());
    }

    private static void append(Path file) {
        try {
            Files.writeString(file, " and more", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
