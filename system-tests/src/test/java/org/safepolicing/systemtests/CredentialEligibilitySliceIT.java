package org.safepolicing.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.response.Response;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.stack.KafkaTopics;

/**
 * The first slice across the real suite, with tokens Keycloak issued: an agency user seeks a credential in
 * credentialing-service, and grants-service's Sec. 2(b) rule turns PASS, naming the very {@code credential.sought}
 * event that decided it; withdrawal turns it FAIL, seeking again PASS; a body's suspension turns it FAIL for every
 * agency on that body and leaves an agency on another body as it was. And the eligibility API admits exactly who may
 * read an agency's answer.
 */
class CredentialEligibilitySliceIT {

    private static Suite suite;

    @BeforeAll
    static void stack() {
        suite = new Suite();
    }

    @Test
    void eligibilityFollowsCredentialAndBodyEvents() {
        Suite.Agency agency = suite.newAgency("VA");
        Suite.Agency neighbour = suite.newAgency("VA");
        Suite.Agency elsewhere = suite.newAgency("MD");
        String body = suite.certifiedBody("Slice Body");
        String otherBody = suite.certifiedBody("Other Slice Body");

        // seek: PASS, decided by the credential.sought event credentialing published
        String credential = suite.seek(agency, body);
        ConsumerRecord<String, String> sought = suite.credentialEvent(agency.ori(), EventTypes.CREDENTIAL_SOUGHT, credential);
        JsonNode pass = suite.awaitRule(suite.token(agency), agency.ori(), "PASS", Suite.ceId(sought));
        assertTrue(pass.path("eligible").asBoolean(), "eligible once the only rule passes: " + pass);
        assertEquals(agency.ori(), pass.path("ori").asText());
        JsonNode decidedBy = Suite.sec2b(pass).path("decidedBy");
        assertEquals(EventTypes.CREDENTIAL_SOUGHT, decidedBy.path("eventType").asText(), "decidedBy names the event's type");
        assertEquals(Instant.parse(KafkaTopics.header(sought, "ce_time")), Instant.parse(decidedBy.path("eventTime").asText()),
                "decidedBy carries the event's ce_time");
        assertFalse(pass.path("asOf").isMissingNode() || pass.path("asOf").isNull(), "the answer says when: " + pass);

        // withdraw: FAIL, decided by the withdrawal
        suite.withdraw(agency, credential);
        ConsumerRecord<String, String> withdrawn = suite.credentialEvent(agency.ori(), EventTypes.CREDENTIAL_WITHDRAWN, credential);
        JsonNode fail = suite.awaitRule(suite.token(agency), agency.ori(), "FAIL", Suite.ceId(withdrawn));
        assertFalse(fail.path("eligible").asBoolean(), "not eligible after the withdrawal: " + fail);
        assertEquals(EventTypes.CREDENTIAL_WITHDRAWN, Suite.sec2b(fail).path("decidedBy").path("eventType").asText());

        // seek again: PASS, decided by the new credential's event
        String again = suite.seek(agency, body);
        String soughtAgain = Suite.ceId(suite.credentialEvent(agency.ori(), EventTypes.CREDENTIAL_SOUGHT, again));
        suite.awaitRule(suite.token(agency), agency.ori(), "PASS", soughtAgain);

        // two more agencies: one on the same body, one on another body
        String neighbourSought = Suite.ceId(suite.credentialEvent(neighbour.ori(), EventTypes.CREDENTIAL_SOUGHT,
                suite.seek(neighbour, body)));
        String elsewhereSought = Suite.ceId(suite.credentialEvent(elsewhere.ori(), EventTypes.CREDENTIAL_SOUGHT,
                suite.seek(elsewhere, otherBody)));
        suite.awaitRule(suite.token(neighbour), neighbour.ori(), "PASS", neighbourSought);
        JsonNode elsewhereBefore = suite.awaitRule(suite.token(elsewhere), elsewhere.ori(), "PASS", elsewhereSought);

        // the body is suspended: FAIL for both of its agencies, decided by the suspension
        suite.suspendBody(body, "system test: DOJ found the body's reviews deficient");
        String suspended = Suite.ceId(suite.bodyEvent(body, EventTypes.BODY_SUSPENDED));
        JsonNode agencyAfter = suite.awaitRule(suite.token(agency), agency.ori(), "FAIL", suspended);
        JsonNode neighbourAfter = suite.awaitRule(suite.token(neighbour), neighbour.ori(), "FAIL", suspended);
        assertFalse(agencyAfter.path("eligible").asBoolean());
        assertFalse(neighbourAfter.path("eligible").asBoolean());
        assertEquals(EventTypes.BODY_SUSPENDED, Suite.sec2b(agencyAfter).path("decidedBy").path("eventType").asText());

        // the agency on the other body keeps its answer: same outcome, same deciding event, same asOf, and no event
        suite.awaitGrantsCaughtUp();
        JsonNode elsewhereAfter = suite.eligibility(suite.token(elsewhere), elsewhere.ori());
        assertEquals(elsewhereBefore, elsewhereAfter, "an agency on another body is untouched by the suspension");
        assertEquals(List.of(Suite.trail(false, "FAIL", null), Suite.trail(true, "PASS", elsewhereSought)),
                suite.eligibilityTrail(elsewhere.ori()), "eligibility events of the agency on the other body");

        // and what partners saw of the first agency: every change once, in order
        assertEquals(List.of(
                        Suite.trail(false, "FAIL", null),
                        Suite.trail(true, "PASS", Suite.ceId(sought)),
                        Suite.trail(false, "FAIL", Suite.ceId(withdrawn)),
                        Suite.trail(true, "PASS", soughtAgain),
                        Suite.trail(false, "FAIL", suspended)),
                suite.eligibilityTrail(agency.ori()), "eligibility events of " + agency.ori());
    }

    @Test
    void onlyTheAgencyItselfGrantOfficersAndDojReadAnAgencysEligibility() {
        Suite.Agency agency = suite.newAgency("VA");
        Suite.Agency other = suite.newAgency("MD");
        String url = suite.eligibilityUrl(agency.ori());

        Response anonymous = given().get(url);
        assertEquals(401, anonymous.statusCode(), "no token: " + anonymous.asString());
        assertTrue(anonymous.contentType().startsWith("application/problem+json"), "a problem: " + anonymous.contentType());
        assertEquals(401, given().auth().oauth2("not-a-token").get(url).statusCode(), "a token that is no JWT");

        Response foreign = suite.as(suite.token(other)).get(url);
        assertEquals(403, foreign.statusCode(), "another agency's user (Keycloak token, ori " + other.ori() + "): "
                + foreign.asString());
        assertTrue(foreign.contentType().startsWith("application/problem+json"), "a problem: " + foreign.contentType());
        assertEquals(403, suite.as(suite.demoToken("other.agency.user")).get(url).statusCode(), "demo user of MD0030000");
        assertEquals(403, suite.as(suite.demoToken("hhs.analyst")).get(url).statusCode(), "a role with no business here");

        assertEquals(200, suite.as(suite.token(agency)).get(url).statusCode(), "the agency's own user");
        assertEquals(200, suite.as(suite.demoToken("grant.officer")).get(url).statusCode(), "a grant officer");
        assertEquals(200, suite.as(suite.demoToken("grant.officer")).get(suite.eligibilityUrl(other.ori())).statusCode(),
                "a grant officer reads any agency");
        assertEquals(200, suite.as(suite.demoToken("doj.admin")).get(url).statusCode(), "DOJ");

        // and the other way round: an agency user cannot act for another agency in credentialing either
        Response seekForOther = suite.as(suite.token(other)).body("{\"bodyId\":\"" + java.util.UUID.randomUUID() + "\"}")
                .post(suite.credentialing() + "/api/v1/agencies/" + agency.ori() + "/credentials");
        assertEquals(403, seekForOther.statusCode(), "seeking for another agency: " + seekForOther.asString());
    }
}
