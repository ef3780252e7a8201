package org.safepolicing.systemtests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;

/**
 * The first slice across the real suite: a credential sought in credentialing-service turns grants-service's
 * Sec. 2(b) rule PASS, decided by that very event; withdrawal and a body's suspension turn it FAIL.
 */
class CredentialEligibilitySliceIT {

    private final SuiteApi api = new SuiteApi();

    @Test
    void eligibilityFollowsCredentialAndBodyEvents() {
        String ori = SuiteApi.randomOri("VA");
        String neighbour = SuiteApi.randomOri("VA");
        String elsewhere = SuiteApi.randomOri("MD");
        api.registerAgency(ori, "LOCAL_MUNICIPAL");
        api.registerAgency(neighbour, "COUNTY_SHERIFF");
        api.registerAgency(elsewhere, "LOCAL_MUNICIPAL");
        String agency = api.suite.newAgencyUser(ori);
        String neighbourUser = api.suite.newAgencyUser(neighbour);
        String elsewhereUser = api.suite.newAgencyUser(elsewhere);
        String body = api.certifiedBody("Slice Body");
        String otherBody = api.certifiedBody("Other Body");

        String credential = api.seek(agency, ori, body);
        JsonPath pass = api.awaitRule(agency, ori, "PASS", EventTypes.CREDENTIAL_SOUGHT);
        assertTrue(pass.getBoolean("eligible"));
        assertEquals(api.lastCredentialEventId(ori, EventTypes.CREDENTIAL_SOUGHT), pass.getString("rules[0].decidedBy.eventId"),
                "the rule names the event that decided it");

        api.withdraw(agency, ori, credential);
        JsonPath withdrawn = api.awaitRule(agency, ori, "FAIL", EventTypes.CREDENTIAL_WITHDRAWN);
        assertFalse(withdrawn.getBoolean("eligible"));
        assertEquals(api.lastCredentialEventId(ori, EventTypes.CREDENTIAL_WITHDRAWN), withdrawn.getString("rules[0].decidedBy.eventId"));

        api.seek(agency, ori, body);
        api.seek(neighbourUser, neighbour, body);
        api.seek(elsewhereUser, elsewhere, otherBody);
        api.awaitRule(agency, ori, "PASS", EventTypes.CREDENTIAL_SOUGHT);
        api.awaitRule(neighbourUser, neighbour, "PASS", EventTypes.CREDENTIAL_SOUGHT);
        api.awaitRule(elsewhereUser, elsewhere, "PASS", EventTypes.CREDENTIAL_SOUGHT);

        api.suspendBody(body, "system test: audit findings");
        JsonPath suspended = api.awaitRule(agency, ori, "FAIL", EventTypes.BODY_SUSPENDED);
        org.hamcrest.MatcherAssert.assertThat(suspended.getString("rules[0].reason"), containsString("SUSPENDED"));
        api.awaitRule(neighbourUser, neighbour, "FAIL", EventTypes.BODY_SUSPENDED);
        JsonPath unaffected = api.eligibility(elsewhereUser, elsewhere);
        assertEquals("PASS", unaffected.getString("rules[0].outcome"), "an agency on another body keeps its standing");
    }

    @Test
    void keycloakTokensAreCheckedAndScopedToTheAgency() {
        String ori = SuiteApi.randomOri("VA");
        api.registerAgency(ori, "LOCAL_MUNICIPAL");
        String grantsUrl = api.suite.url(SuiteUnderTest.GRANTS) + "/api/v1/agencies/" + ori + "/eligibility";
        given().get(grantsUrl).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("not-a-token").get(grantsUrl).then().statusCode(401);
        api.as(api.suite.demoToken("other.agency.user")).get(grantsUrl).then().statusCode(403)
                .contentType("application/problem+json");
        api.as(api.suite.demoToken("hhs.analyst")).get(grantsUrl).then().statusCode(403);
        api.as(api.suite.demoToken("grant.officer")).get(grantsUrl).then().statusCode(200);
        api.as(api.suite.newAgencyUser(ori)).get(grantsUrl).then().statusCode(200);
        // the demo agency user cannot seek for another agency
        api.as(api.suite.demoToken("agency.user")).body("{\"bodyId\":\"" + java.util.UUID.randomUUID() + "\"}")
                .post(api.suite.url(SuiteUnderTest.CREDENTIALING) + "/api/v1/agencies/" + ori + "/credentials")
                .then().statusCode(403);
    }
}
