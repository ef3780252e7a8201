package org.safepolicing.credentialing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.safepolicing.credentialing.CredentialingApi.as;
import static org.safepolicing.credentialing.CredentialingApi.assessAllMet;
import static org.safepolicing.credentialing.CredentialingApi.assessor;
import static org.safepolicing.credentialing.CredentialingApi.certifiedBody;
import static org.safepolicing.credentialing.CredentialingApi.decide;
import static org.safepolicing.credentialing.CredentialingApi.randomOri;
import static org.safepolicing.credentialing.CredentialingApi.registerAgency;
import static org.safepolicing.credentialing.CredentialingApi.seek;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;
import org.safepolicing.testing.TopicProbe;

/** The versioned catalog: DOJ-2020 seeded; DOJ publishes a new version; credentials keep the version they were sought under. */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "credentialing"))
class StandardsCatalogTest {

    @Test
    void doj2020IsSeededAndPublicToRead() {
        given().get("/api/v1/standards/DOJ-2020").then().statusCode(200)
                .body("version", equalTo("DOJ-2020"))
                .body("standards", hasSize(11))
                .body("standards.code", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItems("WARNING_SHOTS")))
                .body("standards.code", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItems("NO_KNOCK_WARRANTS")))
                .body("standards.code", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItems("FORCE_TERMINATION")))
                .body("standards.findAll { it.kind == 'ASSESSED' }.code", equalTo(List.of("UOF_TRAINING", "DEESCALATION_TRAINING",
                        "DUTY_TO_INTERVENE", "MEDICAL_AID", "DEADLY_FORCE_WARNING", "SHOOTING_MOVING_VEHICLES")))
                .body("standards.findAll { it.kind == 'ENCOURAGED' }.code", equalTo(List.of("EARLY_INTERVENTION_SYSTEM",
                        "RECRUITMENT_PROMOTION", "COMMUNITY_ENGAGEMENT_PLAN")))
                .body("standards.find { it.code == 'EARLY_INTERVENTION_SYSTEM' }.title", org.hamcrest.Matchers.containsString("officer wellness"))
                .body("standards.find { it.code == 'CHOKEHOLD_BAN' }.title", org.hamcrest.Matchers.containsString("Sec. 2(c)(ii)"))
                .body("standards.findAll { it.kind == 'MANDATORY' }.code", equalTo(List.of("UOF_LAWFUL", "CHOKEHOLD_BAN")))
                .body("standards.findAll { it.kind == 'ENCOURAGED' }.code", hasItem("EARLY_INTERVENTION_SYSTEM"));
        given().get("/api/v1/standards").then().statusCode(200).body("version", hasItem("DOJ-2020"));
        given().get("/api/v1/standards/NO-SUCH-VERSION").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aNewVersionAppliesToCredentialsSoughtAfterItAndNeverToThoseSoughtBefore() {
        String ori = randomOri("OH");
        registerAgency(ori, "LOCAL_MUNICIPAL");
        String bodyId = certifiedBody();
        String before = seek(ori, bodyId);
        String oldVersion = given().get("/api/v1/standards/current").then().statusCode(200).extract().path("version");

        String newCode = "BODY_CAMERAS_" + (char) ('A' + ThreadLocalRandom.current().nextInt(26)) + ThreadLocalRandom.current().nextInt(1_000_000);
        String version = "TEST-" + ThreadLocalRandom.current().nextInt(1_000_000);
        List<Map<String, Object>> standards = new ArrayList<>(given().get("/api/v1/standards/{v}", oldVersion).then()
                .extract().<List<Map<String, Object>>>path("standards"));
        standards.add(Map.of("code", newCode, "kind", "ASSESSED", "title", "Body-worn cameras"));
        as(TestTokens.dojAdmin()).body(Map.of("version", version, "title", "Test revision", "standards", standards))
                .post("/api/v1/standards").then().statusCode(201).body("version", equalTo(version))
                .body("standards.code", hasItem(newCode));
        given().get("/api/v1/standards/current").then().body("version", equalTo(version));
        as(TestTokens.dojAdmin()).body(Map.of("version", version, "title", "again", "standards", standards))
                .post("/api/v1/standards").then().statusCode(409);

        // the credential sought before keeps its version: the new standard is not part of its assessment
        as(assessor(bodyId)).body("{\"outcome\":\"MET\"}")
                .put("/api/v1/agencies/{ori}/credentials/{id}/assessments/{s}", ori, before, newCode).then().statusCode(404);
        try (TopicProbe topic = TopicProbe.of(Topics.CREDENTIALING_EVENTS)) {
            assessAllMet(ori, before, bodyId);
            decide(ori, before, bodyId, "CREDENTIALED");
            assertEquals(oldVersion, EventContract.check(topic.await(r -> EventContract.is(r, ori, EventTypes.CREDENTIAL_GRANTED),
                    Duration.ofSeconds(30))).get("standardsVersion").asText());
        }
        as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/credentials/{id}", ori, before).then()
                .body("standardsVersion", equalTo(oldVersion));

        // a credential sought now is assessed under the new version, and a body may cover the new standard
        String other = randomOri("OH");
        registerAgency(other, "LOCAL_MUNICIPAL");
        String newBody = certifiedBody(List.of("UOF_LAWFUL", "CHOKEHOLD_BAN", newCode));
        String after = seek(other, newBody);
        as(assessor(newBody)).get("/api/v1/agencies/{ori}/credentials/{id}/assessments", other, after).then().statusCode(200)
                .body("standardsVersion", equalTo(version)).body("topicsNotAssessed", hasItem(newCode));
    }

    @Test
    void aVersionWithoutTheOrdersMandatoryStandardsIsRefused() {
        as(TestTokens.dojAdmin()).body(Map.of("version", "TEST-BAD-" + ThreadLocalRandom.current().nextInt(1_000_000), "title", "x",
                        "standards", List.of(Map.of("code", "UOF_LAWFUL", "kind", "MANDATORY", "title", "lawful"),
                                Map.of("code", "CHOKEHOLD_BAN", "kind", "ENCOURAGED", "title", "chokeholds"))))
                .post("/api/v1/standards").then().statusCode(422)
                .body("type", equalTo("urn:safe-policing:problem:order-mandatory-standards-missing"))
                .body("detail", org.hamcrest.Matchers.containsString("Sec. 2(c)(i)-(ii)"));
        as(TestTokens.dojAdmin()).body(Map.of("version", "bad version!", "title", "x",
                        "standards", List.of(Map.of("code", "UOF_LAWFUL", "kind", "MANDATORY", "title", "lawful"))))
                .post("/api/v1/standards").then().statusCode(400).body("errors.field", hasItem(org.hamcrest.Matchers.containsString("version")));
        as(TestTokens.dojAdmin()).body(Map.of("version", "TEST-DUP", "title", "x",
                        "standards", List.of(Map.of("code", "UOF_LAWFUL", "kind", "MANDATORY", "title", "a"),
                                Map.of("code", "UOF_LAWFUL", "kind", "MANDATORY", "title", "b"))))
                .post("/api/v1/standards").then().statusCode(400);
        as(TestTokens.agencyUser("VA0290100")).body("{}").post("/api/v1/standards").then().statusCode(403);
        given().contentType("application/json").body("{}").post("/api/v1/standards").then().statusCode(401);
    }
}
