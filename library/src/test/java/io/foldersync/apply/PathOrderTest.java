package io.foldersync.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.foldersync.decide.Decision;
import io.foldersync.decide.Decision.Origin;
import io.foldersync.fs.RelativePath;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The order decisions are applied in: related paths in turn, unrelated ones at once, a waiting duplicate folded. */
class PathOrderTest {

    private final PathOrder order = new PathOrder();
    private final List<String> started = new ArrayList<>();

    private PathOrder.Turn take(Origin origin, String path) {
        return order.take(Decision.of(origin, path), decision -> started.add(decision.toString()));
    }

    @Test
    void unrelatedPathsStartAtOnce() {
        take(Origin.CYCLE, "a/x");
        take(Origin.CYCLE, "a/y");
        take(Origin.EVENT, "b");
        assertEquals(List.of("CYCLE a/x", "CYCLE a/y", "EVENT b"), started);
        assertEquals(3, order.unfinished());
    }

    @Test
    void aFolderWaitsForWhatIsInsideItAndWhatIsInsideWaitsForTheFolder() {
        PathOrder.Turn file = take(Origin.CYCLE, "a/b/file");
        PathOrder.Turn folder = take(Origin.CYCLE, "a");
        PathOrder.Turn later = take(Origin.EVENT, "a/b/other");
        assertEquals(List.of("CYCLE a/b/file"), started, "the folder after its content, the later one after it");

        order.done(file);
        assertEquals(List.of("CYCLE a/b/file", "CYCLE a"), started);
        order.done(folder);
        assertEquals(List.of("CYCLE a/b/file", "CYCLE a", "EVENT a/b/other"), started);
        order.done(later);
        assertEquals(0, order.unfinished());
    }

    @Test
    void theRootWaitsForEverythingAndEverythingAfterItWaitsForIt() {
        PathOrder.Turn file = take(Origin.CYCLE, "x");
        PathOrder.Turn root = take(Origin.CYCLE, "");
        take(Origin.EVENT, "y");
        assertEquals(List.of("CYCLE x"), started);
        order.done(file);
        order.done(root);
        assertEquals(List.of("CYCLE x", "CYCLE ", "EVENT y"), started);
    }

    @Test
    void aDecisionOnAPathStillWaitingServesALaterOneAndARepairStaysARepair() {
        PathOrder.Turn running = take(Origin.EVENT, "f");
        PathOrder.Turn waiting = take(Origin.REPAIR, "f");
        assertNotNull(waiting);
        assertNull(take(Origin.EVENT, "f"), "folded into the one still waiting");
        assertNotNull(take(Origin.CYCLE, "g"));

        order.done(running);
        assertEquals(List.of("EVENT f", "CYCLE g", "REPAIR f"), started);
    }

    @Test
    void aDecisionAlreadyStartedIsNotFoldedInto() {
        PathOrder.Turn running = take(Origin.EVENT, "f");
        PathOrder.Turn next = take(Origin.EVENT, "f");
        assertNotNull(next, "the one applying may have looked at SOURCE before the later change");
        order.done(running);
        assertEquals(List.of("EVENT f", "EVENT f"), started);
    }

    @Test
    void theNamesOfAFileTakeOneTurnForAll() {
        PathOrder.Turn a = take(Origin.EVENT, "a");
        PathOrder.Turn group = order.take(Decision.hardLinks(Origin.EVENT, 0, List.of("a", "d/a2"), "1:42"),
                decision -> started.add("group"));
        PathOrder.Turn a2 = take(Origin.EVENT, "d/a2");
        PathOrder.Turn sameFile = order.take(Decision.hardLinks(Origin.EVENT, 0, List.of("n3"), "1:42"),
                decision -> started.add("same file, a name not yet known"));
        assertEquals(List.of("EVENT a"), started);
        order.done(a);
        assertEquals(List.of("EVENT a", "group"), started);
        order.done(group);
        assertEquals(List.of("EVENT a", "group", "EVENT d/a2", "same file, a name not yet known"), started);
        order.done(a2);
        order.done(sameFile);
        assertEquals(0, order.unfinished());
    }

    /**
     * Random decisions from several threads, each applied on another thread once started: no two related ones ever
     * run at once, and related ones run in the order they were taken.
     */
    @Test
    void relatedDecisionsNeverOverlapAndRunInTheOrderTakenUnderConcurrency() throws Exception {
        String[] paths = {"", "a", "a/b", "a/b/c", "a/b/d", "a/e", "f", "f/g", "h"};
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            Map<String, Integer> running = new ConcurrentHashMap<>();
            List<String> violations = new CopyOnWriteArrayList<>();
            List<Thread> appliers = new CopyOnWriteArrayList<>();
            List<Thread> takers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                long takerSeed = random.nextLong();
                takers.add(new Thread(() -> {
                    Random mine = new Random(takerSeed);
                    for (int i = 0; i < 200; i++) {
                        String path = paths[mine.nextInt(paths.length)];
                        PathOrder.Turn[] turn = new PathOrder.Turn[1];
                        Object ready = new Object();
                        turn[0] = order.take(Decision.of(Origin.EVENT, path), decision -> {
                            Thread applier = new Thread(() -> {
                                synchronized (ready) {
                                    while (turn[0] == null) {
                                        try {
                                            ready.wait(1);
                                        } catch (InterruptedException e) {
                                            return;
                                        }
                                    }
                                }
                                for (String other : running.keySet()) {
                                    if (related(other, path)) {
                                        violations.add(path + " ran beside " + other);
                                    }
                                }
                                running.merge(path, 1, Integer::sum);
                                Thread.onSpinWait();
                                running.computeIfPresent(path, (p, n) -> n == 1 ? null : n - 1);
                                order.done(turn[0]);
                            });
                            appliers.add(applier);
                            applier.start();
                        });
                        synchronized (ready) {
                            ready.notifyAll();
                        }
                    }
                }));
            }
            takers.forEach(Thread::start);
            for (Thread taker : takers) {
                taker.join();
            }
            for (int i = 0; i < appliers.size(); i++) {
                appliers.get(i).join();
            }
            assertTrue(violations.isEmpty(), "seed " + seed + ": " + violations);
            assertEquals(0, order.unfinished(), "seed " + seed);
        }
    }

    private static boolean related(String a, String b) {
        return a.equals(b) || isBelow(a, b) || isBelow(b, a);
    }

    private static boolean isBelow(String path, String folder) {
        for (String up = path; !up.isEmpty(); ) {
            up = RelativePath.parent(up);
            if (up.equals(folder)) {
                return true;
            }
        }
        return false;
    }
}
