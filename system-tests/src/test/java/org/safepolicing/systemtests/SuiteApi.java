package org.safepolicing.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.safepolicing.contracts.Topics;
import org.safepolicing.testing.TopicProbe;

/** The calls the system tests make, against the running suite, with Keycloak-issued tokens. */
final class SuiteApi {

    static final Duration EVENTUALLY = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    final SuiteUnderTest suite = SuiteUnderTest.get();
    final String admin = suite.demoToken("doj.admin");

    static String randomOri(String state) {
        return state + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    void registerAgency(String ori, String type) {
        as(admin).body(Map.of("ori", ori, "name", "System Test Agency " + ori, "type", type, "state", ori.substring(0, 2),
                        "county", "Test County", "swornOfficers", 80, "populationServed", 50_000, "urbanRural", "RURAL"))
                .post(suite.url(SuiteUnderTest.CREDENTIALING) + "/api/v1/agencies").then().statusCode(201);
    }

    String certifiedBody(String name) {
        String id = as(admin).body(Map.of("name", name, "coveredStandards", List.of("UOF_LAWFUL", "CHOKEHOLD_BAN")))
                .post(suite.url(SuiteUnderTest.CREDENTIALING) + "/api/v1/bodies").then().statusCode(201).extract().path("id");
        as(admin).body(Map.of("termMonths", 36))
                .post(suite.url(SuiteUnderTest.CREDENTIALING) + "/api/v1/bodies/" + id + "/certification").then().statusCode(200);
        return id;
    }

    void suspendBody(String bodyId, String reason) {
        as(admin).body(Map.of("reason", reason))
                .post(suite.url(SuiteUnderTest.CREDENTIALING) + "/api/v1/bodies/" + bodyId + "/suspension").then().statusCode(200);
    }

    String seek(String agencyToken, String ori, String bodyId) {
        return as(agencyToken).body(Map.of("bodyId", bodyId))
                .post(suite.url(SuiteUnderTest.CREDENTIALING) + "/api/v1/agencies/" + ori + "/credentials")
                .then().statusCode(201).extract().path("id");
    }

    void withdraw(String agencyToken, String ori, String credentialId) {
        as(agencyToken).body("{}")
                .post(suite.url(SuiteUnderTest.CREDENTIALING) + "/api/v1/agencies/" + ori + "/credentials/" + credentialId + "/withdrawal")
                .then().statusCode(200);
    }

    JsonPath eligibility(String token, String ori) {
        return as(token).get(suite.url(SuiteUnderTest.GRANTS) + "/api/v1/agencies/" + ori + "/eligibility")
                .then().statusCode(200).extract().jsonPath();
    }

    /** Waits until grants answers {@code outcome} for the Sec. 2(b) rule, decided by {@code eventType}; returns the answer. */
    JsonPath awaitRule(String token, String ori, String outcome, String eventType) {
        JsonPath[] last = new JsonPath[1];
        try {
            await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(200)).until(() -> {
                last[0] = eligibility(token, ori);
                return outcome.equals(last[0].getString("rules[0].outcome"))
                        && eventType.equals(last[0].getString("rules[0].decidedBy.eventType"));
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("agency " + ori + " never reached " + outcome + " decided by " + eventType
                    + "; last answer: " + (last[0] == null ? "none" : last[0].prettify()), e);
        }
        return last[0];
    }

    /** The ce_id of the last event of {@code type} for {@code ori} on credentialing.events.v1. */
    String lastCredentialEventId(String ori, String type) {
        try (TopicProbe probe = TopicProbe.on(suite.kafkaBootstrap(), Topics.CREDENTIALING_EVENTS)) {
            probe.await(r -> ori.equals(r.key()) && type.equals(TopicProbe.header(r, "ce_type")), EVENTUALLY);
            List<ConsumerRecord<String, String>> all = probe.all(
                    r -> ori.equals(r.key()) && type.equals(TopicProbe.header(r, "ce_type")), Duration.ofMillis(500));
            return TopicProbe.header(all.get(all.size() - 1), "ce_id");
        }
    }

    /** The eligibility events grants published for {@code ori}, oldest first, as JSON data. */
    List<JsonNode> eligibilityEvents(String ori, int atLeast) {
        try (TopicProbe probe = TopicProbe.on(suite.kafkaBootstrap(), Topics.GRANTS_ELIGIBILITY)) {
            try {
                await().atMost(EVENTUALLY).until(() -> probe.all(r -> ori.equals(r.key()), Duration.ofMillis(300)).size() >= atLeast);
            } catch (ConditionTimeoutException e) {
                // fall through: the caller's assertion shows what did arrive
            }
            // a moment more, so that an unexpected extra event would be seen too
            return probe.all(r -> ori.equals(r.key()), Duration.ofSeconds(2)).stream().map(r -> parse(r.value())).toList();
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
