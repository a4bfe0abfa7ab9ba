package io.foldersync.apply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.foldersync.decide.Decision;
import io.foldersync.fs.RelativePath;

/**
 * The order in which a pair's decisions are applied: each in its turn after every earlier decision on a related path
 * (the same path, a folder above it, or anything below it), unrelated ones at once and in parallel. A decision asked
 * for while an earlier one on the same path still waits is folded into that one, which will look at SOURCE after both
 * were asked for. This is lsyncd's rule for its delays (an event waits for earlier ones on the same or a parent or
 * child path), without its lists: every path's waiting and running decisions are kept by path and by each folder above.
 */
public final class PathOrder {

    /** A decision's place in line. */
    public static final class Turn {
        private Decision decision;
        private final Consumer<Decision> start;
        private final List<Turn> after = new ArrayList<>();
        private int waitingFor;
        private boolean started;

        private Turn(Decision decision, Consumer<Decision> start) {
            this.decision = decision;
            this.start = start;
        }

        @Override
        public String toString() {
            return decision + (started ? " (started)" : " (waiting for " + waitingFor + ")");
        }
    }

    /** Unfinished turns by each path they touch. */
    private final Map<String, Set<Turn>> atPath = new HashMap<>();
    /** Unfinished turns strictly below each folder, "" holding them all. */
    private final Map<String, Set<Turn>> below = new HashMap<>();

    /**
     * Takes a turn for a decision. {@code start} gets the decision (as folded with later ones) once every related
     * earlier one has ended: at once, before this returns, when none is unfinished.
     *
     * @return the turn, to be handed to {@link #done} once the decision is applied; null when an earlier decision on
     *         the same path, not yet started, serves this one too, and {@code start} is never called
     */
    public Turn take(Decision decision, Consumer<Decision> start) {
        Turn turn;
        synchronized (this) {
            Turn waiting = waitingOnSamePath(decision);
            if (waiting != null) {
                waiting.decision = waiting.decision.supersededBy(decision);
                return null;
            }
            turn = new Turn(decision, start);
            for (Turn earlier : related(decision)) {
                earlier.after.add(turn);
                turn.waitingFor++;
            }
            for (String path : decision.turnKeys()) {
                atPath.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(turn);
                for (String folder = path; !folder.isEmpty(); ) {
                    folder = RelativePath.parent(folder);
                    below.computeIfAbsent(folder, f -> new LinkedHashSet<>()).add(turn);
                }
            }
            turn.started = turn.waitingFor == 0;
        }
        if (turn.started) {
            turn.start.accept(turn.decision);
        }
        return turn;
    }

    /** Ends a turn: the decisions that waited for it alone start. */
    public void done(Turn turn) {
        List<Turn> ready = new ArrayList<>();
        synchronized (this) {
            for (String path : turn.decision.turnKeys()) {
                remove(atPath, path, turn);
                for (String folder = path; !folder.isEmpty(); ) {
                    folder = RelativePath.parent(folder);
                    remove(below, folder, turn);
                }
            }
            for (Turn next : turn.after) {
                if (--next.waitingFor == 0) {
                    next.started = true;
                    ready.add(next);
                }
            }
        }
        for (Turn next : ready) {
            next.start.accept(next.decision);
        }
    }

    /** How many decisions are unfinished: waiting or being applied. */
    public synchronized int unfinished() {
        Set<Turn> all = below.get("");
        int atRoot = atPath.getOrDefault("", Set.of()).size();
        return (all == null ? 0 : all.size()) + atRoot;
    }

    private Turn waitingOnSamePath(Decision decision) {
        if (decision.isHardLinkGroup()) {
            return null;
        }
        for (Turn turn : atPath.getOrDefault(decision.path(), Set.of())) {
            if (!turn.started && !turn.decision.isHardLinkGroup()) {
                return turn;
            }
        }
        return null;
    }

    /** Every unfinished turn on a path of the decision, a folder above one, or anything below one. */
    private Set<Turn> related(Decision decision) {
        Set<Turn> related = new LinkedHashSet<>();
        for (String path : decision.turnKeys()) {
            related.addAll(atPath.getOrDefault(path, Set.of()));
            related.addAll(below.getOrDefault(path, Set.of()));
            for (String folder = path; !folder.isEmpty(); ) {
                folder = RelativePath.parent(folder);
                related.addAll(atPath.getOrDefault(folder, Set.of()));
            }
        }
        return related;
    }

    private static void remove(Map<String, Set<Turn>> map, String key, Turn turn) {
        Set<Turn> turns = map.get(key);
        if (turns != null && turns.remove(turn) && turns.isEmpty()) {
            map.remove(key);
        }
    }
}
