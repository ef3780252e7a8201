package org.safepolicing.credentialing.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.safepolicing.contracts.events.BodyStatus;
import org.safepolicing.platform.problem.ProblemException;

/**
 * The body's rules on the aggregate, every case: which standing may follow which (all 36 pairs), each of DOJ's
 * decisions and the end of a term tried from every standing (allowed: the new standing and the previous one returned;
 * refused: the 409 naming the current state, and nothing changed), the application's completeness (EO 13929
 * Sec. 2(c)) and the term, and who may be sought from and decide (Sec. 2(b)). No server, no database.
 */
class BodyRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 15);

    /** The standing's lifecycle as the README states it, written out here rather than read from the aggregate. */
    private static final Set<String> ALLOWED = Set.of(
            "APPLIED->CERTIFIED", "APPLIED->REFUSED",
            "CERTIFIED->SUSPENDED", "CERTIFIED->REVOKED", "CERTIFIED->EXPIRED",
            "SUSPENDED->CERTIFIED", "SUSPENDED->REVOKED", "SUSPENDED->EXPIRED",
            "EXPIRED->CERTIFIED");

    static Stream<Arguments> everyPair() {
        return Arrays.stream(BodyStatus.values()).flatMap(from -> Arrays.stream(BodyStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void standingMayChangeOnlyAlongTheLifecycle(BodyStatus from, BodyStatus to) {
        assertEquals(ALLOWED.contains(from + "->" + to), in(from).mayChangeTo(to));
    }

    @ParameterizedTest(name = "certify from {0}")
    @EnumSource(BodyStatus.class)
    void anApplicationOrAnEndedTermIsCertified(BodyStatus from) {
        CredentialingBody body = in(from);
        if (from == BodyStatus.APPLIED || from == BodyStatus.EXPIRED) {
            assertEquals(from, body.certify(TODAY.minusMonths(1), 36, TODAY));
            assertEquals(BodyStatus.CERTIFIED, body.status);
            assertEquals(TODAY.minusMonths(1), body.termStart);
            assertEquals(TODAY.minusMonths(1).plusMonths(36).minusDays(1), body.termEnd);
            assertNull(body.statusReason);
        } else {
            refused(body, "certify", b -> b.certify(null, 36, TODAY));
        }
    }

    @ParameterizedTest(name = "refuse from {0}")
    @EnumSource(BodyStatus.class)
    void onlyAnApplicationIsRefused(BodyStatus from) {
        CredentialingBody body = in(from);
        if (from == BodyStatus.APPLIED) {
            assertEquals(from, body.refuse(" incomplete "));
            assertEquals(BodyStatus.REFUSED, body.status);
            assertEquals("incomplete", body.statusReason);
        } else {
            refused(body, "refuse", b -> b.refuse("incomplete"));
        }
    }

    @ParameterizedTest(name = "suspend from {0}")
    @EnumSource(BodyStatus.class)
    void onlyACertifiedBodyIsSuspended(BodyStatus from) {
        CredentialingBody body = in(from);
        if (from == BodyStatus.CERTIFIED) {
            assertEquals(from, body.suspend(" audit findings "));
            assertEquals(BodyStatus.SUSPENDED, body.status);
            assertEquals("audit findings", body.statusReason);
        } else {
            refused(body, "suspend", b -> b.suspend("audit findings"));
        }
    }

    @ParameterizedTest(name = "reinstate from {0}")
    @EnumSource(BodyStatus.class)
    void onlyASuspendedBodyIsReinstated(BodyStatus from) {
        CredentialingBody body = in(from);
        if (from == BodyStatus.SUSPENDED) {
            LocalDate termEnd = body.termEnd;
            assertEquals(from, body.reinstate());
            assertEquals(BodyStatus.CERTIFIED, body.status);
            assertNull(body.statusReason);
            assertEquals(termEnd, body.termEnd, "reinstated within the same term");
        } else {
            refused(body, "reinstate", CredentialingBody::reinstate);
        }
    }

    @ParameterizedTest(name = "revoke from {0}")
    @EnumSource(BodyStatus.class)
    void aCertifiedOrSuspendedBodyIsRevoked(BodyStatus from) {
        CredentialingBody body = in(from);
        if (from == BodyStatus.CERTIFIED || from == BodyStatus.SUSPENDED) {
            assertEquals(from, body.revoke(" fraud "));
            assertEquals(BodyStatus.REVOKED, body.status);
            assertEquals("fraud", body.statusReason);
        } else {
            refused(body, "revoke", b -> b.revoke("fraud"));
        }
    }

    @ParameterizedTest(name = "end the term from {0}")
    @EnumSource(BodyStatus.class)
    void aCertifiedOrSuspendedBodyExpiresAfterItsTerm(BodyStatus from) {
        CredentialingBody body = in(from);
        body.termEnd = TODAY.minusDays(1);
        boolean ends = from == BodyStatus.CERTIFIED || from == BodyStatus.SUSPENDED;
        assertEquals(ends, body.endTerm(TODAY));
        assertEquals(ends ? BodyStatus.EXPIRED : from, body.status);
        if (ends) {
            assertEquals("certification term ended on " + TODAY.minusDays(1), body.statusReason);
        }
    }

    @Test
    void aTermEndsOnlyAfterItsLastDay() {
        CredentialingBody body = in(BodyStatus.CERTIFIED);
        body.termEnd = TODAY;
        assertEquals(false, body.endTerm(TODAY));
        assertEquals(BodyStatus.CERTIFIED, body.status);
    }

    @Test
    void anIncompleteApplicationIsNotCertified() {
        CredentialingBody body = in(BodyStatus.APPLIED);
        body.addressesEarlyWarning = " ";
        body.confirmsMandatoryStandards = null;
        ProblemException e = problem(422, "application-incomplete", () -> body.certify(null, 36, TODAY));
        assertEquals(List.of("addresses.earlyWarningSystems", "confirmsMandatoryStandards"),
                e.toProblem(null, null).extensions().get("missing"));
        assertEquals(BodyStatus.APPLIED, body.status);
        assertNull(body.termEnd);
    }

    @Test
    void aTermThatHasAlreadyEndedIsNotCertified() {
        CredentialingBody body = in(BodyStatus.APPLIED);
        problem(422, "term-already-over", () -> body.certify(TODAY.minusMonths(12), 12, TODAY));
        assertEquals(BodyStatus.APPLIED, body.status);
        assertEquals(BodyStatus.APPLIED, body.certify(TODAY.minusMonths(12).plusDays(1), 12, TODAY));
        assertEquals(TODAY, body.termEnd, "a term of 12 months from that day ends today");
    }

    @ParameterizedTest(name = "sought from and deciding while {0}")
    @EnumSource(BodyStatus.class)
    void onlyACertifiedBodyIsSoughtFromAndDecides(BodyStatus from) {
        CredentialingBody body = in(from);
        if (from == BodyStatus.CERTIFIED) {
            body.checkMayBeSought();
            body.checkMayDecide();
        } else {
            for (Runnable check : List.<Runnable>of(body::checkMayBeSought, body::checkMayDecide)) {
                ProblemException e = problem(422, "body-not-certified", check);
                assertEquals(from.name(), e.toProblem(null, null).extensions().get("bodyStatus"));
            }
        }
    }

    private static CredentialingBody in(BodyStatus status) {
        CredentialingBody body = new CredentialingBody();
        body.id = UUID.randomUUID();
        body.name = "Commission";
        body.coveredStandards = List.of("UOF_LAWFUL", "CHOKEHOLD_BAN");
        body.standardsVersion = "DOJ-2020";
        body.addressesUseOfForce = "policies and training reviewed";
        body.addressesDeEscalation = "de-escalation reviewed";
        body.addressesEarlyWarning = "early warning reviewed";
        body.addressesCommunityEngagement = "engagement plans reviewed";
        body.confirmsMandatoryStandards = true;
        body.status = status;
        body.updatedAt = Instant.parse("2026-01-01T00:00:00Z");
        if (status != BodyStatus.APPLIED && status != BodyStatus.REFUSED) {
            body.termStart = TODAY.minusMonths(6);
            body.termEnd = TODAY.plusMonths(30);
        }
        return body;
    }

    /** A refused change: 409 illegal-transition naming the current state, and the body as it was. */
    private static void refused(CredentialingBody body, String attempted, Consumer<CredentialingBody> change) {
        BodyStatus before = body.status;
        LocalDate termEnd = body.termEnd;
        ProblemException e = problem(409, "illegal-transition", () -> change.accept(body));
        assertEquals(before.name(), e.toProblem(null, null).extensions().get("currentState"));
        assertEquals("credentialing body " + body.id + " is " + before + ": cannot " + attempted, e.getMessage());
        assertEquals(before, body.status);
        assertEquals(termEnd, body.termEnd);
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), body.updatedAt);
    }

    private static ProblemException problem(int status, String slug, Runnable action) {
        ProblemException e = assertThrows(ProblemException.class, action::run);
        assertEquals(status, e.status());
        assertEquals(slug, e.slug());
        return e;
    }
}
