package org.safepolicing.grants;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.events.CredentialStatus;
import org.safepolicing.testing.TestTokens;

/** Programs, applications and awards through the public API, with real tokens; and agencies made eligible by events. */
final class GrantsApi {

    static final String PROBLEM = "application/problem+json";

    private GrantsApi() {
    }

    static String officer() {
        return TestTokens.as("grant-officer").sign();
    }

    static String admin() {
        return TestTokens.dojAdmin();
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** Terms of a program open now; {@code extra} is spliced into the JSON object (e.g. {@code ,"rules":[...]}). */
    static String terms(String appropriation, String extra) {
        return """
                {"name":"FY2027 Test Program %s","area":"CORESPONDER_COMMUNITY_SUPPORT","fiscalYear":2027,
                 "appropriation":%s,"applicationOpens":"%s","applicationCloses":"%s"%s}"""
                .formatted(UUID.randomUUID(), appropriation, today().minusDays(1), today().plusDays(30), extra);
    }

    static Response createProgram(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/grant-programs");
    }

    /** A program open now with the default rules (Sec. 2(b) and 3(d)); returns its id. */
    static UUID program(String appropriation) {
        return program(appropriation, "");
    }

    static UUID program(String appropriation, String extra) {
        return UUID.fromString(createProgram(admin(), terms(appropriation, extra))
                .then().statusCode(201).extract().path("id"));
    }

    static Response apply(String token, UUID programId, String ori, String amount) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"ori\":\"" + ori + "\",\"requestedAmount\":" + amount + ",\"purpose\":\"co-responder pilot\"}")
                .when().post("/api/v1/grant-programs/{id}/applications", programId);
    }

    static UUID applied(UUID programId, String ori, String amount) {
        return UUID.fromString(apply(TestTokens.agencyUser(ori), programId, ori, amount)
                .then().statusCode(201).extract().path("id"));
    }

    static Response award(String token, UUID applicationId, String amount) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"amount\":" + amount + "}")
                .when().post("/api/v1/grant-applications/{id}/award", applicationId);
    }

    static UUID awarded(UUID applicationId, String amount) {
        return UUID.fromString(award(officer(), applicationId, amount).then().statusCode(201).extract().path("id"));
    }

    static JsonPath awardView(UUID awardId) {
        return given().auth().oauth2(officer()).when().get("/api/v1/grant-awards/{id}", awardId)
                .then().statusCode(200).extract().jsonPath();
    }

    static JsonPath programView(UUID programId) {
        return given().auth().oauth2(officer()).when().get("/api/v1/grant-programs/{id}", programId)
                .then().statusCode(200).extract().jsonPath();
    }

    /** A money field of the program exactly as the JSON spells it (a JSON library would read it as a float). */
    static BigDecimal programMoney(UUID programId, String field) {
        String body = given().auth().oauth2(officer()).when().get("/api/v1/grant-programs/{id}", programId)
                .then().statusCode(200).extract().asString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + field + "\":([-0-9.Ee+]+)").matcher(body);
        if (!m.find()) {
            throw new AssertionError("no " + field + " in " + body);
        }
        return new BigDecimal(m.group(1));
    }

    /**
     * An agency that sought a credential from a certified body, with its general answer PASS; returns the body. The body
     * is certified two minutes before {@code now} and the credential sought one minute before it.
     */
    static UUID eligibleAgency(GrantsDatabase db, String ori, Instant now) {
        Instant t0 = now.minusSeconds(120);
        UUID bodyId = UUID.randomUUID();
        db.awaitProcessed(Upstream.certifiedBody(bodyId, "Body " + bodyId.toString().substring(0, 8), t0));
        db.awaitProcessed(Upstream.reportingCurrent(ori, t0)); // records-service's standing: current (Sec. 3(d))
        String sought = Upstream.credential(ori, bodyId, EventTypes.CREDENTIAL_SOUGHT, CredentialStatus.SOUGHT,
                t0.plusSeconds(60));
        EligibilityApi.awaitEligibility(ori, a -> EligibilityApi.decidedBy(a, "PASS", sought) && a.getBoolean("eligible"));
        return bodyId;
    }
}
