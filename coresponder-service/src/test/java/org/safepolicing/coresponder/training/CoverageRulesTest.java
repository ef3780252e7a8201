package org.safepolicing.coresponder.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Training coverage, every case: the ratio (sworn 0 or unknown, a registry count that lags the completions) and when a
 * coverage is published after the last one. No server, no database.
 */
class CoverageRulesTest {

    private static final String ORI = "VA0290100";

    @Test
    void coverageIsTrainedOverSwornCappedAtOneAndZeroWithoutSworn() {
        assertEquals(0.25, Coverage.of(ORI, 25, 100).coverage());
        assertEquals(1.0, Coverage.of(ORI, 100, 100).coverage());
        assertEquals(1.0, Coverage.of(ORI, 120, 100).coverage(), "the registry lags the completions");
        assertEquals(0.0, Coverage.of(ORI, 5, 0).coverage(), "sworn 0 or not in the registry yet");
        assertEquals(0.0, Coverage.of(ORI, 0, 100).coverage());
    }

    @Test
    void theFirstCoverageIsPublishedOnlyOnceAnOfficerIsTrained() {
        assertFalse(Coverage.of(ORI, 0, 100).toPublishAfter(null), "a registry entry without completions");
        assertFalse(Coverage.of(ORI, 0, 0).toPublishAfter(null));
        assertTrue(Coverage.of(ORI, 1, 100).toPublishAfter(null));
        assertTrue(Coverage.of(ORI, 1, 0).toPublishAfter(null), "trained before the registry snapshot arrived");
    }

    @Test
    void aLaterCoverageIsPublishedWhenTheTrainedOrTheSwornCountChanged() {
        Coverage last = Coverage.of(ORI, 10, 100);
        assertFalse(Coverage.of(ORI, 10, 100).toPublishAfter(last), "nothing changed");
        assertTrue(Coverage.of(ORI, 11, 100).toPublishAfter(last), "more officers trained");
        assertTrue(Coverage.of(ORI, 10, 120).toPublishAfter(last), "the registry's sworn count changed");
        assertTrue(Coverage.of(ORI, 10, 0).toPublishAfter(last), "the agency lost its sworn count");
        assertTrue(Coverage.of(ORI, 0, 100).toPublishAfter(last), "fewer trained than published");
    }
}
