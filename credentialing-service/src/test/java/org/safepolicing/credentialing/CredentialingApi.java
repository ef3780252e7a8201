package org.safepolicing.credentialing;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import org.safepolicing.testing.TestTokens;

/** Calls of the credentialing API that many tests make, with real signed tokens. */
final class CredentialingApi {

    static final List<String> MANDATORY = List.of("UOF_LAWFUL", "CHOKEHOLD_BAN");

    /** How a body's reviews address the topics EO 13929 Sec. 2(c) names: what DOJ certifies against. */
    static final java.util.Map<String, String> SEC_2C_TOPICS = java.util.Map.of(
            "useOfForcePoliciesAndTraining", "standard 4.1: written directive and annual training reviewed on site",
            "deEscalationPoliciesAndTraining", "standard 4.2: de-escalation directive and scenario training reviewed",
            "earlyWarningSystems", "standard 35.1: early intervention system reviewed for officer wellness and risk",
            "communityEngagement", "standard 45.1: community engagement plan and listening sessions reviewed");

    static String randomOri(String state) {
        return state + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static String assessor(String bodyId) {
        return TestTokens.as("body-assessor").claim("body_id", bodyId).sign();
    }

    static void registerAgency(String ori, String type) {
        as(TestTokens.dojAdmin())
                .body("""
                        {"ori":"%s","name":"Agency %s","type":"%s","state":"%s","county":"Test County",
                         "swornOfficers":120,"populationServed":95000,"urbanRural":"URBAN"}""".formatted(ori, ori, type, ori.substring(0, 2)))
                .post("/api/v1/agencies").then().statusCode(201);
    }

    static String appliedBody(String name, List<String> covered) {
        return as(TestTokens.dojAdmin())
                .body(java.util.Map.of("name", name, "coveredStandards", covered, "addresses", SEC_2C_TOPICS,
                        "confirmsMandatoryStandards", true))
                .post("/api/v1/bodies").then().statusCode(201).extract().path("id");
    }

    static String certifiedBody() {
        return certifiedBody(List.of("UOF_LAWFUL", "CHOKEHOLD_BAN", "DUTY_TO_INTERVENE"));
    }

    static String certifiedBody(List<String> covered) {
        String id = appliedBody("Test Body", covered);
        as(TestTokens.dojAdmin()).body("{\"termMonths\":36}").post("/api/v1/bodies/{id}/certification", id)
                .then().statusCode(200);
        return id;
    }

    static String seek(String ori, String bodyId) {
        return as(TestTokens.agencyUser(ori)).body("{\"bodyId\":\"" + bodyId + "\"}")
                .post("/api/v1/agencies/{ori}/credentials", ori).then().statusCode(201).extract().path("id");
    }

    static void assess(String ori, String credentialId, String bodyId, String standard, String outcome) {
        as(assessor(bodyId)).body("""
                        {"outcome":"%s","evidenceRefs":["policy-manual-2026.pdf#%s"],"notes":"reviewed on site"}"""
                        .formatted(outcome, standard))
                .put("/api/v1/agencies/{ori}/credentials/{id}/assessments/{standard}", ori, credentialId, standard)
                .then().statusCode(200);
    }

    /** Records every standard the credential still needs as MET. */
    static void assessAllMet(String ori, String credentialId, String bodyId) {
        List<String> missing = as(assessor(bodyId)).get("/api/v1/agencies/{ori}/credentials/{id}/assessments", ori, credentialId)
                .then().statusCode(200).extract().path("notYetAssessed");
        missing.forEach(code -> assess(ori, credentialId, bodyId, code, "MET"));
    }

    static void decide(String ori, String credentialId, String bodyId, String outcome) {
        as(assessor(bodyId)).body("{\"outcome\":\"" + outcome + "\"}")
                .post("/api/v1/agencies/{ori}/credentials/{id}/decision", ori, credentialId).then().statusCode(200);
    }

    /** Seeks, assesses every standard MET and grants: a credential in force. */
    static String credentialed(String ori, String bodyId) {
        String id = seek(ori, bodyId);
        assessAllMet(ori, id, bodyId);
        decide(ori, id, bodyId, "CREDENTIALED");
        return id;
    }

    private CredentialingApi() {
    }
}
