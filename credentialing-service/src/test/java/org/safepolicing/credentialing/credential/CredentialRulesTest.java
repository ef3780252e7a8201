package org.safepolicing.credentialing.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.safepolicing.contracts.events.CredentialStatus;
import org.safepolicing.platform.problem.ProblemException;

/**
 * The credential's rules on the aggregate, every case: which status may follow which (all 36 pairs), each change
 * tried from every status (allowed: the new status and the previous one returned; refused: the 409 naming the current
 * state, and nothing changed), the renewal's and the supersession's refusals, and the decision's rules (EO 13929
 * Sec. 2(c)(i)-(ii)). No server, no database.
 */
class CredentialRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
    private static final DecisionRules.Findings BOTH_MET = findings(List.of(), List.of(), List.of());
    private static final DecisionRules.Findings CHOKEHOLD_NOT_MET = findings(List.of(), List.of("CHOKEHOLD_BAN"), List.of());

    /** The lifecycle as the README states it, written out here rather than read from the aggregate. */
    private static final Set<String> ALLOWED = Set.of(
            "SOUGHT->CREDENTIALED", "SOUGHT->DENIED", "SOUGHT->WITHDRAWN",
            "CREDENTIALED->REVOKED", "CREDENTIALED->EXPIRED", "CREDENTIALED->WITHDRAWN");

    static Stream<Arguments> everyPair() {
        return Arrays.stream(CredentialStatus.values())
                .flatMap(from -> Arrays.stream(CredentialStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void statusMayChangeOnlyAlongTheLifecycle(CredentialStatus from, CredentialStatus to) {
        assertEquals(ALLOWED.contains(from + "->" + to), in(from).mayChangeTo(to));
    }

    @ParameterizedTest(name = "grant from {0}")
    @EnumSource(CredentialStatus.class)
    void onlyASoughtCredentialIsGranted(CredentialStatus from) {
        AgencyCredential credential = in(from);
        if (from == CredentialStatus.SOUGHT) {
            assertEquals(from, credential.grant(TODAY.minusDays(1), BOTH_MET, "assessor-1", null));
            assertEquals(CredentialStatus.CREDENTIALED, credential.status);
            assertEquals(TODAY.minusDays(1), credential.validFrom);
            assertEquals(TODAY.minusDays(1).plusMonths(36), credential.validUntil);
            assertEquals(TODAY.minusDays(1), credential.determinationDate);
            assertEquals("assessor-1", credential.decidedBy);
            assertNull(credential.unmetStandards);
            assertTrue(credential.inForce());
        } else {
            refused(credential, "decide", c -> c.grant(TODAY, BOTH_MET, "assessor-1", null));
        }
    }

    @ParameterizedTest(name = "deny from {0}")
    @EnumSource(CredentialStatus.class)
    void onlyASoughtCredentialIsDenied(CredentialStatus from) {
        AgencyCredential credential = in(from);
        if (from == CredentialStatus.SOUGHT) {
            assertEquals(from, credential.deny(TODAY, CHOKEHOLD_NOT_MET, "assessor-1", " no policy "));
            assertEquals(CredentialStatus.DENIED, credential.status);
            assertEquals(List.of("CHOKEHOLD_BAN"), credential.unmetStandards);
            assertEquals("no policy", credential.reason);
            assertNull(credential.validUntil);
        } else {
            refused(credential, "decide", c -> c.deny(TODAY, CHOKEHOLD_NOT_MET, "assessor-1", null));
        }
    }

    @ParameterizedTest(name = "decide or assess from {0}")
    @EnumSource(CredentialStatus.class)
    void findingsAndDecisionsOnlyWhileSought(CredentialStatus from) {
        if (from == CredentialStatus.SOUGHT) {
            in(from).checkMayBeDecided();
            in(from).checkMayBeAssessed();
        } else {
            refused(in(from), "decide", AgencyCredential::checkMayBeDecided);
            refused(in(from), "record an assessment", AgencyCredential::checkMayBeAssessed);
        }
    }

    @ParameterizedTest(name = "revoke from {0}")
    @EnumSource(CredentialStatus.class)
    void onlyACredentialInForceIsRevoked(CredentialStatus from) {
        AgencyCredential credential = in(from);
        if (from == CredentialStatus.CREDENTIALED) {
            assertEquals(from, credential.revoke(" misconduct found "));
            assertEquals(CredentialStatus.REVOKED, credential.status);
            assertEquals("misconduct found", credential.reason);
        } else {
            refused(credential, "revoke", c -> c.revoke("misconduct found"));
        }
    }

    @ParameterizedTest(name = "withdraw from {0}")
    @EnumSource(CredentialStatus.class)
    void aSoughtOrHeldCredentialIsWithdrawn(CredentialStatus from) {
        AgencyCredential credential = in(from);
        if (from == CredentialStatus.SOUGHT || from == CredentialStatus.CREDENTIALED) {
            assertEquals(from, credential.withdraw("  "));
            assertEquals(CredentialStatus.WITHDRAWN, credential.status);
            assertNull(credential.reason, "a blank reason is none");
        } else {
            refused(credential, "withdraw", c -> c.withdraw("no longer needed"));
        }
    }

    @ParameterizedTest(name = "expire from {0}")
    @EnumSource(CredentialStatus.class)
    void onlyACredentialInForcePastItsValidityExpires(CredentialStatus from) {
        AgencyCredential credential = in(from);
        credential.validUntil = TODAY.minusDays(1);
        boolean expires = from == CredentialStatus.CREDENTIALED;
        assertEquals(expires, credential.expire(TODAY));
        assertEquals(expires ? CredentialStatus.EXPIRED : from, credential.status);
        if (expires) {
            assertEquals("valid until " + TODAY.minusDays(1), credential.reason);
        }
    }

    @Test
    void aCredentialExpiresOnlyAfterItsLastValidDayAndNotOnceRenewed() {
        AgencyCredential lastDay = in(CredentialStatus.CREDENTIALED);
        lastDay.validUntil = TODAY;
        assertFalse(lastDay.expire(TODAY));
        assertEquals(CredentialStatus.CREDENTIALED, lastDay.status);

        AgencyCredential renewed = in(CredentialStatus.CREDENTIALED);
        renewed.validUntil = TODAY.minusDays(1);
        renewed.supersededBy = UUID.randomUUID();
        assertFalse(renewed.expire(TODAY));
        assertEquals(CredentialStatus.CREDENTIALED, renewed.status);
    }

    @ParameterizedTest(name = "renew from {0}")
    @EnumSource(CredentialStatus.class)
    void onlyACredentialInForceIsRenewed(CredentialStatus from) {
        AgencyCredential credential = in(from);
        credential.validUntil = TODAY;
        if (from == CredentialStatus.CREDENTIALED) {
            credential.checkMayBeRenewed(TODAY);
            AgencyCredential renewal = credential.renewal("DOJ-2020");
            assertEquals(CredentialStatus.SOUGHT, renewal.status);
            assertEquals(credential.id, renewal.renewalOf);
            assertEquals(credential.bodyId, renewal.bodyId);
            assertEquals(credential.ori, renewal.ori);
            assertTrue(credential.inForce(), "the earlier credential stays in force until the renewal is decided");
        } else {
            refused(credential, "renew", c -> c.checkMayBeRenewed(TODAY));
        }
    }

    @Test
    void aRenewedOrLapsedCredentialIsNotRenewedAgain() {
        AgencyCredential renewed = in(CredentialStatus.CREDENTIALED);
        renewed.validUntil = TODAY;
        renewed.supersededBy = UUID.randomUUID();
        problem(409, "credential-superseded", "CREDENTIALED", () -> renewed.checkMayBeRenewed(TODAY));

        AgencyCredential lapsed = in(CredentialStatus.CREDENTIALED);
        lapsed.validUntil = TODAY.minusDays(1);
        problem(409, "credential-validity-over", "CREDENTIALED", () -> lapsed.checkMayBeRenewed(TODAY));
    }

    @Test
    void aCredentialReplacedByItsRenewalIsNeitherRevokedNorWithdrawnNorReplacedAgain() {
        AgencyCredential credential = in(CredentialStatus.CREDENTIALED);
        UUID renewal = UUID.randomUUID();
        credential.supersede(renewal);
        assertEquals(renewal, credential.supersededBy);
        assertFalse(credential.inForce());
        assertEquals(CredentialStatus.CREDENTIALED, credential.status);
        problem(409, "credential-superseded", "CREDENTIALED", () -> credential.revoke("misconduct"));
        problem(409, "credential-superseded", "CREDENTIALED", () -> credential.withdraw(null));
        problem(409, "illegal-transition", "CREDENTIALED", () -> credential.supersede(UUID.randomUUID()));
        assertEquals(CredentialStatus.CREDENTIALED, credential.status);
        assertEquals(renewal, credential.supersededBy);
    }

    @ParameterizedTest(name = "supersede from {0}")
    @EnumSource(CredentialStatus.class)
    void onlyACredentialInForceIsReplacedByItsRenewal(CredentialStatus from) {
        AgencyCredential credential = in(from);
        if (from == CredentialStatus.CREDENTIALED) {
            credential.supersede(UUID.randomUUID());
            assertFalse(credential.inForce());
        } else {
            refused(credential, "be replaced by a renewal", c -> c.supersede(UUID.randomUUID()));
        }
    }

    @Test
    void bothMandatoryStandardsNeedAFindingBeforeAnyDecision() {
        DecisionRules.Findings missing = findings(List.of("UOF_LAWFUL"), List.of("UOF_LAWFUL"), List.of());
        for (DecisionOutcome outcome : DecisionOutcome.values()) {
            AgencyCredential credential = in(CredentialStatus.SOUGHT);
            ProblemException e = problem(422, "assessment-incomplete", null, () -> credential.checkDecision(outcome, missing));
            assertEquals(List.of("UOF_LAWFUL"), extensions(e).get("missingStandards"));
        }
        AgencyCredential credential = in(CredentialStatus.SOUGHT);
        problem(422, "assessment-incomplete", null, () -> credential.grant(TODAY, missing, "a", null));
        assertEquals(CredentialStatus.SOUGHT, credential.status);
    }

    @Test
    void aMandatoryStandardNotMetIsNeverCredentialed() {
        AgencyCredential credential = in(CredentialStatus.SOUGHT);
        ProblemException e = problem(422, "mandatory-standard-not-met", null,
                () -> credential.grant(TODAY, CHOKEHOLD_NOT_MET, "assessor-1", null));
        assertEquals(List.of("CHOKEHOLD_BAN"), extensions(e).get("unmetStandards"));
        assertEquals(CredentialStatus.SOUGHT, credential.status);
        assertNull(credential.validUntil);
    }

    @Test
    void aDenialNamesAMandatoryStandardNotMetAndNeverAnEncouragedTopic() {
        AgencyCredential credential = in(CredentialStatus.SOUGHT);
        DecisionRules.Findings topicNotMet = findings(List.of(), List.of(), List.of("DUTY_TO_INTERVENE"));
        ProblemException e = problem(422, "nothing-unmet", null, () -> credential.deny(TODAY, topicNotMet, "assessor-1", null));
        assertTrue(e.getMessage().contains("NOT_MET: [DUTY_TO_INTERVENE]"), e.getMessage());
        assertEquals(CredentialStatus.SOUGHT, credential.status);
    }

    @Test
    void anEncouragedTopicNotMetIsRecordedAndReportedButGranted() {
        AgencyCredential credential = in(CredentialStatus.SOUGHT);
        DecisionRules.Findings topicNotMet = new DecisionRules.Findings(List.of(), List.of(), List.of("UOF_TRAINING"),
                List.of("DUTY_TO_INTERVENE"), List.of("MEDICAL_AID"), List.of("COMMUNITY_ENGAGEMENT_PLAN"));
        credential.grant(TODAY, topicNotMet, "assessor-1", "all mandatory met");
        assertEquals(CredentialStatus.CREDENTIALED, credential.status);
        assertEquals(List.of("UOF_TRAINING"), credential.topicsMet);
        assertEquals(List.of("DUTY_TO_INTERVENE"), credential.topicsNotMet);
        assertEquals(List.of("MEDICAL_AID"), credential.topicsNotApplicable);
        assertEquals(List.of("COMMUNITY_ENGAGEMENT_PLAN"), credential.topicsNotAssessed);
        assertEquals("all mandatory met (encouraged topics NOT_MET, reported and not decisive: [DUTY_TO_INTERVENE])",
                credential.reason);
    }

    @Test
    void theDeterminationFallsBetweenTheDaySoughtAndToday() {
        AgencyCredential credential = in(CredentialStatus.SOUGHT);
        LocalDate sought = TODAY.minusDays(10);
        credential.soughtAt = sought.atStartOfDay(ZoneOffset.UTC).toInstant();
        assertEquals(TODAY, credential.determinationDate(null, TODAY));
        assertEquals(sought, credential.determinationDate(sought, TODAY));
        problem(422, "determination-date-out-of-range", null, () -> credential.determinationDate(sought.minusDays(1), TODAY));
        problem(422, "determination-date-out-of-range", null, () -> credential.determinationDate(TODAY.plusDays(1), TODAY));
    }

    @Test
    void aSoughtCredentialCountsFromTheStartAndKeepsTheAffirmation() {
        UUID body = UUID.randomUUID();
        AgencyCredential credential = AgencyCredential.sought("VA0290100", body, "DOJ-2020");
        assertEquals(CredentialStatus.SOUGHT, credential.status);
        assertEquals(body, credential.bodyId);
        assertEquals("DOJ-2020", credential.standardsVersion);
        credential.affirm(" Jane Roe ", " Chief ", " We seek it. ");
        assertEquals("Jane Roe, Chief", credential.affirmedBy);
        assertEquals(credential.soughtAt, credential.affirmedAt);
        assertEquals("head-of-agency affirmation by Jane Roe, Chief: We seek it.", credential.reason);
    }

    private static AgencyCredential in(CredentialStatus status) {
        AgencyCredential credential = new AgencyCredential();
        credential.id = UUID.randomUUID();
        credential.ori = "VA0290100";
        credential.bodyId = UUID.randomUUID();
        credential.standardsVersion = "DOJ-2020";
        credential.status = status;
        credential.soughtAt = TODAY.minusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        credential.updatedAt = credential.soughtAt;
        if (status == CredentialStatus.CREDENTIALED) {
            credential.validFrom = TODAY.minusMonths(1);
            credential.validUntil = TODAY.plusMonths(35);
        }
        return credential;
    }

    private static DecisionRules.Findings findings(List<String> mandatoryMissing, List<String> mandatoryNotMet,
                                                   List<String> topicsNotMet) {
        return new DecisionRules.Findings(mandatoryMissing, mandatoryNotMet, List.of(), topicsNotMet, List.of(), List.of());
    }

    /** A refused change: 409 illegal-transition naming the current state, and the credential as it was. */
    private static void refused(AgencyCredential credential, String attempted, Consumer<AgencyCredential> change) {
        CredentialStatus before = credential.status;
        Instant updated = credential.updatedAt;
        ProblemException e = problem(409, "illegal-transition", before.name(), () -> change.accept(credential));
        assertEquals("credential " + credential.id + " is " + before + ": cannot " + attempted, e.getMessage());
        assertEquals(before, credential.status);
        assertEquals(updated, credential.updatedAt);
    }

    private static ProblemException problem(int status, String slug, String currentState, Runnable action) {
        ProblemException e = assertThrows(ProblemException.class, action::run);
        assertEquals(status, e.status());
        assertEquals(slug, e.slug());
        if (currentState != null) {
            assertEquals(currentState, extensions(e).get("currentState"));
        }
        return e;
    }

    private static Map<String, Object> extensions(ProblemException e) {
        Map<String, Object> extensions = e.toProblem(null, null).extensions();
        return extensions == null ? Map.of() : extensions;
    }
}
