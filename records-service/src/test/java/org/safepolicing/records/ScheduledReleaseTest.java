package org.safepolicing.records;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safepolicing.records.RecordsApi.JSON;
import static org.safepolicing.records.RecordsApi.as;
import static org.safepolicing.records.RecordsApi.officerJson;
import static org.safepolicing.records.RecordsApi.randomCert;
import static org.safepolicing.records.RecordsApi.randomOri;
import static org.safepolicing.records.RecordsApi.submission;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

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
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;
import org.safepolicing.testing.TopicProbe;

/**
 * Issue 13 point 13, Sec. 3(c) "regularly and periodically": the release schedule (default cadence: year to date
 * after Q1-Q3's reports are due, the annual release 30 days after Q4's), run as of given days through
 * {@code POST /api/v1/statistics/release-schedule-runs}. Its own database and consumer group (coverage is measured
 * over every agency the service knows). Report coverage needs only 50% here, so that one large agency that does not
 * report leaves report coverage high and officer coverage low.
 */
@QuarkusTest
@TestProfile(ScheduledReleaseTest.Profile.class)
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "records_schedule"))
class ScheduledReleaseTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.incoming.agency-registry.group.id", "records-schedule-test-" + UUID.randomUUID(),
                    "records.statistics.min-coverage", "0.5");
        }
    }

    private static final String RUNS = "/api/v1/statistics/release-schedule-runs";
    private static final int BIG = 100_000;

    @Inject
    AgroalDataSource dataSource;

    private static String fairProcess(String finalOn) {
        return "{\"noticeDate\":\"2026-01-10\",\"responseDate\":\"2026-02-01\",\"hearingHeld\":true,"
                + "\"finalAdjudicationDate\":\"" + finalOn + "\",\"adjudication\":\"Sustained\",\"appealStatus\":\"EXHAUSTED\"}";
    }

    /** {@code n} terminations of {@code ori} reported for 2026-Q3, final on {@code finalOn}. */
    private static void terminations(String ori, int n, String finalOn) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(submission(officerJson(ori.substring(0, 2), randomCert(), "S" + i, "T" + i, LocalDate.of(1976, 2, 1 + i % 28)),
                    "TERMINATION", fairProcess(finalOn)).replace("\"fairProcess\"", "\"reportingPeriod\":\"2026-Q3\",\"fairProcess\""));
        }
        as(TestTokens.agencyUser(ori)).body("{\"clientKey\":\"schedule-" + UUID.randomUUID() + "\",\"records\":["
                + String.join(",", items) + "]}").post("/api/v1/agencies/{ori}/records/bulk", ori).then().statusCode(201);
    }

    private static void report(String ori, String period, boolean zero) {
        as(TestTokens.agencyUser(ori)).body("{\"period\":\"" + period + "\",\"zeroReport\":" + zero + "}")
                .post("/api/v1/agencies/{ori}/reports", ori).then().statusCode(201);
    }

    private static JsonNode run(String asOf) throws Exception {
        return JSON.readTree(as(TestTokens.dojAdmin()).body("{\"asOf\":\"" + asOf + "\"}").post(RUNS)
                .then().statusCode(200).body("asOf", equalTo(asOf)).extract().asString());
    }

    private static JsonNode releases() throws Exception {
        return JSON.readTree(given().get("/api/v1/statistics/releases").then().statusCode(200).extract().asString());
    }

    @Test
    void dueReleasesArePublishedOnceAndOneBelowOfficerCoverageIsWithheldWithItsReasonListed() throws Exception {
        String small = randomOri("VA");
        String big = randomOri("MD");
        RecordsApi.registerAgency(small, AgencyType.LOCAL_MUNICIPAL, 40);
        RecordsApi.registerAgency(big, AgencyType.COUNTY_SHERIFF, BIG);
        Set<String> everyAgency;
        try (TopicProbe registry = TopicProbe.of(Topics.AGENCY_REGISTRY)) {
            registry.await(r -> big.equals(r.key()), Duration.ofSeconds(30));
            everyAgency = registry.all(r -> TopicProbe.header(r, "ce_specversion") != null, Duration.ofSeconds(1)).stream()
                    .map(r -> r.key()).collect(Collectors.toSet());
        }
        Db db = new Db(dataSource);
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count("select count(*) from agency") == everyAgency.size());
        assertEquals(BIG, db.count("select sworn_officers from agency where ori = ?", big));

        // 25 processes final in Q1 (in the year to date through Q3), 12 final in Q4 (not in it)
        terminations(small, 25, "2026-03-15");
        terminations(small, 12, "2026-10-15");
        for (String ori : everyAgency) {
            report(ori, "2026-Q3", !ori.equals(small));
        }

        // nothing is due before 2026-Q3's reports are due (2026-10-30)
        JsonNode early = run("2026-10-30");
        assertEquals(0, early.get("due").size(), early.toString());
        assertEquals(0, releases().size());

        // the day after: the year-to-date release through Q3, published
        JsonNode first = run("2026-10-31");
        assertEquals("[\"2026-Q3\"]", first.get("due").toString());
        assertEquals(1, first.get("decided").size(), first.toString());
        JsonNode decision = first.get("decided").get(0);
        assertEquals("PUBLISHED", decision.get("status").asText(), first.toString());
        int version = decision.get("version").asInt();
        JsonNode release = JSON.readTree(given().get("/api/v1/statistics/releases/{v}", version).then().statusCode(200)
                .extract().asString());
        assertEquals("YEAR_TO_DATE", release.get("kind").asText());
        assertEquals(3, release.get("quarter").asInt());
        assertEquals("2026-Q3", release.get("schedule").asText());
        assertEquals("2026-10-31", release.get("dueOn").asText());
        assertEquals(2026, release.get("year").asInt());
        assertEquals(1.0, release.get("coverage").asDouble());
        assertEquals(1.0, release.get("officerCoverage").asDouble());
        assertEquals(25, release.get("tables").get(0).get("grandTotal").asLong(), "only processes final by the end of Q3");

        // a second run for the same due release publishes nothing
        JsonNode again = run("2026-11-15");
        assertEquals("[\"2026-Q3\"]", again.get("due").toString());
        assertEquals(0, again.get("decided").size(), again.toString());
        assertEquals(1, releases().size());
        assertEquals(1, db.count("select count(*) from public_release"));

        // 2026-Q4: every agency but the large one reports; the annual release of 2026 is due 2027-03-02
        for (String ori : everyAgency) {
            if (!ori.equals(big)) {
                report(ori, "2026-Q4", true);
            }
        }
        assertEquals(0, run("2027-03-01").get("decided").size());
        JsonNode annual = run("2027-03-02");
        assertEquals("[\"2026\"]", annual.get("due").toString());
        JsonNode withheld = annual.get("decided").get(0);
        assertEquals("WITHHELD", withheld.get("status").asText(), annual.toString());
        assertTrue(withheld.get("version").isNull());
        assertEquals(1, db.count("select count(*) from public_release"), "nothing published");

        // officer coverage: the large agency's officers are missing for Q4 (2 periods measured: Q3 and Q4)
        long sworn = db.count("select coalesce(sum(coalesce(sworn_officers, 0)), 0) from agency where active");
        long agencies = db.count("select count(*) from agency where active");
        double officerCoverage = Math.floor((2.0 * sworn - BIG) / (2.0 * sworn) * 10_000) / 10_000;
        double reportCoverage = Math.floor((2.0 * agencies - 1) / (2.0 * agencies) * 10_000) / 10_000;
        assertTrue(officerCoverage < 0.9 && reportCoverage >= 0.5, officerCoverage + " " + reportCoverage);

        // the public release list shows the withheld annual release with both figures and both thresholds
        JsonNode list = releases();
        assertEquals(2, list.size(), list.toString());
        assertEquals(version, list.get(0).get("version").asInt());
        JsonNode entry = list.get(1);
        assertEquals("WITHHELD", entry.get("status").asText());
        assertEquals("ANNUAL", entry.get("kind").asText());
        assertEquals("2026", entry.get("schedule").asText());
        assertEquals(2026, entry.get("year").asInt());
        assertTrue(entry.get("version").isNull());
        assertTrue(entry.get("tables").isNull());
        JsonNode why = entry.get("withheld");
        assertEquals("coverage-too-low", why.get("reason").asText());
        assertEquals(reportCoverage, why.get("coverage").asDouble(), 1.1e-4);
        assertEquals(0.5, why.get("requiredCoverage").asDouble());
        assertEquals(officerCoverage, why.get("officerCoverage").asDouble(), 1.1e-4);
        assertEquals(0.9, why.get("requiredOfficerCoverage").asDouble());
        assertEquals("2027-03-02", why.get("asOf").asText());
        assertTrue(why.get("detail").asText().contains("sworn officers"), why.toString());

        // decided once: the large agency reporting late changes nothing for the annual release of 2026
        report(big, "2026-Q4", true);
        JsonNode later = run("2027-03-20");
        assertEquals(0, later.get("decided").size(), later.toString());
        assertEquals(2, releases().size());
        assertEquals(1, db.count("select count(*) from public_release"));

        // the published release went out as the usual event, its payload unchanged
        try (TopicProbe probe = TopicProbe.of(Topics.RECORDS_PUBLIC_RELEASES)) {
            var event = probe.await(r -> release.get("releaseId").asText().equals(r.key()), Duration.ofSeconds(30));
            assertEquals(EventTypes.PUBLIC_RELEASE_PUBLISHED, TopicProbe.header(event, "ce_type"));
            JsonNode data = JSON.readTree(event.value());
            assertEquals(version, data.get("version").asInt());
            assertEquals(1.0, data.get("coverage").asDouble());
            assertNull(data.get("kind"));
        }
    }

    @Test
    void refusals() {
        given().contentType("application/json").body("{\"asOf\":\"2026-11-01\"}").post(RUNS).then().statusCode(401);
        for (String token : List.of(TestTokens.agencyUser(randomOri("VA")), TestTokens.as("auditor").sign(), TestTokens.as("grant-officer").sign())) {
            as(token).body("{\"asOf\":\"2026-11-01\"}").post(RUNS).then().statusCode(403)
                    .contentType("application/problem+json");
        }
        for (String asOf : List.of("\"2026-13-45\"", "\"soon\"", "20261101", "\"+999999999-12-31\"")) {
            as(TestTokens.dojAdmin()).body("{\"asOf\":" + asOf + "}").post(RUNS).then().statusCode(400)
                    .contentType("application/problem+json").body("status", equalTo(400));
        }
        as(TestTokens.dojAdmin()).body("{\"asOf\":\"2026-11-01\",\"decided\":[]}").post(RUNS).then().statusCode(400)
                .contentType("application/problem+json");
    }
}
