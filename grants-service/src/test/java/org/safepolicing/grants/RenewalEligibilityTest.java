package org.safepolicing.grants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safepolicing.grants.EligibilityApi.awaitEligibility;
import static org.safepolicing.grants.EligibilityApi.decidedBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.events.BodyStatus;
import org.safepolicing.contracts.events.CredentialStatus;
import org.safepolicing.testing.SuiteServers;

/**
 * EO 13929 Sec. 2(b) through a credential's renewal (issue 13, point 19): a renewal DENIED or WITHDRAWN while the
 * earlier credential is in force leaves the agency passing on the earlier credential, until that one expires or is
 * revoked. Events written to credentialing.events.v1 as credentialing-service writes them ({@code renewalOf}).
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "grants"))
class RenewalEligibilityTest {

    private static final LocalDate VALID_UNTIL = LocalDate.of(2029, 1, 31);

    @Inject
    AgroalDataSource dataSource;

    GrantsDatabase db;
    String ori;
    UUID bodyId;
    UUID earlier;

    /** An agency credentialed by a certified body until {@link #VALID_UNTIL}, current in reporting. */
    @BeforeEach
    void credentialedAgency() {
        db = new GrantsDatabase(dataSource);
        ori = Upstream.randomOri();
        bodyId = UUID.randomUUID();
        earlier = UUID.randomUUID();
        Instant t0 = Instant.parse("2026-01-15T09:00:00Z");
        db.awaitProcessed(Upstream.certifiedBody(bodyId, "Renewal Body", t0));
        db.awaitProcessed(Upstream.reportingCurrent(ori, t0));
        String granted = Upstream.credential(ori, earlier, bodyId, EventTypes.CREDENTIAL_GRANTED,
                CredentialStatus.CREDENTIALED, VALID_UNTIL, null, t0.plusSeconds(60));
        awaitEligibility(ori, a -> decidedBy(a, "PASS", granted) && a.getBoolean("eligible"));
    }

    @Test
    void aDeniedRenewalLeavesTheEarlierCredentialInForceUntilItExpires() {
        UUID renewal = UUID.randomUUID();
        String sought = Upstream.credential(ori, renewal, bodyId, EventTypes.CREDENTIAL_SOUGHT, CredentialStatus.SOUGHT,
                null, earlier, Instant.parse("2028-09-01T09:00:00Z"));
        awaitEligibility(ori, a -> decidedBy(a, "PASS", sought));

        String denied = Upstream.credential(ori, renewal, bodyId, EventTypes.CREDENTIAL_DENIED, CredentialStatus.DENIED,
                null, earlier, Instant.parse("2028-11-20T09:00:00Z"));
        JsonPath answer = awaitEligibility(ori, a -> decidedBy(a, "PASS", denied));
        assertTrue(answer.getBoolean("eligible"), answer.prettify());
        assertEquals("credentialed by certified credentialing body Renewal Body until 2029-01-31 (the earlier credential"
                + " stays in force: renewal denied by credentialing body Renewal Body on 2028-11-20: standards not met:"
                + " CHOKEHOLD_BAN)", answer.getString("rules[0].reason"));

        // the earlier credential ends at its own expiry, and with it the agency's 2(b) standing
        String expired = Upstream.credential(ori, earlier, bodyId, EventTypes.CREDENTIAL_EXPIRED,
                CredentialStatus.EXPIRED, VALID_UNTIL, null, Instant.parse("2029-02-01T00:00:00Z"));
        answer = awaitEligibility(ori, a -> decidedBy(a, "FAIL", expired));
        assertFalse(answer.getBoolean("eligible"));
        assertEquals("renewal denied by credentialing body Renewal Body on 2028-11-20: standards not met: CHOKEHOLD_BAN;"
                + " the credential it renewed: credential expired on 2029-01-31", answer.getString("rules[0].reason"));
        // the history says when each held: PASS on the earlier credential in December 2028, FAIL after its expiry
        assertEquals("PASS", EligibilityApi.eligibilityAt(ori, "2028-12-15").getString("rules[0].outcome"));
        assertEquals("FAIL", EligibilityApi.eligibilityAt(ori, "2029-02-02").getString("rules[0].outcome"));
    }

    @Test
    void aWithdrawnRenewalKeepsPassingUntilTheEarlierCredentialIsRevoked() {
        UUID renewal = UUID.randomUUID();
        Upstream.credential(ori, renewal, bodyId, EventTypes.CREDENTIAL_SOUGHT, CredentialStatus.SOUGHT, null, earlier,
                Instant.parse("2028-09-01T09:00:00Z"));
        String withdrawn = Upstream.credential(ori, renewal, bodyId, EventTypes.CREDENTIAL_WITHDRAWN,
                CredentialStatus.WITHDRAWN, null, earlier, Instant.parse("2028-10-01T09:00:00Z"));
        JsonPath answer = awaitEligibility(ori, a -> decidedBy(a, "PASS", withdrawn));
        assertTrue(answer.getString("rules[0].reason").contains("renewal withdrawn by the agency on 2028-10-01"));

        // a duplicate of the withdrawal changes nothing
        long history = db.historyRows(ori);
        Upstream.send(org.safepolicing.contracts.Topics.CREDENTIALING_EVENTS, ori, EventTypes.CREDENTIAL_WITHDRAWN,
                "{}", 1, Instant.now(), withdrawn);
        // an event type grants skips, behind the duplicate on the same partition: once it is processed, so is the duplicate
        db.awaitProcessed(Upstream.send(org.safepolicing.contracts.Topics.CREDENTIALING_EVENTS, ori,
                "org.safepolicing.test.marker", "{}", Upstream.nextSequence(), Instant.now()));
        assertEquals(history, db.historyRows(ori));

        String revoked = Upstream.credential(ori, earlier, bodyId, EventTypes.CREDENTIAL_REVOKED,
                CredentialStatus.REVOKED, VALID_UNTIL, null, Instant.parse("2028-10-15T09:00:00Z"));
        answer = awaitEligibility(ori, a -> decidedBy(a, "FAIL", revoked));
        assertTrue(answer.getString("rules[0].reason").endsWith(
                "the credential it renewed: credential revoked by credentialing body Renewal Body on 2028-10-15"),
                answer.getString("rules[0].reason"));
    }

    @Test
    void theEarlierCredentialsBodySuspendedFailsTheAgency() {
        UUID renewal = UUID.randomUUID();
        String denied = Upstream.credential(ori, renewal, bodyId, EventTypes.CREDENTIAL_DENIED, CredentialStatus.DENIED,
                null, earlier, Instant.parse("2028-11-20T09:00:00Z"));
        awaitEligibility(ori, a -> decidedBy(a, "PASS", denied));
        String suspended = Upstream.body(bodyId, "Renewal Body", EventTypes.BODY_SUSPENDED, BodyStatus.SUSPENDED,
                BodyStatus.CERTIFIED, "audit pending", Instant.parse("2028-12-01T09:00:00Z"));
        JsonPath answer = awaitEligibility(ori, a -> decidedBy(a, "FAIL", suspended));
        assertTrue(answer.getString("rules[0].reason").endsWith("which is SUSPENDED: audit pending"),
                answer.getString("rules[0].reason"));
    }

    @Test
    void aDeniedCredentialThatRenewsNothingStillFails() {
        String denied = Upstream.credential(ori, UUID.randomUUID(), bodyId, EventTypes.CREDENTIAL_DENIED,
                CredentialStatus.DENIED, null, null, Instant.parse("2028-11-20T09:00:00Z"));
        JsonPath answer = awaitEligibility(ori, a -> decidedBy(a, "FAIL", denied));
        assertEquals("credential denied by credentialing body Renewal Body on 2028-11-20: standards not met: CHOKEHOLD_BAN",
                answer.getString("rules[0].reason"));
    }

    @Test
    void aRenewalDeniedAfterTheEarlierCredentialRanOutFails() {
        String denied = Upstream.credential(ori, UUID.randomUUID(), bodyId, EventTypes.CREDENTIAL_DENIED,
                CredentialStatus.DENIED, null, earlier, Instant.parse("2029-03-01T09:00:00Z"));
        JsonPath answer = awaitEligibility(ori, a -> decidedBy(a, "FAIL", denied));
        assertTrue(answer.getString("rules[0].reason").endsWith("the credential it renewed was valid until 2029-01-31"),
                answer.getString("rules[0].reason"));
    }
}
