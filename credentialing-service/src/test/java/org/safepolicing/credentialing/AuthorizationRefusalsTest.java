package org.safepolicing.credentialing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.safepolicing.credentialing.CredentialingApi.as;
import static org.safepolicing.credentialing.CredentialingApi.assessor;
import static org.safepolicing.credentialing.CredentialingApi.certifiedBody;
import static org.safepolicing.credentialing.CredentialingApi.credentialed;
import static org.safepolicing.credentialing.CredentialingApi.randomOri;
import static org.safepolicing.credentialing.CredentialingApi.registerAgency;
import static org.safepolicing.credentialing.CredentialingApi.seek;

import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import org.junit.jupiter.api.Test;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/**
 * Who may do what (DESIGN.md), proven with real signed tokens on the endpoints of the whole of Sec. 2: DOJ for agencies,
 * bodies and standards; a body's assessor only for its own body's credentials; an agency user only for its own agency.
 * Every refusal is problem+json, and the refused call changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "credentialing"))
class AuthorizationRefusalsTest {

    private static final String ASSESSMENT = "{\"outcome\":\"MET\",\"evidenceRefs\":[\"doc-1\"]}";

    @Test
    void noTokenIs401OnEveryProtectedEndpoint() {
        String ori = "VA0290100";
        String id = UUID.randomUUID().toString();
        String base = "/api/v1/agencies/" + ori + "/credentials/" + id;
        for (String[] call : new String[][] {
                {"GET", "/api/v1/agencies"}, {"PUT", "/api/v1/agencies/" + ori}, {"POST", "/api/v1/agencies/" + ori + "/deactivation"},
                {"POST", "/api/v1/bodies/" + id + "/refusal"}, {"POST", "/api/v1/bodies/" + id + "/revocation"},
                {"GET", "/api/v1/bodies"}, {"GET", "/api/v1/bodies/" + id + "/credentials"},
                {"PUT", base + "/assessments/UOF_LAWFUL"}, {"GET", base + "/assessments"}, {"POST", base + "/decision"},
                {"POST", base + "/revocation"}, {"POST", base + "/renewal"}, {"GET", "/api/v1/reports/credential-counts"}}) {
            given().contentType(ContentType.JSON).body("{}").request(call[0], call[1]).then()
                    .statusCode(401).contentType("application/problem+json");
        }
        given().contentType("text/csv").body("ori,name,type,state\n").post("/api/v1/agencies/import").then().statusCode(401);
        // the public registry and the standards need none
        given().get("/api/v1/public/bodies").then().statusCode(200);
        given().get("/api/v1/public/credentialed-agencies").then().statusCode(200);
        given().get("/api/v1/standards/current").then().statusCode(200);
    }

    @Test
    void onlyDojManagesAgenciesBodiesAndStandards() {
        String ori = randomOri("VA");
        registerAgency(ori, "LOCAL_MUNICIPAL");
        String bodyId = certifiedBody();
        String update = "{\"ori\":\"%s\",\"name\":\"Hijacked\",\"type\":\"STATE\",\"state\":\"VA\"}".formatted(ori);
        for (String token : new String[] {TestTokens.agencyUser(ori), assessor(bodyId), TestTokens.as("grant-officer").sign()}) {
            problem(as(token).body(update).put("/api/v1/agencies/{ori}", ori).then(), 403);
            problem(as(token).post("/api/v1/agencies/{ori}/deactivation", ori).then(), 403);
            problem(as(token).body("{\"reason\":\"x\"}").post("/api/v1/bodies/{id}/revocation", bodyId).then(), 403);
            problem(as(token).body("{\"reason\":\"x\"}").post("/api/v1/bodies/{id}/suspension", bodyId).then(), 403);
            problem(as(token).get("/api/v1/reports/credential-counts").then(), 403);
        }
        as(TestTokens.dojAdmin()).get("/api/v1/agencies/{ori}", ori).then().body("name", equalTo("Agency " + ori)).body("active", equalTo(true));
        as(TestTokens.dojAdmin()).get("/api/v1/bodies/{id}", bodyId).then().body("status", equalTo("CERTIFIED"));
    }

    @Test
    void anAssessorActsOnlyForItsOwnBodyAndNoOtherRoleAssessesOrDecides() {
        String ori = randomOri("MD");
        registerAgency(ori, "LOCAL_MUNICIPAL");
        String bodyId = certifiedBody();
        String otherBody = certifiedBody();
        String credentialId = seek(ori, bodyId);
        String path = "/api/v1/agencies/{ori}/credentials/{id}";
        for (String token : new String[] {assessor(otherBody), TestTokens.agencyUser(ori), TestTokens.dojAdmin(),
                TestTokens.as("body-assessor").sign() /* no body_id claim */}) {
            problem(as(token).body(ASSESSMENT).put(path + "/assessments/UOF_LAWFUL", ori, credentialId).then(), 403);
            problem(as(token).body("{\"outcome\":\"DENIED\"}").post(path + "/decision", ori, credentialId).then(), 403);
            problem(as(token).body("{\"reason\":\"x\"}").post(path + "/revocation", ori, credentialId).then(), 403);
        }
        problem(as(assessor(otherBody)).get("/api/v1/bodies/{id}/credentials", bodyId).then(), 403);
        problem(as(TestTokens.agencyUser(ori)).get("/api/v1/bodies/{id}/credentials", bodyId).then(), 403);
        problem(as(assessor(otherBody)).get(path + "/assessments", ori, credentialId).then(), 403);
        // assessors do not act for agencies
        problem(as(assessor(bodyId)).body("{\"bodyId\":\"" + bodyId + "\"}").post("/api/v1/agencies/{ori}/credentials", ori).then(), 403);
        problem(as(assessor(bodyId)).body("{}").post(path + "/withdrawal", ori, credentialId).then(), 403);
        // nothing was recorded by the refused calls
        as(assessor(bodyId)).get(path + "/assessments", ori, credentialId).then().statusCode(200)
                .body("assessments.size()", equalTo(0)).body("status", equalTo("SOUGHT"));
        as(assessor(bodyId)).get("/api/v1/bodies/{id}/credentials", bodyId).then().statusCode(200)
                .body("items.id", hasItem(credentialId));
    }

    @Test
    void anAgencyUserActsOnlyForItsOwnAgency() {
        String ori = randomOri("CA");
        String other = randomOri("CA");
        registerAgency(ori, "LOCAL_MUNICIPAL");
        registerAgency(other, "LOCAL_MUNICIPAL");
        String bodyId = certifiedBody();
        String credentialId = credentialed(ori, bodyId);
        problem(as(TestTokens.agencyUser(other)).post("/api/v1/agencies/{ori}/credentials/{id}/renewal", ori, credentialId).then(), 403);
        problem(as(TestTokens.agencyUser(other)).get("/api/v1/agencies/{ori}/credentials/{id}/assessments", ori, credentialId).then(), 403);
        problem(as(TestTokens.agencyUser(other)).post("/api/v1/agencies/{ori}/credentials/{id}/renewal", other, credentialId).then(), 404);
        as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/credentials/{id}", ori, credentialId).then()
                .body("status", equalTo("CREDENTIALED")).body("renewalOf", equalTo(null));
        as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/credentials/{id}/assessments", ori, credentialId).then()
                .statusCode(200);
    }

    @Test
    void malformedInputAndUnknownIdsAre4xxProblemJson() {
        String ori = randomOri("TX");
        registerAgency(ori, "LOCAL_MUNICIPAL");
        String bodyId = certifiedBody();
        String credentialId = seek(ori, bodyId);
        String path = "/api/v1/agencies/{ori}/credentials/{id}";
        problem(as(assessor(bodyId)).body("{\"outcome\":\"MAYBE\"}").put(path + "/assessments/UOF_LAWFUL", ori, credentialId).then(), 400);
        problem(as(assessor(bodyId)).body("{}").put(path + "/assessments/UOF_LAWFUL", ori, credentialId).then(), 400)
                .body("errors.field", hasItem(containsString("outcome")));
        problem(as(assessor(bodyId)).body("{\"outcome\":\"MET\",\"score\":5}").put(path + "/assessments/UOF_LAWFUL", ori, credentialId).then(), 400);
        problem(as(assessor(bodyId)).body(ASSESSMENT).put(path + "/assessments/NOT_A_STANDARD", ori, credentialId).then(), 404);
        problem(as(assessor(bodyId)).body("{\"outcome\":\"GRANTED\"}").post(path + "/decision", ori, credentialId).then(), 400);
        problem(as(assessor(bodyId)).body("{\"outcome\":\"DENIED\",\"determinationDate\":\"2999-01-01\"}")
                .post(path + "/decision", ori, credentialId).then(), 400);
        problem(as(assessor(bodyId)).body("{\"reason\":\"\"}").post(path + "/revocation", ori, credentialId).then(), 400);
        problem(as(assessor(bodyId)).body("{\"reason\":\"x\"}").post(path + "/revocation", ori, credentialId).then(), 409)
                .body("currentState", equalTo("SOUGHT"));
        problem(as(assessor(bodyId)).body("{\"outcome\":\"DENIED\"}").post(path + "/decision", ori, UUID.randomUUID()).then(), 404);
        problem(as(TestTokens.agencyUser(ori)).body("{\"bodyId\":\"not-a-uuid\"}").post("/api/v1/agencies/{ori}/credentials", ori).then(), 400);
        problem(as(TestTokens.agencyUser(ori)).body("{\"bodyId\":\"" + bodyId + "\",\"affirmation\":{\"name\":\"\"}}")
                .post("/api/v1/agencies/{ori}/credentials", ori).then(), 400).body("errors.field", hasItem(containsString("affirmation")));
        problem(as(TestTokens.dojAdmin()).body("{\"reason\":\"x\"}").post("/api/v1/bodies/{id}/revocation", UUID.randomUUID()).then(), 404);
        problem(as(TestTokens.dojAdmin()).body("{\"termMonths\":0}").post("/api/v1/bodies/{id}/certification", bodyId).then(), 400);
        problem(as(TestTokens.dojAdmin()).body("{\"ori\":\"TX0000000\",\"name\":\"X\",\"type\":\"STATE\",\"state\":\"TX\"}")
                .put("/api/v1/agencies/{ori}", "TX0000000").then(), 404);
        problem(as(TestTokens.dojAdmin()).post("/api/v1/agencies/{ori}/deactivation", "XX").then(), 400);
        problem(as(TestTokens.dojAdmin()).get("/api/v1/bodies?size=0").then(), 400);
        problem(as(TestTokens.dojAdmin()).get("/api/v1/bodies?status=DORMANT").then(), 400);
        problem(as(TestTokens.dojAdmin()).get("/api/v1/bodies/{id}/credentials?status=PENDING", bodyId).then(), 400);
        problem(given().get("/api/v1/public/credentialed-agencies?bodyId=nope").then(), 400);
        problem(given().get("/api/v1/public/credentialed-agencies?type=NAVY").then(), 400);
        problem(as(TestTokens.dojAdmin()).get("/api/v1/reports/credential-counts?type=NAVY").then(), 400);
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType("application/problem+json");
    }
}
