package org.safepolicing.credentialing;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safepolicing.credentialing.CredentialingApi.as;
import static org.safepolicing.credentialing.CredentialingApi.assess;
import static org.safepolicing.credentialing.CredentialingApi.assessor;
import static org.safepolicing.credentialing.CredentialingApi.certifiedBody;
import static org.safepolicing.credentialing.CredentialingApi.randomOri;
import static org.safepolicing.credentialing.CredentialingApi.registerAgency;
import static org.safepolicing.credentialing.CredentialingApi.seek;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;
import org.safepolicing.testing.TopicProbe;

/**
 * Only the two mandatory standards (EO 13929 Sec. 2(c)(i)-(ii)) decide a credential; the topics DOJ's release of
 * 2020-10-28 encourages are recorded (MET, NOT_MET, NOT_APPLICABLE, NOT_ASSESSED) and reported, never a reason to deny.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "credentialing"))
class EncouragedTopicsTest {

    private static final List<String> COVERED = List.of("UOF_LAWFUL", "CHOKEHOLD_BAN", "DUTY_TO_INTERVENE", "DEESCALATION_TRAINING");

    @Test
    void anEncouragedTopicNotMetIsRecordedAndReportedAndDoesNotRefuseTheCredential() {
        String ori = randomOri("VA");
        registerAgency(ori, "LOCAL_MUNICIPAL");
        String bodyId = certifiedBody(COVERED);
        String id = seek(ori, bodyId);
        try (TopicProbe topic = TopicProbe.of(Topics.CREDENTIALING_EVENTS)) {
            assess(ori, id, bodyId, "UOF_LAWFUL", "MET");
            assess(ori, id, bodyId, "CHOKEHOLD_BAN", "MET");
            assess(ori, id, bodyId, "DUTY_TO_INTERVENE", "NOT_MET");
            assess(ori, id, bodyId, "DEESCALATION_TRAINING", "NOT_ASSESSED");
            assess(ori, id, bodyId, "EARLY_INTERVENTION_SYSTEM", "NOT_MET");
            as(assessor(bodyId)).get("/api/v1/agencies/{ori}/credentials/{id}/assessments", ori, id).then().statusCode(200)
                    .body("notYetAssessed", empty())
                    .body("topicsNotAssessed", hasItem("MEDICAL_AID"))
                    .body("assessments.find { it.standard == 'DUTY_TO_INTERVENE' }.outcome", equalTo("NOT_MET"))
                    .body("assessments.find { it.standard == 'DUTY_TO_INTERVENE' }.required", equalTo(false))
                    .body("assessments.find { it.standard == 'DUTY_TO_INTERVENE' }.evidenceRefs", contains("policy-manual-2026.pdf#DUTY_TO_INTERVENE"))
                    .body("assessments.find { it.standard == 'DEESCALATION_TRAINING' }.outcome", equalTo("NOT_ASSESSED"))
                    .body("assessments.find { it.standard == 'UOF_LAWFUL' }.required", equalTo(true));

            as(assessor(bodyId)).body("{\"outcome\":\"CREDENTIALED\",\"reason\":\"both mandatory standards confirmed\"}")
                    .post("/api/v1/agencies/{ori}/credentials/{id}/decision", ori, id).then().statusCode(200)
                    .body("status", equalTo("CREDENTIALED")).body("unmetStandards", empty())
                    .body("topicFindings.notMet", contains("DUTY_TO_INTERVENE", "EARLY_INTERVENTION_SYSTEM"))
                    .body("topicFindings.notAssessed", hasItems("DEESCALATION_TRAINING", "MEDICAL_AID"))
                    .body("topicFindings.met", empty())
                    .body("reason", containsString("DUTY_TO_INTERVENE"));
            as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/credentials/{id}", ori, id).then().statusCode(200)
                    .body("inForce", equalTo(true))
                    .body("topicFindings.notMet", contains("DUTY_TO_INTERVENE", "EARLY_INTERVENTION_SYSTEM"));
            JsonNode granted = EventContract.check(topic.await(r -> EventContract.is(r, ori, EventTypes.CREDENTIAL_GRANTED),
                    Duration.ofSeconds(30)));
            assertEquals(0, granted.get("unmetStandards").size(), "nothing blocking is named");
            assertTrue(granted.get("reason").asText().contains("both mandatory standards confirmed"));
            assertTrue(granted.get("reason").asText().contains("EARLY_INTERVENTION_SYSTEM"), "the event says what was not met");
        }
        // the body's eligible list reports the findings
        as(assessor(bodyId)).get("/api/v1/bodies/{id}/reports/eligible-agencies", bodyId).then().statusCode(200)
                .body("agencies.find { it.ori == '%s' }.topicFindings.notMet".formatted(ori), hasItem("DUTY_TO_INTERVENE"));
        String csv = as(TestTokens.dojAdmin()).accept("text/csv").get("/api/v1/bodies/{id}/reports/eligible-agencies", bodyId)
                .then().statusCode(200).extract().asString();
        assertTrue(csv.lines().findFirst().orElseThrow().contains("topics_not_met"));
        assertTrue(csv.lines().anyMatch(l -> l.startsWith(ori) && l.contains("DUTY_TO_INTERVENE EARLY_INTERVENTION_SYSTEM")), csv);
    }

    @Test
    void aCoveredTopicWithoutAFindingDoesNotHoldTheDecision() {
        String ori = randomOri("MD");
        registerAgency(ori, "COUNTY_SHERIFF");
        String bodyId = certifiedBody(COVERED);
        String id = seek(ori, bodyId);
        as(assessor(bodyId)).get("/api/v1/agencies/{ori}/credentials/{id}/assessments", ori, id).then().statusCode(200)
                .body("notYetAssessed", contains("UOF_LAWFUL", "CHOKEHOLD_BAN"))
                .body("topicsNotAssessed", hasItems("DUTY_TO_INTERVENE", "DEESCALATION_TRAINING"));
        // the mandatory standards still need a finding
        as(assessor(bodyId)).body("{\"outcome\":\"CREDENTIALED\"}")
                .post("/api/v1/agencies/{ori}/credentials/{id}/decision", ori, id).then().statusCode(422)
                .body("type", equalTo("urn:safe-policing:problem:assessment-incomplete"))
                .body("missingStandards", contains("UOF_LAWFUL", "CHOKEHOLD_BAN"));
        assess(ori, id, bodyId, "UOF_LAWFUL", "MET");
        assess(ori, id, bodyId, "CHOKEHOLD_BAN", "MET");
        as(assessor(bodyId)).body("{\"outcome\":\"CREDENTIALED\"}")
                .post("/api/v1/agencies/{ori}/credentials/{id}/decision", ori, id).then().statusCode(200)
                .body("status", equalTo("CREDENTIALED"))
                .body("topicFindings.notAssessed", hasItems("DUTY_TO_INTERVENE", "DEESCALATION_TRAINING"));
    }

    @Test
    void aDenialNamesOnlyTheMandatoryStandardsAndAnEncouragedTopicIsNeverAReasonToDeny() {
        String ori = randomOri("OH");
        registerAgency(ori, "LOCAL_MUNICIPAL");
        String bodyId = certifiedBody(COVERED);
        String id = seek(ori, bodyId);
        assess(ori, id, bodyId, "UOF_LAWFUL", "MET");
        assess(ori, id, bodyId, "CHOKEHOLD_BAN", "MET");
        assess(ori, id, bodyId, "DUTY_TO_INTERVENE", "NOT_MET");
        as(assessor(bodyId)).body("{\"outcome\":\"DENIED\",\"reason\":\"no duty-to-intervene policy\"}")
                .post("/api/v1/agencies/{ori}/credentials/{id}/decision", ori, id).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:safe-policing:problem:nothing-unmet"))
                .body("detail", containsString("DUTY_TO_INTERVENE"));
        as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/credentials/{id}", ori, id).then()
                .body("status", equalTo("SOUGHT")).body("topicFindings", nullValue());

        // a mandatory standard not MET: DENIED names it, and only it; the topic is still reported
        assess(ori, id, bodyId, "CHOKEHOLD_BAN", "NOT_ASSESSED");
        as(assessor(bodyId)).body("{\"outcome\":\"CREDENTIALED\"}")
                .post("/api/v1/agencies/{ori}/credentials/{id}/decision", ori, id).then().statusCode(422)
                .body("type", equalTo("urn:safe-policing:problem:mandatory-standard-not-met"))
                .body("unmetStandards", contains("CHOKEHOLD_BAN"));
        as(assessor(bodyId)).body("{\"outcome\":\"DENIED\"}")
                .post("/api/v1/agencies/{ori}/credentials/{id}/decision", ori, id).then().statusCode(200)
                .body("status", equalTo("DENIED"))
                .body("unmetStandards", contains("CHOKEHOLD_BAN"))
                .body("unmetStandards", not(hasItem("DUTY_TO_INTERVENE")))
                .body("topicFindings.notMet", contains("DUTY_TO_INTERVENE"));
    }
}
