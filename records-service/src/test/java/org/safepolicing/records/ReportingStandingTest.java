package org.safepolicing.records;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safepolicing.records.RecordsApi.as;
import static org.safepolicing.records.RecordsApi.finalProcess;
import static org.safepolicing.records.RecordsApi.officerJson;
import static org.safepolicing.records.RecordsApi.randomCert;
import static org.safepolicing.records.RecordsApi.randomOri;
import static org.safepolicing.records.RecordsApi.submission;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.records.reporting.ReportingPeriod;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;
import org.safepolicing.testing.TopicProbe;

/**
 * Sec. 3(d) without guessing (issue 13, point 14): a standing for every agency as soon as records-service learns of it,
 * a zero report amended by later records with its history, and a 404 for an ORI it never heard of. Reporting starts
 * with the period running today here, so a new agency has nothing due yet.
 */
@QuarkusTest
@TestProfile(ReportingStandingTest.NothingDueYet.class)
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "records"))
class ReportingStandingTest {

    @Inject
    AgroalDataSource dataSource;

    static final ReportingPeriod NOW = ReportingPeriod.containing(LocalDate.now(ZoneOffset.UTC), 3);

    public static class NothingDueYet implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("records.reporting.first-period", NOW.name(),
                    "mp.messaging.incoming.agency-registry.group.id", "records-standing-test-" + UUID.randomUUID());
        }
    }

    /**
     * Waits until records-service applied the registry event (its inbox row commits with the effect's outbox rows), so
     * what the effect published can be counted at once.
     */
    private void awaitApplied(String eventId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> new Db(dataSource).count("select count(*) from processed_event where event_id = ?", eventId) == 1);
    }

    /** The standing events records-service wrote for the agency (its outbox, sent or not). */
    private long standingsWritten(String ori) {
        return new Db(dataSource).count("select count(*) from outbox_event where aggregate_key = ? and event_type = ?", ori,
                EventTypes.REPORTING_STATUS_CHANGED);
    }

    static boolean standing(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> r, String ori) {
        return ori.equals(r.key()) && EventTypes.REPORTING_STATUS_CHANGED.equals(TopicProbe.header(r, "ce_type"));
    }

    @Test
    void anAgencyIsCurrentWithItsFirstDueDateAsSoonAsItIsRegisteredAndOnlyOnce() throws Exception {
        String ori = randomOri("VA");
        try (TopicProbe probe = TopicProbe.of(Topics.RECORDS_REPORTING)) {
            RecordsApi.registerAgency(ori, AgencyType.COUNTY_SHERIFF);
            JsonNode e = RecordsApi.JSON.readTree(probe.await(r -> standing(r, ori), Duration.ofSeconds(30)).value());
            assertEquals("OPEN", e.path("status").asText());
            assertTrue(e.path("current").asBoolean());
            assertEquals(NOW.name(), e.path("period").asText());
            assertEquals(NOW.dueDate(30).toString(), e.path("dueDate").asText());
            assertTrue(e.path("previousStatus").isNull() || e.path("previousStatus").isMissingNode());
            // the same agency again (a newer snapshot): no second first standing
            String again = RecordsApi.registerAgency(ori, AgencyType.COUNTY_SHERIFF);
            awaitApplied(again);
            assertEquals(1, standingsWritten(ori), "the standing events records-service wrote for the agency");
        }
        as(TestTokens.as("grant-officer").sign()).get("/api/v1/agencies/{ori}/reporting", ori).then().statusCode(200)
                .body("current", equalTo(true)).body("periods", hasSize(1))
                .body("periods[0].status", equalTo("OPEN")).body("periods[0].dueDate", equalTo(NOW.dueDate(30).toString()));
    }

    /**
     * Agencies sent back to back reach the copy in few polls, each written as one batch: every agency gets its first
     * standing once, and the same agencies again (newer snapshots) get none.
     */
    @Test
    void eachAgencyOfABurstGetsOneFirstStanding() throws Exception {
        List<String> oris = IntStream.range(0, 25).mapToObj(i -> randomOri("WA")).toList();
        try (TopicProbe probe = TopicProbe.of(Topics.RECORDS_REPORTING)) {
            oris.forEach(ori -> RecordsApi.registerAgency(ori, AgencyType.LOCAL_MUNICIPAL));
            for (String ori : oris) {
                JsonNode e = RecordsApi.JSON.readTree(probe.await(r -> standing(r, ori), Duration.ofSeconds(30)).value());
                assertEquals("OPEN", e.path("status").asText(), ori);
                assertEquals(NOW.name(), e.path("period").asText(), ori);
            }
            List<String> again = oris.stream().map(ori -> RecordsApi.registerAgency(ori, AgencyType.LOCAL_MUNICIPAL, 41))
                    .toList();
            again.forEach(this::awaitApplied);
            for (String ori : oris) {
                assertEquals(1, standingsWritten(ori), "one first standing for " + ori);
            }
        }
    }

    @Test
    void anOriNeverHeardOfIsA404NamingIt() {
        String ori = randomOri("NV");
        as(TestTokens.as("grant-officer").sign()).get("/api/v1/agencies/{ori}/reporting", ori).then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString(ori))
                .body("detail", containsString("agency registry"));
        as(TestTokens.agencyUser(ori)).body("{\"period\":\"" + NOW.name() + "\",\"zeroReport\":true}")
                .post("/api/v1/agencies/{ori}/reports", ori).then().statusCode(404);
    }

    @Test
    void recordsAfterAZeroReportTurnItIntoAnAmendedReportWithItsHistory() {
        String ori = randomOri("OR");
        RecordsApi.registerAndAwait(ori);
        as(TestTokens.agencyUser(ori)).body("{\"period\":\"" + NOW.name() + "\",\"zeroReport\":true}")
                .post("/api/v1/agencies/{ori}/reports", ori).then().statusCode(201);
        for (int i = 0; i < 2; i++) {
            as(TestTokens.agencyUser(ori)).body(submission(officerJson("OR", randomCert(), "Ada", "Voss",
                            LocalDate.of(1981, 3, 3 + i)), "TERMINATION", finalProcess())
                            .replace("\"fairProcess\"", "\"reportingPeriod\":\"" + NOW.name() + "\",\"fairProcess\""))
                    .post("/api/v1/agencies/{ori}/records", ori).then().statusCode(201);
        }
        String p = "periods.find { it.period == '" + NOW.name() + "' }";
        as(TestTokens.dojAdmin()).get("/api/v1/agencies/{ori}/reporting", ori).then().statusCode(200)
                .body(p + ".status", equalTo("SUBMITTED")).body("current", equalTo(true))
                .body(p + ".zeroReport", equalTo(false)).body(p + ".recordCount", equalTo(2))
                .body(p + ".revision", equalTo(3)).body(p + ".revisions", hasSize(3))
                .body(p + ".revisions[0].zeroReport", equalTo(true))
                .body(p + ".revisions[1].reason", containsString("zero report is amended"))
                .body(p + ".revisions[1].recordCount", equalTo(1))
                .body(p + ".revisions[2].recordCount", equalTo(2));
        // the period stays reported: a second report is still 409
        as(TestTokens.agencyUser(ori)).body("{\"period\":\"" + NOW.name() + "\",\"zeroReport\":false}")
                .post("/api/v1/agencies/{ori}/reports", ori).then().statusCode(409);
    }
}
