package org.safepolicing.records;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
 * Part 6: public releases. Its own database (reporting coverage is measured over every agency the service knows) and
 * its own consumer group, so it sees every agency on the registry topic.
 */
@QuarkusTest
@TestProfile(StatisticsTest.OwnConsumerGroup.class)
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "records_statistics"))
class StatisticsTest {

    public static class OwnConsumerGroup implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.incoming.agency-registry.group.id", "records-statistics-test-" + UUID.randomUUID());
        }
    }

    private static final String FINAL_2026 = """
            {"noticeDate":"2026-01-10","responseDate":"2026-02-01","hearingHeld":true,
             "finalAdjudicationDate":"2026-03-15","adjudication":"Sustained","appealStatus":"EXHAUSTED"}""";

    @Inject
    AgroalDataSource dataSource;

    /** An agency's records in bulk; its de-certifications come from its state's POST board, in the board's bulk. */
    static void bulk(String ori, Map<String, Integer> counts) {
        List<String> items = new ArrayList<>();
        List<String> board = new ArrayList<>();
        counts.forEach((category, n) -> {
            for (int i = 0; i < n; i++) {
                ("DECERTIFICATION".equals(category) ? board : items).add(submission(officerJson(ori.substring(0, 2), randomCert(), "F" + i, "L" + i, LocalDate.of(1975, 1, 1 + i % 28)),
                        category, FINAL_2026).replace("\"fairProcess\"", "\"reportingPeriod\":\"2026-Q3\",\"fairProcess\""));
            }
        });
        as(TestTokens.agencyUser(ori)).body("{\"clientKey\":\"stats-" + UUID.randomUUID() + "\",\"records\":[" + String.join(",", items) + "]}")
                .post("/api/v1/agencies/{ori}/records/bulk", ori).then().statusCode(201);
        if (!board.isEmpty()) {
            String state = ori.substring(0, 2);
            as(TestTokens.stateBoard(state)).body("{\"clientKey\":\"stats-" + ori + "\",\"records\":[" + String.join(",", board) + "]}")
                    .post("/api/v1/states/{state}/records/bulk", state).then().statusCode(201);
        }
    }

    static void collectCounts(JsonNode node, List<Long> out) {
        if (node.isNumber()) {
            out.add(node.asLong());
        } else if (node.isContainerNode()) {
            node.forEach(child -> collectCounts(child, out));
        }
    }

    @Test
    void aReleaseIsGatedByCoverageSuppressedSoNothingCanBeDerivedAndImmutable() throws Exception {
        String va = randomOri("VA");
        String md = randomOri("MD");
        String tx = randomOri("TX");
        String tribal = randomOri("VA");
        RecordsApi.registerAgency(va, AgencyType.LOCAL_MUNICIPAL);
        RecordsApi.registerAgency(md, AgencyType.COUNTY_SHERIFF);
        RecordsApi.registerAgency(tx, AgencyType.STATE);
        RecordsApi.registerAgency(tribal, AgencyType.TRIBAL);
        Set<String> everyAgency;
        try (TopicProbe registry = TopicProbe.of(Topics.AGENCY_REGISTRY)) {
            registry.await(r -> tribal.equals(r.key()), Duration.ofSeconds(30));
            // every agency the registry topic holds in this test run (poison records are not agencies)
            everyAgency = registry.all(r -> TopicProbe.header(r, "ce_specversion") != null, Duration.ofSeconds(1)).stream()
                    .map(r -> r.key()).collect(Collectors.toSet());
        }
        Db db = new Db(dataSource);
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count("select count(*) from agency") == everyAgency.size());

        bulk(va, Map.of("TERMINATION", 25, "DECERTIFICATION", 3, "CIVIL_JUDGMENT", 14));
        bulk(md, Map.of("TERMINATION", 12, "DECERTIFICATION", 15, "CIVIL_JUDGMENT", 20, "CRIMINAL_CONVICTION", 4));
        bulk(tx, Map.of("TERMINATION", 30, "DECERTIFICATION", 18, "CIVIL_JUDGMENT", 11, "RESIGNED_UNDER_INVESTIGATION", 2));

        // no report is in yet: publication is refused
        as(TestTokens.dojAdmin()).body("{\"year\":2026}").post("/api/v1/statistics/releases").then().statusCode(422)
                .body("type", equalTo("urn:safe-policing:problem:coverage-too-low"))
                // both coverage figures (issue 13 point 13): reports received and sworn officers covered
                .body("coverage", equalTo(0.0f)).body("required", equalTo(0.9f))
                .body("officerCoverage", equalTo(0.0f)).body("requiredOfficerCoverage", equalTo(0.9f));
        for (String ori : everyAgency) {
            boolean withRecords = ori.equals(va) || ori.equals(md) || ori.equals(tx);
            as(TestTokens.agencyUser(ori)).body("{\"period\":\"2026-Q3\",\"zeroReport\":" + !withRecords + "}")
                    .post("/api/v1/agencies/{ori}/reports", ori).then().statusCode(201);
        }

        String first = as(TestTokens.dojAdmin()).body("{\"year\":2026,\"title\":\"2026, first release\"}")
                .post("/api/v1/statistics/releases").then().statusCode(201)
                .body("coverage", equalTo(1.0f)).body("methodology", startsWith("Counts of misconduct records"))
                .body("officerCoverage", equalTo(1.0f)).body("kind", equalTo("ON_DEMAND")).body("status", equalTo("PUBLISHED"))
                .body("suppressedCells", hasItem("state-by-category/VA/DECERTIFICATION"))
                .extract().asString();
        JsonNode release = JSON.readTree(first);
        // de-certifications are attributed to their state and to the state POST board, never to a made-up agency
        assertTrue(first.contains("\"STATE_POST_BOARD\""), first);
        int version = release.get("version").asInt();

        // no count from 1 to 10 is shown; the unsuppressed totals are right
        List<Long> counts = new ArrayList<>();
        collectCounts(release.get("tables"), counts);
        assertTrue(counts.stream().noneMatch(v -> v >= 1 && v <= 10), "a small count is shown: " + counts);
        assertEquals(154, release.get("tables").get(0).get("grandTotal").asLong());
        // the attacker's equations recover nothing
        PublishedTables attack = new PublishedTables(release.get("tables"));
        assertFalse(attack.withheld.isEmpty());
        assertEquals(List.of(), attack.revealedByOneEquation());
        assertEquals(List.of(), attack.recoverable());

        // public, JSON and CSV, no login
        String json = given().get("/api/v1/statistics/releases/{v}", version).then().statusCode(200).extract().asString();
        assertEquals(release, JSON.readTree(json));
        String csv = given().get("/api/v1/statistics/releases/{v}/csv", version).then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        assertTrue(csv.startsWith("version,year,table,row,column,count,suppressed\r\n"));
        assertTrue(csv.contains(",state-by-category,VA,DECERTIFICATION,,true\r\n"), csv);
        for (String line : csv.split("\r\n")) {
            String[] cells = line.split(",", -1);
            if (!cells[5].isEmpty() && !"count".equals(cells[5])) {
                long v = Long.parseLong(cells[5]);
                assertFalse(v >= 1 && v <= 10, line);
            }
        }

        // a second release of the same year is a new version; the first does not change, even in the database
        as(TestTokens.dojAdmin()).body("{\"year\":2026}").post("/api/v1/statistics/releases").then().statusCode(201)
                .body("version", equalTo(version + 1));
        assertEquals(release, JSON.readTree(given().get("/api/v1/statistics/releases/{v}", version).then().extract().asString()));
        assertThrows(IllegalStateException.class, () -> db.execute("update public_release set title = 'changed'"));
        assertThrows(IllegalStateException.class, () -> db.execute("delete from public_release"));
        given().get("/api/v1/statistics/releases").then().statusCode(200).body("version", hasItem(version + 1));

        // issue 13, point 15: three more final records, then another version of 2026. An attacker who holds every
        // version of the year, assumes counts only grow and solves for non-negative integers recovers nothing
        bulk(md, Map.of("TERMINATION", 3));
        JsonNode later = JSON.readTree(as(TestTokens.dojAdmin()).body("{\"year\":2026,\"title\":\"2026, later\"}")
                .post("/api/v1/statistics/releases").then().statusCode(201).extract().asString());
        assertEquals(157, later.get("tables").get(0).get("grandTotal").asLong());
        List<JsonNode> versions = new ArrayList<>();
        for (JsonNode v : JSON.readTree(given().get("/api/v1/statistics/releases").then().statusCode(200).extract().asString())) {
            if (v.get("year").asInt() == 2026) {
                versions.add(v.get("tables"));
            }
        }
        assertEquals(3, versions.size());
        assertEquals(List.of(), new VersionsAttack(versions).recovered());
        PublishedTables laterAttack = new PublishedTables(later.get("tables"));
        assertEquals(List.of(), laterAttack.revealedByOneEquation());
        assertEquals(List.of(), laterAttack.recoverable());
        List<Long> laterCounts = new ArrayList<>();
        collectCounts(later.get("tables"), laterCounts);
        assertTrue(laterCounts.stream().noneMatch(v -> v >= 1 && v <= 10), "a small count is shown: " + laterCounts);

        try (TopicProbe probe = TopicProbe.of(Topics.RECORDS_PUBLIC_RELEASES)) {
            var event = probe.await(r -> release.get("releaseId").asText().equals(r.key()), Duration.ofSeconds(30));
            assertEquals(EventTypes.PUBLIC_RELEASE_PUBLISHED, TopicProbe.header(event, "ce_type"));
            JsonNode data = JSON.readTree(event.value());
            assertEquals(version, data.get("version").asInt());
            assertEquals(2026, data.get("year").asInt());
        }
    }

    @Test
    void refusals() {
        given().contentType("application/json").body("{\"year\":2026}").post("/api/v1/statistics/releases").then().statusCode(401);
        as(TestTokens.agencyUser(randomOri("VA"))).body("{\"year\":2026}").post("/api/v1/statistics/releases").then().statusCode(403);
        as(TestTokens.dojAdmin()).body("{\"year\":1999}").post("/api/v1/statistics/releases").then().statusCode(400);
        as(TestTokens.dojAdmin()).body("{\"year\":2025}").post("/api/v1/statistics/releases").then().statusCode(422)
                .body("type", equalTo("urn:safe-policing:problem:no-period-due"));
        given().get("/api/v1/statistics/releases/{v}", 9999).then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/statistics/releases/{v}", "abc").then().statusCode(400)
                .body("type", equalTo("urn:safe-policing:problem:bad-request")); // a version is a number
    }
}
