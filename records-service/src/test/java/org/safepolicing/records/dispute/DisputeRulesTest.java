package org.safepolicing.records.dispute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.records.dispute.DisputeRequests.Outcome;

/**
 * The dispute's rules on the aggregate alone (no database, no HTTP): filed OPEN with its response due date, decided
 * once (OPEN → UPHELD | AMENDED | EXPUNGED); every pair of statuses and every outcome on every status.
 */
class DisputeRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T15:00:00Z");

    private static Dispute in(DisputeStatus status) {
        Dispute d = Dispute.filed(UUID.randomUUID(), UUID.randomUUID(), "Not me", NOW, LocalDate.of(2026, 11, 23));
        d.status = status;
        return d;
    }

    @Test
    void aFiledDisputeIsOpenAcknowledgedAndDueInTenWorkingDays() {
        UUID record = UUID.randomUUID();
        UUID officer = UUID.randomUUID();
        Dispute d = Dispute.filed(record, officer, "I was not on duty", NOW, LocalDate.of(2026, 11, 23));
        assertEquals(DisputeStatus.OPEN, d.status);
        assertEquals(record, d.recordId);
        assertEquals(officer, d.officerId);
        assertEquals("I was not on duty", d.statement);
        assertEquals(NOW, d.filedAt);
        assertEquals(NOW, d.acknowledgedAt);
        // Monday 2026-11-23: Thanksgiving and two weekends skipped
        assertEquals(LocalDate.of(2026, 12, 8), d.responseDue);
        assertNull(d.decidedAt);
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "OPEN,     OPEN,     false",
            "OPEN,     UPHELD,   true",
            "OPEN,     AMENDED,  true",
            "OPEN,     EXPUNGED, true",
            "UPHELD,   OPEN,     false",
            "UPHELD,   UPHELD,   false",
            "UPHELD,   AMENDED,  false",
            "UPHELD,   EXPUNGED, false",
            "AMENDED,  OPEN,     false",
            "AMENDED,  UPHELD,   false",
            "AMENDED,  AMENDED,  false",
            "AMENDED,  EXPUNGED, false",
            "EXPUNGED, OPEN,     false",
            "EXPUNGED, UPHELD,   false",
            "EXPUNGED, AMENDED,  false",
            "EXPUNGED, EXPUNGED, false"})
    void statusMayChangeOnlyFromOpen(DisputeStatus from, DisputeStatus to, boolean allowed) {
        assertEquals(allowed, in(from).mayChangeTo(to));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"UPHOLD, UPHELD", "AMEND, AMENDED", "EXPUNGE, EXPUNGED"})
    void anOpenDisputeIsDecidedOnceWithWhoWhenAndWhy(Outcome outcome, DisputeStatus decided) {
        Dispute d = in(DisputeStatus.OPEN);
        Instant later = NOW.plusSeconds(3600);
        d.decide(outcome, "the record stands as reviewed", "reviewer-1", later);
        assertEquals(decided, d.status);
        assertEquals(later, d.decidedAt);
        assertEquals("reviewer-1", d.decidedBy);
        assertEquals("the record stands as reviewed", d.decisionReason);
    }

    @ParameterizedTest(name = "{1} on {0}")
    @CsvSource({
            "UPHELD,   UPHOLD", "UPHELD,   AMEND", "UPHELD,   EXPUNGE",
            "AMENDED,  UPHOLD", "AMENDED,  AMEND", "AMENDED,  EXPUNGE",
            "EXPUNGED, UPHOLD", "EXPUNGED, AMEND", "EXPUNGED, EXPUNGE"})
    void aDecidedDisputeIsNotDecidedAgain(DisputeStatus decided, Outcome outcome) {
        Dispute d = in(decided);
        d.decisionReason = "first";
        ProblemException e = assertThrows(ProblemException.class, () -> d.decide(outcome, "second", "reviewer-2", NOW));
        assertEquals(409, e.status());
        assertEquals("illegal-transition", e.slug());
        assertEquals(decided.name(), e.toProblem(null, null).any().get("currentState"));
        assertEquals("dispute " + d.id + " is " + decided + ": cannot decide it again", e.getMessage());
        assertEquals(decided, d.status);
        assertEquals("first", d.decisionReason, "the first decision stands");
    }
}
