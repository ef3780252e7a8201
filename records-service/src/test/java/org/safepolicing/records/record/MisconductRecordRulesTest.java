package org.safepolicing.records.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.records.record.RecordRequests.Amendment;
import org.safepolicing.records.record.RecordRequests.FairProcess;

/**
 * The lifecycle rules of a misconduct record, on the aggregate alone (no database, no HTTP): SUBMITTED →
 * PENDING_FAIR_PROCESS | ACTIVE → DISPUTED → ACTIVE (upheld) | AMENDED | EXPUNGED, every allowed step and every
 * refused one with the 409 the API answers.
 */
class MisconductRecordRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
    private static final LocalDate NOTICE = LocalDate.of(2026, 3, 2);
    private static final LocalDate RESPONSE = LocalDate.of(2026, 3, 20);
    private static final LocalDate DECISION = LocalDate.of(2026, 5, 4);
    private static final FairProcess FINAL = new FairProcess(NOTICE, RESPONSE, true, DECISION, "terminated",
            AppealStatus.WAIVED, null);
    private static final FairProcess HELD = new FairProcess(NOTICE, null, false, null, null, null, null);

    /** The lifecycle as DESIGN states it, written out pair by pair. */
    private static final Map<RecordStatus, Set<RecordStatus>> ALLOWED = Map.of(
            RecordStatus.SUBMITTED, EnumSet.of(RecordStatus.PENDING_FAIR_PROCESS, RecordStatus.ACTIVE),
            RecordStatus.PENDING_FAIR_PROCESS, EnumSet.of(RecordStatus.ACTIVE),
            RecordStatus.ACTIVE, EnumSet.of(RecordStatus.DISPUTED),
            RecordStatus.DISPUTED, EnumSet.of(RecordStatus.ACTIVE, RecordStatus.AMENDED, RecordStatus.EXPUNGED),
            RecordStatus.AMENDED, EnumSet.noneOf(RecordStatus.class),
            RecordStatus.EXPUNGED, EnumSet.noneOf(RecordStatus.class));

    private static MisconductRecord record(RecordStatus status, RecordCategory category, FairProcess fp) {
        MisconductRecord r = new MisconductRecord();
        r.id = UUID.randomUUID();
        r.category = category;
        r.incidentDate = LocalDate.of(2026, 1, 15);
        r.summary = "Struck a handcuffed detainee";
        r.takeFairProcess(fp);
        r.status = status;
        return r;
    }

    private static MisconductRecord record(RecordStatus status) {
        return record(status, RecordCategory.TERMINATION, FINAL);
    }

    private static void assertRefused(RecordStatus from, Consumer<MisconductRecord> change, String attempted) {
        MisconductRecord r = record(from);
        ProblemException e = assertThrows(ProblemException.class, () -> change.accept(r), from + ": " + attempted);
        assertEquals(409, e.status(), from + ": " + attempted);
        assertEquals("illegal-transition", e.slug());
        assertEquals(from.name(), e.toProblem(null, null).any().get("currentState"));
        assertEquals("record " + r.id + " is " + from + ": cannot " + attempted, e.getMessage());
        assertEquals(from, r.status, "a refused change leaves the status");
    }

    @Test
    void everyPairOfStatusesIsAllowedOrRefusedAsTheLifecycleSays() {
        int allowed = 0;
        for (RecordStatus from : RecordStatus.values()) {
            for (RecordStatus to : RecordStatus.values()) {
                boolean expected = ALLOWED.get(from).contains(to);
                assertEquals(expected, record(from).mayChangeTo(to), from + " -> " + to);
                allowed += expected ? 1 : 0;
            }
        }
        assertEquals(7, allowed);
    }

    // ---------------------------------------------------------------- fair process (Sec. 3(b))

    @Test
    void aSubmittedRecordWithFinalProcessBecomesActiveAndCountsFromItsDecision() {
        MisconductRecord r = record(RecordStatus.SUBMITTED);
        assertEquals(RecordStatus.ACTIVE, r.reviewFairProcess());
        assertEquals(RecordStatus.ACTIVE, r.status);
        assertEquals(DECISION, r.finalOn);
    }

    @Test
    void aSubmittedRecordWithoutFinalProcessIsHeld() {
        MisconductRecord r = record(RecordStatus.SUBMITTED, RecordCategory.TERMINATION, HELD);
        assertEquals(RecordStatus.PENDING_FAIR_PROCESS, r.reviewFairProcess());
        assertNull(r.finalOn);
        // a pending appeal is not final either
        MisconductRecord appealed = record(RecordStatus.SUBMITTED, RecordCategory.TERMINATION,
                new FairProcess(NOTICE, RESPONSE, true, DECISION, "terminated", AppealStatus.PENDING, null));
        assertEquals(RecordStatus.PENDING_FAIR_PROCESS, appealed.reviewFairProcess());
    }

    @ParameterizedTest
    @EnumSource(value = RecordStatus.class, names = "SUBMITTED", mode = EnumSource.Mode.EXCLUDE)
    void onlyASubmittedRecordIsReviewedAsSubmitted(RecordStatus from) {
        assertRefused(from, MisconductRecord::reviewFairProcess, "review it as submitted");
    }

    @Test
    void aHeldRecordBecomesActiveWhenItsFactsAreFinal() {
        MisconductRecord r = record(RecordStatus.PENDING_FAIR_PROCESS, RecordCategory.TERMINATION, HELD);
        assertTrue(r.changeFairProcess(FINAL, NOW));
        assertEquals(RecordStatus.ACTIVE, r.status);
        assertEquals(DECISION, r.finalOn);
        assertEquals(NOW, r.updatedAt);
        assertEquals(RESPONSE, r.responseDate);
    }

    @Test
    void aHeldRecordStaysHeldWhileItsFactsAreNotFinal() {
        MisconductRecord r = record(RecordStatus.PENDING_FAIR_PROCESS, RecordCategory.TERMINATION, HELD);
        FairProcess responded = new FairProcess(NOTICE, RESPONSE, false, null, null, null, null);
        assertFalse(r.changeFairProcess(responded, NOW));
        assertEquals(RecordStatus.PENDING_FAIR_PROCESS, r.status);
        assertEquals(RESPONSE, r.responseDate, "the new facts are kept");
        assertEquals(List.of("finalAdjudicationDate", "appealStatus"), r.fairProcessMissing());
        assertNull(r.finalOn);
    }

    @ParameterizedTest
    @EnumSource(value = RecordStatus.class, names = "PENDING_FAIR_PROCESS", mode = EnumSource.Mode.EXCLUDE)
    void onlyAHeldRecordTakesNewFairProcessFacts(RecordStatus from) {
        assertRefused(from, r -> r.changeFairProcess(HELD, NOW), "change its fair-process facts");
        MisconductRecord r = record(from);
        assertThrows(ProblemException.class, () -> r.changeFairProcess(HELD, NOW));
        assertEquals(RESPONSE, r.responseDate, "the refused facts are not taken");
    }

    // ---------------------------------------------------------------- dispute (Sec. 3(a))

    @Test
    void anActiveRecordIsDisputedWithTheOfficersStatement() {
        MisconductRecord r = record(RecordStatus.ACTIVE);
        r.dispute("I was not on duty that day", NOW);
        assertEquals(RecordStatus.DISPUTED, r.status);
        assertEquals("I was not on duty that day", r.officerStatement);
        assertEquals(NOW, r.updatedAt);
    }

    @ParameterizedTest
    @EnumSource(value = RecordStatus.class, names = "ACTIVE", mode = EnumSource.Mode.EXCLUDE)
    void onlyAnActiveRecordIsDisputed(RecordStatus from) {
        assertRefused(from, r -> r.dispute("no", NOW), "dispute it");
    }

    @Test
    void anUpheldRecordIsActiveAgainWithItsStatementAndItsYear() {
        MisconductRecord r = record(RecordStatus.ACTIVE);
        r.finalOn = DECISION;
        r.dispute("not me", NOW);
        r.uphold(NOW.plusSeconds(60));
        assertEquals(RecordStatus.ACTIVE, r.status);
        assertEquals("not me", r.officerStatement);
        assertEquals(DECISION, r.finalOn);
        assertNull(r.correctedAt);
    }

    @ParameterizedTest
    @EnumSource(value = RecordStatus.class, names = "DISPUTED", mode = EnumSource.Mode.EXCLUDE)
    void onlyADisputedRecordIsUpheld(RecordStatus from) {
        assertRefused(from, r -> r.uphold(NOW), "uphold it");
    }

    @Test
    void anAmendedRecordIsCorrectedWithWhatChanged() {
        MisconductRecord r = record(RecordStatus.DISPUTED);
        Map<String, Map<String, String>> changes = r.amend(new Amendment(null, LocalDate.of(2026, 1, 16),
                " Pushed a detainee ", null, null, null), "the incident report was wrong", NOW);
        assertEquals(RecordStatus.AMENDED, r.status);
        assertEquals(Map.of("incidentDate", Map.of("from", "2026-01-15", "to", "2026-01-16"),
                "summary", Map.of("from", "Struck a handcuffed detainee", "to", "Pushed a detainee")), changes);
        assertEquals(LocalDate.of(2026, 1, 16), r.incidentDate);
        assertEquals("Pushed a detainee", r.summary);
        assertEquals("the incident report was wrong", r.correctionReason);
        assertEquals(NOW, r.correctedAt);
    }

    @Test
    void anAmendmentThatRepeatsTheRecordChangesNothingButIsStillACorrection() {
        MisconductRecord r = record(RecordStatus.DISPUTED);
        assertEquals(Map.of(), r.amend(new Amendment(RecordCategory.TERMINATION, null, r.summary, null, null, null),
                "reviewed", NOW));
        assertEquals(RecordStatus.AMENDED, r.status);
    }

    @Test
    void anAmendmentSaysWhatItCorrects() {
        for (Amendment nothing : new Amendment[] {null, new Amendment(null, null, " ", true, null, null)}) {
            MisconductRecord r = record(RecordStatus.DISPUTED);
            ProblemException e = assertThrows(ProblemException.class, () -> r.amend(nothing, "r", NOW));
            assertEquals(422, e.status());
            assertEquals("amendment-missing", e.slug());
            assertEquals(RecordStatus.DISPUTED, r.status);
        }
    }

    @Test
    void anAmendmentToAnotherCategoryNeedsItsSec3bQualifier() {
        MisconductRecord r = record(RecordStatus.DISPUTED);
        ProblemException e = assertThrows(ProblemException.class, () -> r.amend(
                new Amendment(RecordCategory.CIVIL_JUDGMENT, null, null, null, null, null), "r", NOW));
        assertEquals(422, e.status());
        assertEquals("qualifier-not-met", e.slug());
        assertTrue(e.getMessage().startsWith("amendment.improperUseOfForce must be true"), e.getMessage());
        assertEquals(RecordCategory.TERMINATION, r.category);
        assertEquals(RecordStatus.DISPUTED, r.status);

        // stated in the amendment
        r.amend(new Amendment(RecordCategory.CIVIL_JUDGMENT, null, null, null, true, null), "a court's judgment", NOW);
        assertEquals(RecordCategory.CIVIL_JUDGMENT, r.category);
        assertEquals(Boolean.TRUE, r.improperUseOfForce);
        assertEquals(RecordStatus.AMENDED, r.status);

        // or already on the record
        MisconductRecord convicted = record(RecordStatus.DISPUTED, RecordCategory.TERMINATION, FINAL);
        convicted.onDutyConduct = true;
        Map<String, Map<String, String>> changes = convicted.amend(
                new Amendment(RecordCategory.CRIMINAL_CONVICTION, null, null, null, null, null), "convicted", NOW);
        assertEquals(Map.of("category", Map.of("from", "TERMINATION", "to", "CRIMINAL_CONVICTION")), changes);
    }

    @ParameterizedTest
    @EnumSource(value = RecordStatus.class, names = "DISPUTED", mode = EnumSource.Mode.EXCLUDE)
    void onlyADisputedRecordIsAmended(RecordStatus from) {
        assertRefused(from, r -> r.amend(new Amendment(null, null, "changed", null, null, null), "r", NOW), "amend it");
        MisconductRecord r = record(from);
        assertThrows(ProblemException.class, () -> r.amend(new Amendment(null, null, "changed", null, null, null), "r", NOW));
        assertEquals("Struck a handcuffed detainee", r.summary, "a refused amendment changes no fact");
    }

    @Test
    void anExpungedRecordIsKeptAndFinal() {
        MisconductRecord r = record(RecordStatus.DISPUTED);
        r.expunge(NOW);
        assertEquals(RecordStatus.EXPUNGED, r.status);
        assertEquals("Struck a handcuffed detainee", r.summary, "kept with its facts");
        assertEquals(NOW, r.updatedAt);
    }

    @ParameterizedTest
    @EnumSource(value = RecordStatus.class, names = "DISPUTED", mode = EnumSource.Mode.EXCLUDE)
    void onlyADisputedRecordIsExpunged(RecordStatus from) {
        assertRefused(from, r -> r.expunge(NOW), "expunge it");
    }
}
