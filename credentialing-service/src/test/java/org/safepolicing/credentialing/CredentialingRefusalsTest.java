package org.safepolicing.credentialing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.safepolicing.credentialing.CredentialingApi.as;
import static org.safepolicing.credentialing.CredentialingApi.certifiedBody;
import static org.safepolicing.credentialing.CredentialingApi.randomOri;
import static org.safepolicing.credentialing.CredentialingApi.registerAgency;
import static org.safepolicing.credentialing.CredentialingApi.seek;

import java.time.Duration;
import java.time.Instant;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import org.junit.jupiter.api.Test;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/** Wrong role, other agency, bad tokens and bad input: refused with problem+json, and nothing is stored. */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "credentialing"))
class CredentialingRefusalsTest {

    private static final String AGENCY = """
            {"ori":"%s","name":"Refusal PD","type":"LOCAL_MUNICIPAL","state":"%s"}""";

    @Test
    void noTokenIs401ProblemJson() {
        given().contentType(ContentType.JSON).body(AGENCY.formatted("VA1111111", "VA")).post("/api/v1/agencies")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:safe-policing:problem:unauthorized"));
    }

    @Test
    void badTokensAre401() {
        String body = AGENCY.formatted(randomOri("VA"), "VA");
        Instant past = Instant.now().minus(Duration.ofHours(2));
        as(TestTokens.as("doj-admin").validBetween(past, past.plusSeconds(60)).sign()).body(body)
                .post("/api/v1/agencies").then().statusCode(401);
        as(TestTokens.as("doj-admin").issuer("urn:someone-else").sign()).body(body).post("/api/v1/agencies").then().statusCode(401);
        as(TestTokens.as("doj-admin").audience("another-api").sign()).body(body).post("/api/v1/agencies").then().statusCode(401);
        String token = TestTokens.dojAdmin();
        String tampered = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        as(tampered).body(body).post("/api/v1/agencies").then().statusCode(401);
    }

    @Test
    void wrongRoleIs403AndNothingIsStored() {
        String ori = randomOri("VA");
        as(TestTokens.agencyUser(ori)).body(AGENCY.formatted(ori, "VA")).post("/api/v1/agencies")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:safe-policing:problem:forbidden"));
        as(TestTokens.dojAdmin()).get("/api/v1/agencies/{ori}", ori).then().statusCode(404)
                .body("type", equalTo("urn:safe-policing:problem:not-found"));
        as(TestTokens.as("hhs-analyst").sign()).body("{\"name\":\"X\",\"coveredStandards\":[\"UOF_LAWFUL\",\"CHOKEHOLD_BAN\"]}")
                .post("/api/v1/bodies").then().statusCode(403);
    }

    @Test
    void anotherAgencysUserCannotSeekReadOrWithdrawForIt() {
        String ori = randomOri("VA");
        String other = randomOri("MD");
        registerAgency(ori, "LOCAL_MUNICIPAL");
        String bodyId = certifiedBody();
        String credentialId = seek(ori, bodyId);
        as(TestTokens.agencyUser(other)).body("{\"bodyId\":\"" + bodyId + "\"}").post("/api/v1/agencies/{ori}/credentials", ori)
                .then().statusCode(403);
        as(TestTokens.agencyUser(other)).get("/api/v1/agencies/{ori}/credentials", ori).then().statusCode(403);
        as(TestTokens.agencyUser(other)).body("{}").post("/api/v1/agencies/{ori}/credentials/{id}/withdrawal", ori, credentialId)
                .then().statusCode(403);
        // the other agency's own path does not reach this credential either (swapped id)
        as(TestTokens.agencyUser(other)).body("{}").post("/api/v1/agencies/{ori}/credentials/{id}/withdrawal", other, credentialId)
                .then().statusCode(404);
        as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/credentials/{id}", ori, credentialId)
                .then().statusCode(200).body("status", equalTo("SOUGHT"));
    }

    @Test
    void malformedInputIs400ProblemJsonWithoutStackTrace() {
        as(TestTokens.dojAdmin()).body("{\"ori\": \"VA12").post("/api/v1/agencies")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:safe-policing:problem:unreadable-body"))
                .body("detail", not(containsString("at com.")))
                .body("requestId", notNullValue());
        as(TestTokens.dojAdmin()).body(AGENCY.formatted("XX123", "VA")).post("/api/v1/agencies")
                .then().statusCode(400).body("type", equalTo("urn:safe-policing:problem:invalid-input"))
                .body("errors.field", hasItem("ori"));
        as(TestTokens.dojAdmin()).body("{\"ori\":\"VA1234567\",\"name\":\"X\",\"type\":\"SPACESHIP\",\"state\":\"VA\"}")
                .post("/api/v1/agencies").then().log().ifValidationFails().statusCode(400).body("detail", containsString("type"));
        as(TestTokens.dojAdmin()).body("{\"ori\":\"VA1234567\",\"name\":\"X\",\"type\":\"STATE\",\"state\":\"VA\",\"active\":false}")
                .post("/api/v1/agencies").then().statusCode(400).body("detail", containsString("active"));
        as(TestTokens.dojAdmin()).body(AGENCY.formatted("VA7654321", "MD")).post("/api/v1/agencies")
                .then().statusCode(422).body("type", equalTo("urn:safe-policing:problem:ori-state-mismatch"));
        as(TestTokens.dojAdmin()).get("/api/v1/agencies/{ori}", "VA7654321").then().statusCode(404);
        as(TestTokens.dojAdmin()).body("{\"termMonths\":36}").post("/api/v1/bodies/{id}/certification", "not-a-uuid")
                .then().statusCode(400).body("type", equalTo("urn:safe-policing:problem:bad-request"));
        as(TestTokens.dojAdmin()).contentType(ContentType.XML).body("<agency/>").post("/api/v1/agencies")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void aDuplicateAgencyIs409AndTheFirstIsKept() {
        String ori = randomOri("VA");
        registerAgency(ori, "STATE");
        as(TestTokens.dojAdmin()).body("{\"ori\":\"%s\",\"name\":\"Impostor\",\"type\":\"TRIBAL\",\"state\":\"VA\"}".formatted(ori))
                .post("/api/v1/agencies").then().statusCode(409).body("type", equalTo("urn:safe-policing:problem:already-exists"));
        as(TestTokens.dojAdmin()).get("/api/v1/agencies/{ori}", ori).then().statusCode(200).body("type", equalTo("STATE"));
    }
}
