package org.safepolicing.records;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safepolicing.records.RecordsApi.JSON;
import static org.safepolicing.records.RecordsApi.as;
import static org.safepolicing.records.RecordsApi.finalProcess;
import static org.safepolicing.records.RecordsApi.officerJson;
import static org.safepolicing.records.RecordsApi.randomCert;
import static org.safepolicing.records.RecordsApi.randomOri;
import static org.safepolicing.records.RecordsApi.submission;

import java.time.Duration;
import java.time.LocalDate;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.records.reporting.DelinquencyJob;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;
import org.safepolicing.testing.TopicProbe;

/** Part 5: agencies from the registry topic, delinquency, zero reports, status events for grants-service. */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "records"))
class ReportingTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DelinquencyJob job;

    void awaitAgency(String ori) {
        Db db = new Db(dataSource);
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count("select count(*) from agency where ori = ?", ori) == 1);
    }

    static JsonNode data(ConsumerRecord<String, String> r) {
        try {
            return JSON.readTree(r.value());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static boolean event(ConsumerRecord<String, String> r, String ori, String period, String status) {
        if (!ori.equals(r.key()) || !EventTypes.REPORTING_STATUS_CHANGED.equals(TopicProbe.header(r, "ce_type"))) {
            return false;
        }
        JsonNode d = data(r);
        return period.equals(d.path("period").asText()) && status.equals(d.path("status").asText());
    }

    @Test
    void anAgencyThatDidNotReportBecomesDelinquentAndAZeroReportMakesItCurrent() {
        String ori = randomOri("VA");
        RecordsApi.registerAgency(ori, AgencyType.LOCAL_MUNICIPAL);
        awaitAgency(ori);
        as(TestTokens.dojAdmin()).body("{\"asOf\":\"" + TODAY + "\"}").post("/api/v1/reporting/delinquency-checks")
                .then().statusCode(200).body("periodsPastDue", hasItem("2026-Q3"));
        as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/reporting", ori).then().statusCode(200)
                .body("current", equalTo(false))
                .body("periods.find { it.period == '2026-Q3' }.status", equalTo("DELINQUENT"))
                .body("periods.find { it.period == '2026-Q3' }.dueDate", equalTo("2026-10-30"));
        as(TestTokens.dojAdmin()).get("/api/v1/reporting/agencies?current=false&size=500").then().statusCode(200);
        try (TopicProbe probe = TopicProbe.of(Topics.RECORDS_REPORTING)) {
            JsonNode delinquent = data(probe.await(r -> event(r, ori, "2026-Q3", "DELINQUENT"), Duration.ofSeconds(30)));
            assertFalse(delinquent.path("current").asBoolean());
            assertEquals("OPEN", delinquent.path("previousStatus").asText());
            assertEquals("2026-10-30", delinquent.path("dueDate").asText());
            // a second run changes nothing and publishes nothing
            job.run(TODAY);
            as(TestTokens.agencyUser(ori)).body("{\"period\":\"2026-Q3\",\"zeroReport\":true}")
                    .post("/api/v1/agencies/{ori}/reports", ori).then().statusCode(201)
                    .body("status", equalTo("SUBMITTED")).body("current", equalTo(true));
            JsonNode submitted = data(probe.await(r -> event(r, ori, "2026-Q3", "SUBMITTED"), Duration.ofSeconds(30)));
            assertTrue(submitted.path("current").asBoolean());
            assertEquals("DELINQUENT", submitted.path("previousStatus").asText());
            assertEquals(1, probe.all(r -> event(r, ori, "2026-Q3", "DELINQUENT"), Duration.ofSeconds(1)).size());
        }
        as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/reporting", ori).then()
                .body("current", equalTo(true))
                .body("periods.find { it.period == '2026-Q3' }.status", equalTo("SUBMITTED"))
                .body("periods.find { it.period == '2026-Q3' }.zeroReport", equalTo(true));
        job.run(TODAY);
        as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/reporting", ori).then().body("current", equalTo(true));
        as(TestTokens.agencyUser(ori)).body("{\"period\":\"2026-Q3\",\"zeroReport\":true}")
                .post("/api/v1/agencies/{ori}/reports", ori).then().statusCode(409);
    }

    @Test
    void aReportOnTimeIsSubmittedAndRecordsMustMatchTheKindOfReport() {
        String ori = randomOri("MD");
        RecordsApi.registerAndAwait(ori);
        as(TestTokens.agencyUser(ori))
                .body(submission(officerJson("MD", randomCert(), "Al", "Ray", LocalDate.of(1980, 2, 2)), "TERMINATION", finalProcess())
                        .replace("\"fairProcess\"", "\"reportingPeriod\":\"2026-Q4\",\"fairProcess\""))
                .post("/api/v1/agencies/{ori}/records", ori).then().statusCode(201).body("reportingPeriod", equalTo("2026-Q4"));
        as(TestTokens.agencyUser(ori)).body("{\"period\":\"2026-Q4\",\"zeroReport\":true}")
                .post("/api/v1/agencies/{ori}/reports", ori).then().statusCode(422)
                .body("type", equalTo("urn:safe-policing:problem:records-exist"));
        as(TestTokens.agencyUser(ori)).body("{\"period\":\"2026-Q3\",\"zeroReport\":false}")
                .post("/api/v1/agencies/{ori}/reports", ori).then().statusCode(422)
                .body("type", equalTo("urn:safe-policing:problem:no-records"));
        as(TestTokens.agencyUser(ori)).body("{\"period\":\"2026-Q4\",\"zeroReport\":false}")
                .post("/api/v1/agencies/{ori}/reports", ori).then().statusCode(201).body("recordCount", equalTo(1));
        try (TopicProbe probe = TopicProbe.of(Topics.RECORDS_REPORTING)) {
            JsonNode e = data(probe.await(r -> event(r, ori, "2026-Q4", "SUBMITTED"), Duration.ofSeconds(30)));
            assertEquals("OPEN", e.path("previousStatus").asText());
            assertFalse(probe.all(r -> ori.equals(r.key()), Duration.ofMillis(500)).stream()
                    .anyMatch(r -> r.value().contains("officer")), "no officer-level data on the topic");
        }
        as(TestTokens.agencyUser(ori)).body("{\"period\":\"2027-Q1\",\"zeroReport\":true}")
                .post("/api/v1/agencies/{ori}/reports", ori).then().statusCode(422);
        as(TestTokens.agencyUser(ori)).body("{\"period\":\"2026-Q2\",\"zeroReport\":true}")
                .post("/api/v1/agencies/{ori}/reports", ori).then().statusCode(422);
        as(TestTokens.agencyUser(ori)).body("{\"period\":\"2026-Q5\",\"zeroReport\":true}")
                .post("/api/v1/agencies/{ori}/reports", ori).then().statusCode(400).contentType("application/problem+json");
        as(TestTokens.agencyUser(ori)).body("{\"period\":\"2026-Q3\"}")
                .post("/api/v1/agencies/{ori}/reports", ori).then().statusCode(400);
    }

    @Test
    void registryEventsApplyOnceInOrderAndPoisonGoesToTheDeadLetterTopic() throws Exception {
        Db db = new Db(dataSource);
        String ori = randomOri("VA");
        RecordsApi.registerAgency(ori, AgencyType.LOCAL_MUNICIPAL);
        awaitAgency(ori);
        try (TopicProbe registry = TopicProbe.of(Topics.AGENCY_REGISTRY)) {
            ConsumerRecord<String, String> first = registry.await(r -> ori.equals(r.key()), Duration.ofSeconds(30));
            String renamed = first.value().replace("\"Agency " + ori + "\"", "\"Renamed PD\"").replace("\"version\":1", "\"version\":2");
            TopicProbe.send(Topics.AGENCY_REGISTRY, ori, renamed, "ce_specversion", "1.0", "ce_id", java.util.UUID.randomUUID().toString(),
                    "ce_source", "/credentialing-service", "ce_type", EventTypes.AGENCY_UPDATED,
                    "ce_sequence", Long.toString(RecordsApi.nextSequence()));
            await().atMost(Duration.ofSeconds(30)).until(() -> db.count("select count(*) from agency where ori = ? and name = 'Renamed PD'", ori) == 1);
            // the first event delivered again, then the old snapshot (its ce_sequence) under a new id: neither changes it
            TopicProbe.resend(TopicProbe.bootstrap(), first);
            String replayId = java.util.UUID.randomUUID().toString();
            TopicProbe.send(Topics.AGENCY_REGISTRY, ori, first.value(), "ce_specversion", "1.0", "ce_id", replayId,
                    "ce_source", "/credentialing-service", "ce_type", EventTypes.AGENCY_REGISTERED,
                    "ce_sequence", TopicProbe.header(first, "ce_sequence"));
            await().atMost(Duration.ofSeconds(30)).until(() -> db.count("select count(*) from processed_event where event_id = ?", replayId) == 1);
            assertEquals(1, db.count("select count(*) from agency where ori = ? and name = 'Renamed PD' and source_version = 2", ori));
            assertEquals(1, db.count("select count(*) from processed_event where event_id = ?", TopicProbe.header(first, "ce_id")));
        }
        String poisonKey = randomOri("VA");
        try (TopicProbe deadLetters = TopicProbe.of(Topics.deadLetter(Topics.RECORDS_SERVICE))) {
            TopicProbe.send(Topics.AGENCY_REGISTRY, poisonKey, "{\"not\":\"a cloud event\"}");
            deadLetters.await(r -> poisonKey.equals(r.key()), Duration.ofSeconds(60));
        }
        assertEquals(0, db.count("select count(*) from agency where ori = ?", poisonKey));
    }

    @Test
    void refusals() {
        String ori = randomOri("VA");
        String other = randomOri("MD");
        as(TestTokens.agencyUser(other)).body("{\"period\":\"2026-Q3\",\"zeroReport\":true}")
                .post("/api/v1/agencies/{ori}/reports", ori).then().statusCode(403);
        as(TestTokens.agencyUser(other)).get("/api/v1/agencies/{ori}/reporting", ori).then().statusCode(403);
        as(TestTokens.dojAdmin()).body("{\"period\":\"2026-Q3\",\"zeroReport\":true}")
                .post("/api/v1/agencies/{ori}/reports", ori).then().statusCode(403);
        as(TestTokens.agencyUser(ori)).body("{}").post("/api/v1/reporting/delinquency-checks").then().statusCode(403);
        as(TestTokens.as("hhs-analyst").sign()).get("/api/v1/reporting/agencies").then().statusCode(403);
        io.restassured.RestAssured.given().contentType("application/json").body("{}").post("/api/v1/reporting/delinquency-checks").then().statusCode(401);
        // an ORI records-service never heard of has no standing: 404 naming it, never "current" with periods OPEN
        as(TestTokens.dojAdmin()).get("/api/v1/agencies/{ori}/reporting", ori).then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("urn:safe-policing:problem:unknown-agency"))
                .body("detail", org.hamcrest.Matchers.containsString(ori));
        as(TestTokens.agencyUser(ori)).body("{\"period\":\"2026-Q3\",\"zeroReport\":true}")
                .post("/api/v1/agencies/{ori}/reports", ori).then().statusCode(404)
                .body("type", equalTo("urn:safe-policing:problem:unknown-agency"));
        // a bare POST (no body, no content type) runs the check as of today
        io.restassured.RestAssured.given().auth().oauth2(TestTokens.dojAdmin()).post("/api/v1/reporting/delinquency-checks")
                .then().statusCode(200).body("asOf", equalTo(LocalDate.now(java.time.ZoneOffset.UTC).toString()));
        as(TestTokens.dojAdmin()).get("/api/v1/reporting/agencies?size=501").then().statusCode(400);
    }
}
