package io.foldersync.decide;

import java.util.List;

import io.foldersync.decide.Decision.Origin;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which SOURCE folder an event was seen in travels with its decision, through every way a decision is remade. */
class DecisionTest {

    @Test
    void aDecisionFoldedIntoALaterOneTakesTheFolderTheLaterEventWasSeenIn() {
        Decision early = Decision.event("a.txt", 1);
        Decision late = Decision.event("a.txt", 2);

        assertEquals(2, early.supersededBy(late).watch());
        assertEquals(Origin.EVENT, Decision.of(Origin.CYCLE, "a.txt").supersededBy(late).origin());
        assertEquals(2, Decision.of(Origin.CYCLE, "a.txt").supersededBy(late).watch());
    }

    /** An old folder's event that comes late, folded into one of SOURCE as it is now, stays the new folder's. */
    @Test
    void aLateEventOfAnEarlierFolderDoesNotMakeTheNewFoldersOneStale() {
        assertEquals(2, Decision.event("a.txt", 2).supersededBy(Decision.event("a.txt", 1)).watch());
    }

    @Test
    void aRepairStaysARepairWhateverEventFollows() {
        Decision folded = Decision.of(Origin.REPAIR, "a.txt").supersededBy(Decision.event("a.txt", 3));

        assertEquals(Origin.REPAIR, folded.origin());
        assertTrue(folded.forget());
    }

    @Test
    void aHardLinkGroupKeepsTheFolderTheEventThatFoundItWasSeenIn() {
        Decision group = Decision.hardLinks(Origin.EVENT, 4, List.of("a", "b"), "1:42");

        assertEquals(4, group.watch());
        assertEquals(0, Decision.of(Origin.EVENT, "x").watch(), "an event before any watch: the folder there at start");
    }
}
