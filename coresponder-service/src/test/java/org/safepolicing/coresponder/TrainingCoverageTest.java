package org.safepolicing.coresponder;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.safepolicing.coresponder.CoresponderApi.EVENT_WAIT;
import static org.safepolicing.coresponder.CoresponderApi.as;
import static org.safepolicing.coresponder.CoresponderApi.json;
import static org.safepolicing.coresponder.CoresponderApi.randomOri;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;
import org.safepolicing.testing.TopicProbe;

@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "coresponder"))
class TrainingCoverageTest {

    static String completions(String... officerAndCourse) {
        StringBuilder sb = new StringBuilder("{\"completions\":[");
        for (int i = 0; i < officerAndCourse.length; i += 2) {
            sb.append(i == 0 ? "" : ",").append("{\"officerRef\":\"").append(officerAndCourse[i])
                    .append("\",\"courseCode\":\"").append(officerAndCourse[i + 1]).append("\",\"completedOn\":\"2026-10-01\"}");
        }
        return sb.append("]}").toString();
    }

    static int sworn(String ori) {
        return as(CoresponderApi.hhs()).get("/api/v1/agencies/{ori}/training/coverage", ori).then().statusCode(200)
                .extract().path("coverage.swornOfficers");
    }

    private static boolean coverageEvent(ConsumerRecord<String, String> r, String ori) {
        return ori.equals(r.key()) && EventTypes.TRAINING_COVERAGE_CHANGED.equals(TopicProbe.header(r, "ce_type"));
    }

    @Test
    void aTrainingCampaignAndASwornCountChangeAreCoverageEvents() {
        String ori = randomOri("VA");
        Registry.agency(ori, AgencyType.LOCAL_MUNICIPAL, 10, 50_000L);
        await().atMost(EVENT_WAIT).until(() -> sworn(ori) == 10);
        try (TopicProbe topic = TopicProbe.of(Topics.CORESPONDER_EVENTS)) {
            as(TestTokens.agencyUser(ori)).body(completions("B-101", "CIT_40H", "B-102", "CIT_40H", "B-101", "MHFA_PUBLIC_SAFETY",
                            "B-103", "DEESCALATION"))
                    .post("/api/v1/agencies/{ori}/training/completions", ori).then().statusCode(200)
                    .body("recorded", equalTo(4)).body("alreadyRecorded", equalTo(0))
                    .body("coverage.trainedOfficers", equalTo(3)).body("coverage.swornOfficers", equalTo(10))
                    .body("coverage.coverage", equalTo(0.3f));
            ConsumerRecord<String, String> first = topic.await(r -> coverageEvent(r, ori), EVENT_WAIT);
            JsonNode data = json(first);
            assertEquals(3, data.get("trainedOfficers").asInt());
            assertEquals(10, data.get("swornOfficers").asInt());
            assertEquals(0.3, data.get("coverage").asDouble(), 1e-9);

            // the same campaign again changes nothing and publishes nothing
            as(TestTokens.agencyUser(ori)).body(completions("B-101", "CIT_40H", "B-102", "CIT_40H"))
                    .post("/api/v1/agencies/{ori}/training/completions", ori).then().statusCode(200)
                    .body("recorded", equalTo(0)).body("alreadyRecorded", equalTo(2)).body("coverage.trainedOfficers", equalTo(3));

            // the registry now counts 20 sworn officers: coverage halves
            Registry.agency(ori, AgencyType.LOCAL_MUNICIPAL, 20, 50_000L);
            ConsumerRecord<String, String> second = topic.await(r -> coverageEvent(r, ori) && json(r).get("swornOfficers").asInt() == 20,
                    EVENT_WAIT);
            assertEquals(0.15, json(second).get("coverage").asDouble(), 1e-9);
            assertEquals(2, topic.all(r -> coverageEvent(r, ori), Duration.ofMillis(500)).size(), "one event per change");
        }
        as(CoresponderApi.hhs()).get("/api/v1/agencies/{ori}/training/coverage", ori).then().statusCode(200)
                .body("byCourse.courseCode", hasItems("CIT_40H", "MHFA_PUBLIC_SAFETY", "DEESCALATION"))
                .body("byCourse.find { it.courseCode == 'CIT_40H' }.officers", equalTo(2));
    }

    /**
     * Snapshots sent back to back reach the copy in few polls, each applied as one batch: the agency whose sworn count
     * changed gets a new coverage event, the one whose count stayed publishes nothing, and new agencies without a
     * completion publish nothing but are stored with their counts.
     */
    @Test
    void aBurstOfSnapshotsRecomputesTheCoverageOfTheAgenciesItChanged() {
        String changed = randomOri("PA");
        String same = randomOri("PA");
        Registry.agency(changed, AgencyType.LOCAL_MUNICIPAL, 10, 50_000L);
        Registry.agency(same, AgencyType.LOCAL_MUNICIPAL, 10, 50_000L);
        await().atMost(EVENT_WAIT).until(() -> sworn(changed) == 10 && sworn(same) == 10);
        try (TopicProbe topic = TopicProbe.of(Topics.CORESPONDER_EVENTS)) {
            for (String ori : List.of(changed, same)) {
                as(TestTokens.agencyUser(ori)).body(completions("P-1", "CIT_40H", "P-2", "CIT_40H"))
                        .post("/api/v1/agencies/{ori}/training/completions", ori).then().statusCode(200)
                        .body("coverage.trainedOfficers", equalTo(2));
                topic.await(r -> coverageEvent(r, ori), EVENT_WAIT);
            }
            List<String> fresh = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                fresh.add(randomOri("PA"));
            }
            Registry.agency(changed, AgencyType.LOCAL_MUNICIPAL, 40, 50_000L);
            Registry.agency(same, AgencyType.LOCAL_MUNICIPAL, 10, 60_000L);
            for (int i = 0; i < fresh.size(); i++) {
                Registry.agency(fresh.get(i), AgencyType.LOCAL_MUNICIPAL, 100 + i, 1_000L);
            }
            ConsumerRecord<String, String> next = topic.await(
                    r -> coverageEvent(r, changed) && json(r).get("swornOfficers").asInt() == 40, EVENT_WAIT);
            assertEquals(0.05, json(next).get("coverage").asDouble(), 1e-9);
            for (int i = 0; i < fresh.size(); i++) {
                int index = i;
                await().atMost(EVENT_WAIT).until(() -> sworn(fresh.get(index)) == 100 + index);
            }
            assertEquals(1, topic.all(r -> coverageEvent(r, same), Duration.ofMillis(500)).size(),
                    "the completions' event only: its sworn count did not change");
            assertEquals(List.of(), topic.all(r -> fresh.contains(r.key()), Duration.ZERO),
                    "no coverage event for an agency without completions");
        }
    }

    @Test
    void aDuplicateOrLateSnapshotChangesNothing() {
        String ori = randomOri("MD");
        long sequence = Registry.nextSequence();
        String eventId = Registry.agency(ori, AgencyType.COUNTY_SHERIFF, 100, 80_000L, sequence, UUID.randomUUID().toString());
        await().atMost(EVENT_WAIT).until(() -> sworn(ori) == 100);
        // the same event id again, even with other data and a higher sequence: the inbox drops it
        Registry.agency(ori, AgencyType.COUNTY_SHERIFF, 300, 80_000L, sequence + 1000, eventId);
        // an older snapshot under a new id: the sequence says it is late
        Registry.agency(ori, AgencyType.COUNTY_SHERIFF, 50, 80_000L, sequence - 1, UUID.randomUUID().toString());
        // a marker after both, so we know they were processed
        String marker = randomOri("MD");
        Registry.agency(marker, AgencyType.STATE, 7, 1L);
        await().atMost(EVENT_WAIT).until(() -> sworn(marker) == 7);
        assertEquals(100, sworn(ori));
    }

    @Test
    void aPoisonSnapshotGoesToTheDeadLetterTopic() {
        String ori = randomOri("OH");
        try (TopicProbe dead = TopicProbe.of(Topics.deadLetter(Topics.CORESPONDER_SERVICE))) {
            Registry.send(ori, EventTypes.AGENCY_UPDATED, "{\"ori\":\"" + ori + "\",\"name\":\"No active flag\"}",
                    Registry.nextSequence(), UUID.randomUUID().toString());
            ConsumerRecord<String, String> parked = dead.await(r -> ori.equals(r.key()), EVENT_WAIT);
            assertEquals(EventTypes.AGENCY_UPDATED, TopicProbe.header(parked, "ce_type"));
        }
        // the partition moved on
        String next = randomOri("OH");
        Registry.agency(next, AgencyType.STATE, 9, 1L);
        await().atMost(EVENT_WAIT).until(() -> sworn(next) == 9);
    }

    @Test
    void badCompletionsAreRefusedAndNothingIsRecorded() {
        String ori = randomOri("TX");
        as(TestTokens.agencyUser(ori)).body(completions("B-1", "CIT_40H", "B-2", "BASKET_WEAVING", "B-3", "NOPE"))
                .post("/api/v1/agencies/{ori}/training/completions", ori).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:safe-policing:problem:unknown-course"))
                .body("errors.field", equalTo(List.of("completions[1].courseCode", "completions[2].courseCode")));
        as(TestTokens.agencyUser(ori)).body(completions("John Smith", "CIT_40H"))
                .post("/api/v1/agencies/{ori}/training/completions", ori).then().statusCode(400)
                .body("errors.field", hasItem("completions[0].officerRef"));
        as(TestTokens.agencyUser(ori)).body(completions("B-1", "CIT_40H").replace("2026-10-01", LocalDate.now().plusDays(3).toString()))
                .post("/api/v1/agencies/{ori}/training/completions", ori).then().statusCode(400)
                .body("errors.field", hasItem("completions[0].completedOn"));
        as(TestTokens.agencyUser(ori)).body("{\"completions\":[{\"officerRef\":\"B-1\",\"officerName\":\"John Smith\",\"courseCode\":\"CIT_40H\",\"completedOn\":\"2026-10-01\"}]}")
                .post("/api/v1/agencies/{ori}/training/completions", ori).then().statusCode(400)
                .body("detail", containsString("officerName"));
        as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/training/coverage", ori).then().statusCode(200)
                .body("coverage.trainedOfficers", equalTo(0));
    }

    @Test
    void dojKeepsTheCatalog() {
        String code = "TEST_" + Long.toString(System.nanoTime(), 36).toUpperCase();
        as(TestTokens.agencyUser("VA0290100")).body("{\"code\":\"" + code + "\",\"title\":\"Peer support\",\"hours\":4}")
                .post("/api/v1/training/courses").then().statusCode(403);
        as(TestTokens.dojAdmin()).body("{\"code\":\"" + code + "\",\"title\":\"Peer support\",\"hours\":4}")
                .post("/api/v1/training/courses").then().statusCode(201).body("code", equalTo(code));
        as(TestTokens.dojAdmin()).body("{\"code\":\"" + code + "\",\"title\":\"Again\",\"hours\":4}")
                .post("/api/v1/training/courses").then().statusCode(409);
        as(TestTokens.agencyUser("VA0290100")).get("/api/v1/training/courses").then().statusCode(200)
                .body("code", hasItems("CIT_40H", "MHFA_PUBLIC_SAFETY", "DEESCALATION", code))
                .body("find { it.code == 'CIT_40H' }.hours", equalTo(40));
    }
}
