package org.safepolicing.coresponder;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safepolicing.coresponder.CoresponderApi.EVENT_WAIT;
import static org.safepolicing.coresponder.CoresponderApi.PROGRAM;
import static org.safepolicing.coresponder.CoresponderApi.as;
import static org.safepolicing.coresponder.CoresponderApi.hhs;
import static org.safepolicing.coresponder.CoresponderApi.json;
import static org.safepolicing.coresponder.CoresponderApi.program;
import static org.safepolicing.coresponder.CoresponderApi.randomOri;
import static org.safepolicing.coresponder.CoresponderApi.status;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

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
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "coresponder"))
class ProgramLifecycleTest {

    @Test
    void creationAndEveryStatusChangeAreEventsInOrderOnTheAgencysKey() {
        String ori = randomOri("VA");
        try (TopicProbe topic = TopicProbe.of(Topics.CORESPONDER_EVENTS)) {
            String id = program(ori, "MOBILE_CRISIS_TEAM");
            status(ori, id, "ACTIVE").then().statusCode(200).body("status", equalTo("ACTIVE"));
            as(TestTokens.agencyUser(ori)).body("{\"status\":\"SUSPENDED\",\"reason\":\"clinician vacancy\"}")
                    .post("/api/v1/agencies/{ori}/programs/{id}/status", ori, id).then().statusCode(200);
            status(ori, id, "ACTIVE").then().statusCode(200);
            status(ori, id, "ENDED").then().statusCode(200).body("status", equalTo("ENDED"));

            topic.await(r -> ori.equals(r.key()) && "ENDED".equals(json(r).path("status").asText()), EVENT_WAIT);
            List<ConsumerRecord<String, String>> events = topic.all(r -> ori.equals(r.key()), java.time.Duration.ofMillis(500));
            assertEquals(5, events.size(), "creation and four changes, each once");
            List<String> statuses = events.stream().map(r -> json(r).get("status").asText()).toList();
            assertEquals(List.of("PLANNED", "ACTIVE", "SUSPENDED", "ACTIVE", "ENDED"), statuses);
            JsonNode created = json(events.get(0));
            assertTrue(created.get("previousStatus").isNull(), "a new program has no previous status");
            assertEquals(id, created.get("programId").asText());
            assertEquals("MOBILE_CRISIS_TEAM", created.get("model").asText());
            assertEquals("Community Services Board", created.get("partnerOrganization").asText());
            assertEquals("SUSPENDED", json(events.get(3)).get("previousStatus").asText());
            for (ConsumerRecord<String, String> r : events) {
                assertEquals(EventTypes.PROGRAM_STATUS_CHANGED, TopicProbe.header(r, "ce_type"));
                assertEquals(events.get(0).partition(), r.partition(), "one agency's events share a partition");
            }
            as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/programs/{id}/history", ori, id)
                    .then().statusCode(200).body("$", hasSize(5))
                    .body("to", contains("PLANNED", "ACTIVE", "SUSPENDED", "ACTIVE", "ENDED"))
                    .body("[0].from", nullValue())
                    .body("[2].reason", equalTo("clinician vacancy"));
        }
    }

    @Test
    void programsOfOneAgencyChangedAtTheSameMomentAreEachChangedOnce() throws Exception {
        // bin/suite soak saw 500s here (Hibernate's own pessimistic lock of a program failing under concurrency)
        String ori = randomOri("VA");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(program(ori, "CO_RESPONDER_RIDE_ALONG"));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (String next : List.of("ACTIVE", "SUSPENDED", "ACTIVE")) {
                List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
                for (String id : ids) {
                    answers.add(pool.submit(() -> status(ori, id, next).statusCode()));
                }
                for (java.util.concurrent.Future<Integer> answer : answers) {
                    assertEquals(200, answer.get(), "every change to " + next + " is made");
                }
            }
        } finally {
            pool.shutdown();
        }
        for (String id : ids) {
            as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/programs/{id}", ori, id).then().statusCode(200)
                    .body("status", equalTo("ACTIVE"));
        }
    }

    @Test
    void anIllegalTransitionIs409NamingTheCurrentStateAndPublishesNothing() {
        String ori = randomOri("MD");
        String id = program(ori, "CO_RESPONDER_RIDE_ALONG");
        status(ori, id, "SUSPENDED").then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:safe-policing:problem:illegal-transition"))
                .body("currentState", equalTo("PLANNED"))
                .body("allowed", contains("ACTIVE", "ENDED"));
        status(ori, id, "PLANNED").then().statusCode(409).body("currentState", equalTo("PLANNED"));
        status(ori, id, "ENDED").then().statusCode(200);
        status(ori, id, "ACTIVE").then().statusCode(409).body("currentState", equalTo("ENDED"))
                .body("detail", containsString("ENDED"));
        as(TestTokens.agencyUser(ori)).body("{\"clinicians\":[]}").put("/api/v1/agencies/{ori}/programs/{id}/clinicians", ori, id)
                .then().statusCode(409).body("currentState", equalTo("ENDED"));
        as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/programs/{id}/history", ori, id)
                .then().statusCode(200).body("to", contains("PLANNED", "ENDED"));
        try (TopicProbe topic = TopicProbe.of(Topics.CORESPONDER_EVENTS)) {
            topic.await(r -> ori.equals(r.key()) && "ENDED".equals(json(r).path("status").asText()), EVENT_WAIT);
            assertEquals(2, topic.all(r -> ori.equals(r.key()), java.time.Duration.ofMillis(500)).size());
        }
    }

    @Test
    void cliniciansAndCoverageAreKeptAndReplaced() {
        String ori = randomOri("TX");
        String id = program(ori, "CO_RESPONDER_FOLLOW_UP");
        as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/programs/{id}", ori, id).then().statusCode(200)
                .body("status", equalTo("PLANNED"))
                .body("clinicians.type", contains("SOCIAL_WORKER", "MENTAL_HEALTH_PROFESSIONAL"))
                .body("clinicians.weeklyHours", contains(40, 20))
                .body("coverageHoursPerWeek", equalTo(60)).body("coverageArea", equalTo("Citywide"));
        as(TestTokens.agencyUser(ori)).body("{\"clinicians\":[{\"type\":\"MENTAL_HEALTH_PROFESSIONAL\",\"weeklyHours\":32}]}")
                .put("/api/v1/agencies/{ori}/programs/{id}/clinicians", ori, id).then().statusCode(200)
                .body("clinicians", hasSize(1)).body("clinicians[0].weeklyHours", equalTo(32));
        as(hhs()).get("/api/v1/agencies/{ori}/programs", ori).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].clinicians", hasSize(1));
        as(hhs()).queryParam("state", "TX").queryParam("model", "CO_RESPONDER_FOLLOW_UP").queryParam("size", 500)
                .get("/api/v1/programs").then().statusCode(200).body("items.id", hasItem(id));
    }

    @Test
    void badProgramInputIs400ProblemJsonAndNothingIsStored() {
        String ori = randomOri("OH");
        as(TestTokens.agencyUser(ori)).body(PROGRAM.formatted("HELICOPTER"))
                .post("/api/v1/agencies/{ori}/programs", ori).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("model"));
        as(TestTokens.agencyUser(ori)).body("""
                {"partnerOrganization":"","model":"TELEHEALTH","clinicians":[{"type":"SOCIAL_WORKER","weeklyHours":99}],
                 "coverageHoursPerWeek":200}""")
                .post("/api/v1/agencies/{ori}/programs", ori).then().statusCode(400)
                .body("type", equalTo("urn:safe-policing:problem:invalid-input"))
                .body("errors.field", hasItem("partnerOrganization"))
                .body("errors.field", hasItem("coverageHoursPerWeek"))
                .body("errors.field", hasItem("clinicians[0].weeklyHours"));
        as(TestTokens.agencyUser(ori)).body(PROGRAM.formatted("TELEHEALTH").replace("\"Citywide\"", "\"Citywide\",\"status\":\"ACTIVE\""))
                .post("/api/v1/agencies/{ori}/programs", ori).then().statusCode(400).body("detail", containsString("status"));
        as(TestTokens.agencyUser(ori)).body("{\"status\":\"OPEN\"}")
                .post("/api/v1/agencies/{ori}/programs/{id}/status", ori, java.util.UUID.randomUUID()).then().statusCode(400);
        as(TestTokens.agencyUser(ori)).body("{\"status\":\"ACTIVE\"}")
                .post("/api/v1/agencies/{ori}/programs/{id}/status", ori, java.util.UUID.randomUUID()).then().statusCode(404)
                .body("type", equalTo("urn:safe-policing:problem:not-found"));
        as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/programs", ori).then().statusCode(200).body("total", equalTo(0));
    }
}
