package io.foldersync;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Random;

import io.foldersync.decide.Decision;
import io.foldersync.decide.Decision.Origin;
import io.foldersync.fs.FileMeta;
import io.foldersync.support.MirrorRouteTestSupport;
import io.foldersync.support.Trees;
import org.junit.jupiter.api.Test;

import static io.foldersync.support.TreeAssert.assertMirror;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The apply route on real folders: each decision is checked against SOURCE as it is when applied, not as it was when
 * decided, and a folder's decision is applied after what is inside it.
 */
class ApplyPathTest extends MirrorRouteTestSupport {

    private static final String APPLY = "direct:default-apply";

    @Test
    void aFolderListedBeforeSourceLostItIsNotMadeAgain() throws Exception {
        Trees.write(source, "keep", "so that SOURCE is never empty");
        Path folder = Files.createDirectories(source.resolve("listed"));
        FileMeta listed = FileMeta.of(folder);
        cycle();
        assertTrue(Files.isDirectory(replica.resolve("listed")));

        Files.delete(folder); // and its deletion mirrored, as the watch would
        template.sendBody(APPLY, Decision.of(Origin.EVENT, "listed"));
        assertFalse(Files.exists(replica.resolve("listed")));
        template.sendBody(APPLY, Decision.listed("listed", listed)); // a cycle's stale listing, applied after

        assertFalse(Files.exists(replica.resolve("listed"), LinkOption.NOFOLLOW_LINKS), "made again from a listing");
    }

    /** Size, mtime and mode alike, but another inode: another file renamed over the name, read and not trusted. */
    @Test
    void aFileRenamedOverTheNameWithTheSameSizeAndMtimeIsReadAndCopied() throws Exception {
        Trees.write(source, "keep", "keep");
        Path published = Trees.write(source, "report", "version a");
        cycle();
        Path next = Trees.write(temp, "next", "version b");
        Files.setLastModifiedTime(next, Files.getLastModifiedTime(published));
        Files.move(next, published, java.nio.file.StandardCopyOption.ATOMIC_MOVE);

        cycle();

        assertEquals("version b", Files.readString(replica.resolve("report")));
    }

    @Test
    void aDeletionDecidedBeforeSourceHadThePathAgainDeletesNothing() throws Exception {
        Trees.write(source, "keep", "keep");
        Trees.write(source, "back", "version 1");
        cycle();
        Files.delete(source.resolve("back")); // the prune pass decides to delete it...
        Trees.write(source, "back", "version 2, back before the deletion was applied");

        template.sendBody(APPLY, Decision.of(Origin.PASS, "back"));

        assertEquals("version 2, back before the deletion was applied", Files.readString(replica.resolve("back")));
    }

    @Test
    void aCopyDecidedFromAListingCopiesTheFileThatIsThereWhenApplied() throws Exception {
        Trees.write(source, "keep", "keep");
        Path file = Trees.write(source, "f", "the version the walk listed");
        FileMeta listed = FileMeta.of(file);
        Path next = Trees.write(temp, "next", "the version that replaced it, by rename");
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        template.sendBody(APPLY, Decision.listed("f", listed));

        assertEquals("the version that replaced it, by rename", Files.readString(replica.resolve("f")));
    }

    @Test
    void aFileThatBecameAFolderBeforeItsCopyIsChurnAndTheFolderIsMirrored() throws Exception {
        Trees.write(source, "keep", "keep");
        Path file = Trees.write(source, "x", "a file when listed");
        FileMeta listed = FileMeta.of(file);
        Files.delete(file);
        Trees.write(source, "x/inside", "a folder now");

        template.sendBody(APPLY, Decision.listed("x", listed));
        assertEquals(0, errors(), "churn, not an error");
        template.sendBody(APPLY, Decision.of(Origin.EVENT, "x"));

        assertEquals("a folder now", Files.readString(replica.resolve("x/inside")));
    }

    /**
     * A folder's decision sent while a large copy into it is under way waits for that copy: had it been applied first,
     * the copy's rename would have moved the folder's mtime after it was set.
     */
    @Test
    void aFolderIsAppliedAfterWhatIsInsideItEvenWhenDecidedDuringTheCopy() throws Exception {
        Trees.write(source, "keep", "keep");
        cycle();
        Path folder = Files.createDirectories(source.resolve("big"));
        Path file = folder.resolve("file.bin");
        byte[] block = new byte[1 << 20];
        new Random(3).nextBytes(block);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 256; i++) {
                out.write(block);
            }
        }
        Files.setLastModifiedTime(folder, FileTime.fromMillis(1_000_000_000_000L));
        FileMeta listedFile = FileMeta.of(file);
        FileMeta listedFolder = FileMeta.of(folder);

        var copy = template.asyncSendBody(APPLY, Decision.listed("big/file.bin", listedFile));
        while (!copyUnderWay(replica.resolve("big")) && !copy.isDone()) {
            Thread.onSpinWait();
        }
        assertFalse(copy.isDone(), "the copy must still be under way when the folder is decided");
        template.sendBody(APPLY, Decision.listed("big", listedFolder));
        template.sendBody(APPLY, Decision.of(Origin.CYCLE, ""));
        copy.get(); // (in its turn, the folder waited for it anyway)

        assertEquals(Files.getLastModifiedTime(folder), Files.getLastModifiedTime(replica.resolve("big")));
        assertMirror(source, replica);
    }

    private static boolean copyUnderWay(Path folder) {
        try (var entries = Files.list(folder)) {
            return entries.anyMatch(entry -> entry.getFileName().toString().startsWith(".folder-sync-"));
        } catch (java.io.IOException notYet) {
            return false;
        }
    }

    private long errors() throws Exception {
        return io.foldersync.support.CapturedLog.lines().stream().filter(line -> line.startsWith("ERROR")).count();
    }
}
