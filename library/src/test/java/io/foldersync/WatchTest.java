package io.foldersync;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import io.foldersync.camel.CycleScheduler;
import io.foldersync.decide.Decision;
import io.foldersync.cycle.SyncCycle;
import io.foldersync.support.CapturedLog;
import io.foldersync.support.MirrorRouteTestSupport;
import io.foldersync.support.TreeAssert;
import io.foldersync.support.Trees;
import io.foldersync.watch.WatchEvents;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.watch.FileWatchConstants;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.component.file.watch.FileWatchConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static io.foldersync.support.TreeAssert.assertMirror;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The watch route, with the periodic cycle an hour away: whatever arrives in REPLICA during a test came by events.
 */
class WatchTest extends MirrorRouteTestSupport {

    @Override
    protected void extraProperties(Properties properties) {
        properties.setProperty("sync.once", "false");
        properties.setProperty("sync.interval", "1h");
        properties.setProperty("sync.watch-window", "200ms");
    }

    @BeforeEach
    void watching() throws Exception {
        await(() -> context.getRouteController().getRouteStatus("default-watch").isStarted(), "the watch route to start");
        // the first cycle runs once the watch is installed: a file written before it ends is the cycle's, not an event's
        assertNotNull(bean("syncCycle", SyncCycle.class).awaitCycles(1, 30, TimeUnit.SECONDS), "the first cycle");
    }

    @Test
    void createModifyAndDeleteArriveWithoutACycle() throws Exception {
        Trees.write(source, "stays.txt", "so that SOURCE never becomes empty, which holds deletions");
        Trees.write(source, "new.txt", "created");
        await(() -> "created".equals(readReplica("new.txt")), "a created file");

        Files.writeString(source.resolve("new.txt"), "modified, and longer");
        await(() -> "modified, and longer".equals(readReplica("new.txt")), "a modification");

        Files.delete(source.resolve("new.txt"));
        await(() -> !Files.exists(replica.resolve("new.txt"), LinkOption.NOFOLLOW_LINKS), "a deletion");
    }

    /** Deleting SOURCE's last entry is held (SOURCE may be unmounted); the next entry made lets it through. */
    @Test
    void aDeletionHeldWhileSourceWasEmptyIsDoneOnceItIsNot() throws Exception {
        Trees.write(source, "last.txt", "the only entry");
        await(() -> Files.exists(replica.resolve("last.txt")), "the file");
        Files.delete(source.resolve("last.txt"));
        Thread.sleep(1_000); // several watch windows: the deletion was looked at and held
        assertTrue(Files.exists(replica.resolve("last.txt")), "not deleted while SOURCE is empty");

        Trees.write(source, "next.txt", "SOURCE is not empty any more");
        await(() -> !Files.exists(replica.resolve("last.txt"), LinkOption.NOFOLLOW_LINKS), "the held deletion");
        await(() -> TreeAssert.isMirror(source, replica), "next.txt, whose content may come after the deletion");
    }

    /**
     * rm -rf of SOURCE and a new SOURCE made at once: an event seen in the old folder may be applied only after the
     * watch has moved to the new one (it waited out its window, or its turn behind other changes). What the old folder
     * lacked says nothing of the new one, which does not hold first.txt either: the next prune pass decides that, not
     * the stale event, nor the held deletions an event of the new folder lets go.
     */
    @Test
    void aDeletionSeenInASourceSinceMadeAnewDeletesNothingWhenAppliedLate() throws Exception {
        Trees.write(source, "first.txt", "first");
        await(() -> Files.exists(replica.resolve("first.txt")), "the file");
        CapturedLog.clear();
        Decision seen = seenByTheWatch(source.resolve("first.txt"), "DELETE");

        Trees.deleteTree(source);
        Files.createDirectory(source);
        await(() -> CapturedLog.lines().stream().anyMatch(line -> line.contains("was deleted and made again")),
                "the watch to move to the new SOURCE");
        Trees.write(source, "second/after.txt", "written into the new SOURCE");
        await(() -> Files.exists(replica.resolve("second/after.txt")), "a file of the new SOURCE");
        template.sendBody("direct:default-apply", seen);
        Trees.write(source, "third.txt", "an event of the new SOURCE, after which held deletions are asked for again");
        await(() -> Files.exists(replica.resolve("third.txt")), "the event's file");
        Thread.sleep(1_000); // several watch windows

        assertTrue(Files.exists(replica.resolve("first.txt")), "deleted by an event of the SOURCE that was removed");
    }

    /** The decision the watch route's first step makes of a kernel event on a path, as the route would. */
    private Decision seenByTheWatch(Path path, String eventType) throws Exception {
        Exchange event = new DefaultExchange(context);
        event.getIn().setBody(path.toFile());
        event.getIn().setHeader(FileWatchConstants.EVENT_TYPE_HEADER, eventType);
        bean("watchEvents", WatchEvents.class).process(event);
        return event.getIn().getBody(Decision.class);
    }

    @Test
    void renamesOfFilesAndFoldersArrive() throws Exception {
        Trees.write(source, "folder/inside.txt", "inside");
        Trees.write(source, "file.txt", "file");
        await(() -> "inside".equals(readReplica("folder/inside.txt")) && "file".equals(readReplica("file.txt")),
                "the first files");

        Files.move(source.resolve("file.txt"), source.resolve("renamed.txt"));
        Files.move(source.resolve("folder"), source.resolve("moved-folder"));

        await(() -> "inside".equals(readReplica("moved-folder/inside.txt")) && "file".equals(readReplica("renamed.txt"))
                && !Files.exists(replica.resolve("folder")) && !Files.exists(replica.resolve("file.txt")),
                "both renames");
        assertMirror(source, replica);
    }

    @Test
    void filesInNewNestedFoldersArriveEvenWhenWrittenAtOnce() throws Exception {
        Path deep = Files.createDirectories(source.resolve("a/b/c/d"));
        for (int i = 0; i < 20; i++) {
            Files.writeString(deep.resolve("f" + i), "file " + i);
        }
        Files.createDirectories(source.resolve("a/empty"));

        await(() -> Files.exists(replica.resolve("a/b/c/d/f19")) && Files.isDirectory(replica.resolve("a/empty")),
                "the new folders and their files");
        // a file created and then written arrives twice: its last copy waits out the coalescing window
        await(() -> io.foldersync.support.TreeAssert.isMirror(source, replica), "all 20 files, complete");
    }

    @Test
    void aFileBeingWrittenIsCopiedAFewTimesAndEndsComplete() throws Exception {
        Path growing = source.resolve("growing.log");
        int writes = 0;
        try (OutputStream out = Files.newOutputStream(growing, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            long end = System.currentTimeMillis() + 2000;
            while (System.currentTimeMillis() < end) {
                out.write(("line " + writes++ + "\n").getBytes());
                out.flush();
                Thread.sleep(10);
            }
        }
        String expected = Files.readString(growing);
        await(() -> expected.equals(readReplica("growing.log")), "the final content");

        long copies = CapturedLog.lines().stream()
                .filter(l -> l.matches("INFO (COPY|UPDATE) growing\\.log .*")).count();
        assertTrue(copies <= 2000 / 200 + 3, copies + " copies for " + writes + " writes over 2 s");
        assertTrue(copies >= 2, "copied while still being written, not only at the end: " + copies);
    }

    @Test
    void anOverflowOfTheKernelQueueTriggersAFullRescan() throws Exception {
        context.getRouteController().stopRoute("default-watch");
        Trees.write(source, "missed/by-the-watch.txt", "no event was seen for this");
        context.getRouteController().startRoute("default-watch");
        Thread.sleep(300);
        assertEquals(null, readReplica("missed/by-the-watch.txt"));

        LoggerFactory.getLogger(FileWatchConsumer.class).warn("java.nio.file.NoSuchFileException: " + source
                + "/gone-before-it-was-watched"); // not a lost event: no rescan
        Thread.sleep(500);
        assertEquals(null, readReplica("missed/by-the-watch.txt"));

        LoggerFactory.getLogger(FileWatchConsumer.class) // Camel's own words for the kernel's IN_Q_OVERFLOW
                .warn("OVERFLOW occurred, some events may be lost. Consider increasing of option 'pollThreads'");

        await(() -> "no event was seen for this".equals(readReplica("missed/by-the-watch.txt")), "the rescan");
        assertTrue(CapturedLog.lines().contains("WARN the watch lost file events: rescanning SOURCE now"));
    }

    @Test
    void aSecondStartOfTheSchedulerDoesNotStartASecondPoller() throws Exception {
        CycleScheduler scheduler = bean("cycleScheduler", CycleScheduler.class);

        scheduler.startScheduler(); // Camel may call it again

        long pollers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().endsWith(" - default-cycle")).count();
        assertEquals(1, pollers, "two pollers would run overlapping cycles");
    }

    /** A leader that lost and leads again starts the scheduler again: its cycles must wait for the new watch. */
    @Test
    void aSchedulerStartedAgainWaitsForTheWatchAgain() throws Exception {
        CycleScheduler scheduler = new CycleScheduler("again", Duration.ofHours(1), true, true);
        scheduler.setCamelContext(context);
        AtomicInteger polls = new AtomicInteger();
        scheduler.scheduleTask(polls::incrementAndGet);
        scheduler.start();
        scheduler.startScheduler();
        scheduler.beginCycles();
        await(() -> polls.get() == 1, "the first cycle, once the watch is in");

        scheduler.stop();
        scheduler.start();
        scheduler.startScheduler();
        Thread.sleep(300);
        assertEquals(1, polls.get(), "no cycle before the new watch is in");
        scheduler.beginCycles();
        await(() -> polls.get() == 2, "the first cycle of the new leadership");
        scheduler.stop();
    }

    private String readReplica(String path) {
        try {
            return Files.readString(replica.resolve(path));
        } catch (Exception missing) {
            return null;
        }
    }

    private static void await(Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.call()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("waited 10 s for " + what);
            }
            Thread.sleep(10);
        }
    }
}
