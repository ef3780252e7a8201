package org.safepolicing.credentialing;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.safepolicing.credentialing.CredentialingApi.as;
import static org.safepolicing.credentialing.CredentialingApi.certifiedBody;
import static org.safepolicing.credentialing.CredentialingApi.randomOri;
import static org.safepolicing.credentialing.CredentialingApi.registerAgency;

import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import org.junit.jupiter.api.Test;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/**
 * Idempotency-Key (platform {@code IdempotencyInterceptor}) through credentialing's public API: a retried request is
 * answered with the first answer and changes nothing again; a reused key for another request, or a malformed key, is
 * refused; a refused request leaves no key behind.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "credentialing"))
class IdempotencyKeyTest {

    private static final String PATH = "/api/v1/agencies/{ori}/credentials";

    /** One user per agency: a key is its caller's (the token's subject). */
    private static final java.util.Map<String, String> USERS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String user(String ori) {
        return USERS.computeIfAbsent(ori, TestTokens::agencyUser);
    }

    private static ExtractableResponse<Response> seek(String ori, String bodyId, String key) {
        return as(user(ori)).header("Idempotency-Key", key)
                .body("{\"bodyId\":\"" + bodyId + "\"}").post(PATH, ori).then().extract();
    }

    @Test
    void aRetryGetsTheFirstAnswerAndCreatesNothingMore() {
        String ori = randomOri("VA");
        registerAgency(ori, "LOCAL_MUNICIPAL");
        String bodyId = certifiedBody();
        String key = "seek-" + UUID.randomUUID();

        ExtractableResponse<Response> first = seek(ori, bodyId, key);
        assertEquals(201, first.statusCode());
        assertEquals(null, first.header("Idempotent-Replayed"));
        ExtractableResponse<Response> again = seek(ori, bodyId, key);
        assertEquals(201, again.statusCode());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(first.<String>path("id"), again.<String>path("id"));
        assertEquals(first.<String>path("status"), again.<String>path("status"));
        assertEquals(first.header("Location"), again.header("Location"));

        as(user(ori)).get(PATH, ori).then().statusCode(200).body("$", hasSize(1))
                .body("[0].id", equalTo(first.<String>path("id")));
    }

    @Test
    void aKeyedImportIsImportedAndItsRetryChangesNothing() {
        // bin/suite soak: with a key the import answered 500 (its long transaction timeout was set on a method that
        // joins the key's transaction); the timeout now applies where the transaction begins
        String ori = randomOri("VA");
        String csv = "ori,name,type,state\n" + ori + ",Keyed Import Police Department,LOCAL_MUNICIPAL,VA\n";
        String key = "import-" + UUID.randomUUID();
        for (int attempt = 0; attempt < 2; attempt++) {
            ExtractableResponse<Response> answer = RestAssured.given().auth().oauth2(TestTokens.dojAdmin())
                    .header("Idempotency-Key", key).contentType("text/csv").body(csv)
                    .post("/api/v1/agencies/import").then().extract();
            assertEquals(200, answer.statusCode(), answer.asString());
            assertEquals(1, answer.<Integer>path("rows"), answer.asString());
        }
        as(TestTokens.dojAdmin()).get("/api/v1/agencies/{ori}", ori).then().statusCode(200)
                .body("name", equalTo("Keyed Import Police Department"));
    }

    @Test
    void theSameKeyForAnotherRequestIsRefusedAndChangesNothing() {
        String ori = randomOri("VA");
        registerAgency(ori, "LOCAL_MUNICIPAL");
        String bodyId = certifiedBody();
        String otherBody = certifiedBody();
        String key = "seek-" + UUID.randomUUID();
        assertEquals(201, seek(ori, bodyId, key).statusCode());

        as(user(ori)).header("Idempotency-Key", key).body("{\"bodyId\":\"" + otherBody + "\"}")
                .post(PATH, ori).then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:safe-policing:problem:idempotency-key-reused"))
                .header("Idempotent-Replayed", nullValue());
        as(user(ori)).get(PATH, ori).then().statusCode(200).body("$", hasSize(1))
                .body("[0].bodyId", equalTo(bodyId));
    }

    @Test
    void keysAreEachCallersOwn() {
        String bodyId = certifiedBody();
        // two agencies' users, the same key
        String key = "seek-" + UUID.randomUUID();
        for (String ori : new String[] {randomOri("VA"), randomOri("VA")}) {
            registerAgency(ori, "LOCAL_MUNICIPAL");
            ExtractableResponse<Response> answer = seek(ori, bodyId, key);
            assertEquals(201, answer.statusCode(), answer.asString());
            assertEquals(null, answer.header("Idempotent-Replayed"));
        }
    }

    @Test
    void aMalformedKeyIsABadRequestAndChangesNothing() {
        String ori = randomOri("VA");
        registerAgency(ori, "LOCAL_MUNICIPAL");
        String bodyId = certifiedBody();
        for (String key : new String[] {"x".repeat(201), "has space", "caf\u00e9"}) {
            as(user(ori)).header("Idempotency-Key", key).body("{\"bodyId\":\"" + bodyId + "\"}")
                    .post(PATH, ori).then().statusCode(400).contentType("application/problem+json")
                    .body("detail", equalTo("Idempotency-Key must be 1 to 200 visible ASCII characters"));
        }
        as(user(ori)).get(PATH, ori).then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void aRefusedRequestKeepsNoKeySoItsRetryIsJudgedAgain() {
        String ori = randomOri("VA");
        String bodyId = certifiedBody();
        String key = "seek-" + UUID.randomUUID();
        // not yet registered: refused
        ExtractableResponse<Response> refused = seek(ori, bodyId, key);
        assertEquals(true, refused.statusCode() >= 400 && refused.statusCode() < 500, refused.asString());
        registerAgency(ori, "LOCAL_MUNICIPAL");
        ExtractableResponse<Response> retried = seek(ori, bodyId, key);
        assertEquals(201, retried.statusCode(), retried.asString());
        assertEquals(null, retried.header("Idempotent-Replayed"));
    }

    @Test
    void theOpenApiDocumentNamesTheHeaderOnStateChangingOperations() {
        String doc = RestAssured.given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        io.restassured.path.json.JsonPath json = new io.restassured.path.json.JsonPath(doc);
        assertEquals(true, json.getList("paths.'/api/v1/agencies/{ori}/credentials'.post.parameters.name")
                .contains("Idempotency-Key"));
        Object getParams = json.get("paths.'/api/v1/agencies/{ori}/credentials'.get.parameters.name");
        assertEquals(false, getParams != null && getParams.toString().contains("Idempotency-Key"));
    }
}
