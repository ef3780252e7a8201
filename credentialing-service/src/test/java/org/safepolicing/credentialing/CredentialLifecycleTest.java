package org.safepolicing.credentialing;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.safepolicing.credentialing.CredentialingApi.as;
import static org.safepolicing.credentialing.CredentialingApi.certifiedBody;
import static org.safepolicing.credentialing.CredentialingApi.randomOri;
import static org.safepolicing.credentialing.CredentialingApi.registerAgency;
import static org.safepolicing.credentialing.CredentialingApi.seek;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;
import org.safepolicing.testing.TopicProbe;

@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "credentialing"))
class CredentialLifecycleTest {

    private static final Duration EVENT_WAIT = Duration.ofSeconds(30);

    @Test
    void registeringAnAgencyPublishesItsWholeEntryKeyedByOri() {
        String ori = randomOri("VA");
        try (TopicProbe registry = TopicProbe.of(Topics.AGENCY_REGISTRY)) {
            registerAgency(ori, "COUNTY_SHERIFF");
            ConsumerRecord<String, String> event = registry.await(r -> ori.equals(r.key()), EVENT_WAIT);
            assertEquals(EventTypes.AGENCY_REGISTERED, TopicProbe.header(event, "ce_type"));
            assertEquals("1.0", TopicProbe.header(event, "ce_specversion"));
            assertEquals("/safe-policing/credentialing-service", TopicProbe.header(event, "ce_source"));
            assertEquals("application/json", TopicProbe.header(event, "content-type"));
            assertNotNull(Instant.parse(TopicProbe.header(event, "ce_time")));
            assertEquals("COUNTY_SHERIFF", json(event).get("type").asText());
        }
        as(TestTokens.as("grant-officer").sign()).get("/api/v1/agencies/{ori}", ori)
                .then().statusCode(200).body("ori", equalTo(ori)).body("active", equalTo(true));
    }

    @Test
    void seekingAndWithdrawingAreEventsInOrderOnTheAgencysKey() {
        String ori = randomOri("MD");
        registerAgency(ori, "LOCAL_MUNICIPAL");
        String bodyId = certifiedBody();
        try (TopicProbe credentialing = TopicProbe.of(Topics.CREDENTIALING_EVENTS)) {
            String credentialId = seek(ori, bodyId);
            as(TestTokens.agencyUser(ori)).body("{\"reason\":\"changing bodies\"}")
                    .post("/api/v1/agencies/{ori}/credentials/{id}/withdrawal", ori, credentialId)
                    .then().statusCode(200).body("status", equalTo("WITHDRAWN"));

            ConsumerRecord<String, String> sought = credentialing.await(
                    r -> ori.equals(r.key()) && EventTypes.CREDENTIAL_SOUGHT.equals(TopicProbe.header(r, "ce_type")), EVENT_WAIT);
            ConsumerRecord<String, String> withdrawn = credentialing.await(
                    r -> ori.equals(r.key()) && EventTypes.CREDENTIAL_WITHDRAWN.equals(TopicProbe.header(r, "ce_type")), EVENT_WAIT);
            assertEquals(sought.partition(), withdrawn.partition(), "one agency's events share a partition");
            org.junit.jupiter.api.Assertions.assertTrue(sought.offset() < withdrawn.offset(), "sought before withdrawn");
            assertEquals("SOUGHT", json(withdrawn).get("previousStatus").asText());
            assertEquals(bodyId, json(withdrawn).get("bodyId").asText());
        }
    }

    private static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return new ObjectMapper().readTree(record.value());
        } catch (Exception e) {
            throw new AssertionError("event data is not JSON: " + record.value(), e);
        }
    }

    @Test
    void anIllegalTransitionIsRefusedWith409NamingTheCurrentState() {
        String ori = randomOri("TX");
        registerAgency(ori, "LOCAL_MUNICIPAL");
        String credentialId = seek(ori, certifiedBody());
        as(TestTokens.agencyUser(ori)).body("{}").post("/api/v1/agencies/{ori}/credentials/{id}/withdrawal", ori, credentialId)
                .then().statusCode(200);
        as(TestTokens.agencyUser(ori)).body("{}").post("/api/v1/agencies/{ori}/credentials/{id}/withdrawal", ori, credentialId)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:safe-policing:problem:illegal-transition"))
                .body("currentState", equalTo("WITHDRAWN"));
    }

    @Test
    void aSecondOpenCredentialIsRefusedAndNothingIsStored() {
        String ori = randomOri("OH");
        registerAgency(ori, "LOCAL_MUNICIPAL");
        String bodyId = certifiedBody();
        seek(ori, bodyId);
        as(TestTokens.agencyUser(ori)).body("{\"bodyId\":\"" + bodyId + "\"}")
                .post("/api/v1/agencies/{ori}/credentials", ori)
                .then().statusCode(409).body("currentState", equalTo("SOUGHT"));
        as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/credentials", ori)
                .then().statusCode(200).body("$", hasSize(1));
    }

    @Test
    void aCredentialCanOnlyBeSoughtFromACertifiedBody() {
        String ori = randomOri("CA");
        registerAgency(ori, "LOCAL_MUNICIPAL");
        String bodyId = certifiedBody();
        as(TestTokens.dojAdmin()).body("{\"reason\":\"audit findings\"}").post("/api/v1/bodies/{id}/suspension", bodyId)
                .then().statusCode(200).body("status", equalTo("SUSPENDED"));
        as(TestTokens.agencyUser(ori)).body("{\"bodyId\":\"" + bodyId + "\"}")
                .post("/api/v1/agencies/{ori}/credentials", ori)
                .then().statusCode(422).body("type", equalTo("urn:safe-policing:problem:body-not-certified"))
                .body("bodyStatus", equalTo("SUSPENDED"));
        as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/credentials", ori).then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void bodiesMustCoverEveryMandatoryStandard() {
        as(TestTokens.dojAdmin()).body("{\"name\":\"Partial Body\",\"coveredStandards\":[\"UOF_LAWFUL\"]}")
                .post("/api/v1/bodies").then().statusCode(422)
                .body("type", equalTo("urn:safe-policing:problem:mandatory-standards-not-covered"))
                .body("detail", containsString("CHOKEHOLD_BAN"));
        as(TestTokens.dojAdmin()).body("{\"name\":\"Odd Body\",\"coveredStandards\":[\"UOF_LAWFUL\",\"CHOKEHOLD_BAN\",\"NOT_A_STANDARD\"]}")
                .post("/api/v1/bodies").then().statusCode(400).body("detail", containsString("NOT_A_STANDARD"));
    }

    @Test
    void bodyTransitionsFollowTheirStateMachine() {
        String bodyId = certifiedBody();
        as(TestTokens.dojAdmin()).body("{\"termMonths\":12}").post("/api/v1/bodies/{id}/certification", bodyId)
                .then().statusCode(409).body("currentState", equalTo("CERTIFIED"));
        as(TestTokens.dojAdmin()).post("/api/v1/bodies/{id}/reinstatement", bodyId)
                .then().statusCode(409).body("currentState", equalTo("CERTIFIED"));
        as(TestTokens.dojAdmin()).body("{\"reason\":\"review\"}").post("/api/v1/bodies/{id}/suspension", bodyId).then().statusCode(200);
        as(TestTokens.dojAdmin()).post("/api/v1/bodies/{id}/reinstatement", bodyId)
                .then().statusCode(200).body("status", equalTo("CERTIFIED")).body("termEnd", startsWith("20"));
    }
}
