package org.safepolicing.grants;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;

import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/** Who may read an agency's eligibility, with real signed tokens checked by quarkus-oidc. */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "grants"))
class EligibilityAccessTest {

    private static final String PATH = "/api/v1/agencies/{ori}/eligibility";
    private static final String PROBLEM = "application/problem+json";

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    @Test
    void anOriGrantsHasNeverHeardOfIs404() {
        String ori = Upstream.randomOri();
        for (String path : java.util.List.of(PATH, PATH + "?at=2026-11-01")) {
            as(TestTokens.as("grant-officer").sign())
                    .when().get(path, ori)
                    .then().statusCode(404).contentType(PROBLEM)
                    .body("type", equalTo("urn:safe-policing:problem:unknown-agency"))
                    .body("ori", equalTo(ori))
                    .body("detail", containsString("never heard of agency " + ori));
        }
        UUID programId = GrantsApi.program("10.00");
        as(TestTokens.agencyUser(ori)).when().get(PATH + "/programs/{id}", ori, programId)
                .then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("urn:safe-policing:problem:unknown-agency"));
    }

    @Test
    void aRegisteredAgencyWithoutAReportingStandingFailsSec3d() {
        String ori = EligibilityApi.knownAgency();
        as(TestTokens.as("grant-officer").sign())
                .when().get(PATH, ori)
                .then().statusCode(200)
                .contentType("application/json")
                .body("size()", equalTo(5))
                .body("ori", equalTo(ori))
                .body("eligible", equalTo(false))
                .body("asOf", startsWith("20"))
                .body("rules", hasSize(2))
                .body("rules[0].size()", equalTo(4))
                .body("rules[0].rule", equalTo("SEC_2B_CREDENTIAL"))
                .body("rules[0].outcome", equalTo("FAIL"))
                .body("rules[0].reason", equalTo("no credential sought"))
                .body("rules[0]", hasKey("decidedBy"))
                .body("rules[0].decidedBy", nullValue())
                .body("rules[1].rule", equalTo("SEC_3D_REPORTING"))
                .body("rules[1].outcome", equalTo("FAIL"))
                .body("rules[1].reason", equalTo("no reporting standing received yet"))
                .body("rules[1].decidedBy", nullValue())
                .body("whatMustChange", hasSize(2))
                .body("whatMustChange[0].rule", equalTo("SEC_2B_CREDENTIAL"))
                .body("whatMustChange[0].now", equalTo("no credential sought"))
                .body("whatMustChange[0].needed", containsString("certified"))
                .body("whatMustChange[1].rule", equalTo("SEC_3D_REPORTING"));
    }

    @Test
    void agencyUserReadsOwnAgency() {
        String ori = EligibilityApi.knownAgency();
        as(TestTokens.agencyUser(ori)).when().get(PATH, ori).then().statusCode(200).body("ori", equalTo(ori));
    }

    @ParameterizedTest
    @ValueSource(strings = {"grant-officer", "doj-admin"})
    void crossAgencyRolesReadAnyAgency(String role) {
        as(TestTokens.as(role).sign()).when().get(PATH, EligibilityApi.knownAgency()).then().statusCode(200);
    }

    @Test
    void noTokenIsUnauthorized() {
        given().when().get(PATH, Upstream.randomOri())
                .then().statusCode(401).contentType(PROBLEM)
                .body("type", equalTo("urn:safe-policing:problem:unauthorized"))
                .body("status", equalTo(401));
    }

    @Test
    void expiredTokenIsUnauthorized() {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        as(TestTokens.as("grant-officer").validBetween(past, past.plus(Duration.ofMinutes(5))).sign())
                .when().get(PATH, Upstream.randomOri())
                .then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void tokenFromAnotherIssuerIsUnauthorized() {
        as(TestTokens.as("grant-officer").issuer("https://issuer.example/realms/other").sign())
                .when().get(PATH, Upstream.randomOri())
                .then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void otherAgencysUserIsForbidden() {
        String ori = Upstream.randomOri();
        String other = "MD" + ori.substring(2);
        as(TestTokens.agencyUser(other)).when().get(PATH, ori)
                .then().statusCode(403).contentType(PROBLEM)
                .body("type", equalTo("urn:safe-policing:problem:forbidden"))
                .body("detail", containsString(ori));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hhs-analyst", "body-assessor", "officer", "auditor"})
    void otherRolesAreForbidden(String role) {
        as(TestTokens.as(role).claim("ori", "VA0290100").sign())
                .when().get(PATH, "VA0290100")
                .then().statusCode(403).contentType(PROBLEM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"VA029010", "va0290100", "ZZ0290100", "VA0290100X", "VA-290100"})
    void invalidOriIsABadRequest(String ori) {
        as(TestTokens.as("grant-officer").sign())
                .when().get(PATH, ori)
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:safe-policing:problem:invalid-input"))
                .body("status", equalTo(400))
                .body("errors[0].message", containsString("must be an ORI"));
    }
}
