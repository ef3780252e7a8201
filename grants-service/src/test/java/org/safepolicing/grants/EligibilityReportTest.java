package org.safepolicing.grants;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.contracts.events.AgencySnapshot;
import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.contracts.events.ProgramStatus;
import org.safepolicing.testing.SuiteServers;

/** Eligible and ineligible agencies per program, with the failing rules, as JSON and as formula-safe CSV. */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "grants"))
class EligibilityReportTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void reportListsWhoIsEligibleAndWhyTheOthersAreNot() {
        GrantsDatabase db = new GrantsDatabase(dataSource);
        UUID programId = GrantsApi.program("1000.00", ",\"rules\":[\"CORESPONDER_PROGRAM\",\"SEC_2B_CREDENTIAL\"]");
        String eligible = guamOri();
        String ineligible = guamOri();
        GrantsApi.eligibleAgency(db, eligible, Instant.now());
        db.awaitProcessed(Upstream.coResponderProgram(UUID.randomUUID(), eligible, ProgramStatus.ACTIVE, Instant.now()));
        // a name a spreadsheet would run as a formula
        AgencySnapshot snapshot = new AgencySnapshot(ineligible, "=HYPERLINK(\"http://x\")", AgencyType.TERRITORIAL, "GU",
                null, 12, 1000L, "RURAL", true, 1, Instant.now());
        db.awaitProcessed(Upstream.send(Topics.AGENCY_REGISTRY, ineligible, EventTypes.AGENCY_REGISTERED,
                Upstream.json(snapshot), Upstream.nextSequence(), Instant.now()));

        JsonPath yes = report(programId, "true");
        assertTrue(yes.getInt("eligibleAgencies") >= 1);
        assertTrue(rows(yes).stream().anyMatch(r -> eligible.equals(r.get("ori"))));
        assertTrue(rows(yes).stream().noneMatch(r -> ineligible.equals(r.get("ori"))));

        JsonPath no = report(programId, "false");
        Map<String, Object> row = rows(no).stream().filter(r -> ineligible.equals(r.get("ori"))).findFirst().orElseThrow();
        assertEquals(false, row.get("eligible"));
        assertEquals("TERRITORIAL", row.get("agencyType"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> failing = (List<Map<String, Object>>) row.get("failingRules");
        assertEquals(List.of("CORESPONDER_PROGRAM", "SEC_3D_REPORTING"), failing.stream().map(f -> f.get("rule")).toList());
        assertEquals("no co-responder program reported", failing.get(0).get("reason"));

        String csv = given().auth().oauth2(GrantsApi.admin()).accept("text/csv")
                .when().get("/api/v1/grant-programs/{id}/eligibility-report", programId)
                .then().statusCode(200).contentType("text/csv").extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals("ori,name,agency_type,eligible,failing_rules,reasons", lines[0]);
        String ineligibleLine = List.of(lines).stream().filter(l -> l.startsWith(ineligible)).findFirst().orElseThrow();
        assertEquals(ineligible + ",\"'=HYPERLINK(\"\"http://x\"\")\",TERRITORIAL,false,CORESPONDER_PROGRAM; SEC_3D_REPORTING,"
                + "no co-responder program reported; no reporting standing received yet", ineligibleLine);
        String eligibleLine = List.of(lines).stream().filter(l -> l.startsWith(eligible)).findFirst().orElseThrow();
        assertTrue(eligibleLine.endsWith(",true,,"), eligibleLine);
        assertFalse(csv.contains(",=HYPERLINK"));
    }

    private static String guamOri() {
        return "GU" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    private static JsonPath report(UUID programId, String eligible) {
        // ORI order: the GU agencies sit after most test agencies; read every page
        JsonPath first = page(programId, eligible, 0);
        int total = first.getInt("agencies.total");
        List<Map<String, Object>> all = new java.util.ArrayList<>(first.getList("agencies.items"));
        for (int p = 1; p * 500 < total; p++) {
            all.addAll(page(programId, eligible, p).getList("agencies.items"));
        }
        assertEquals(total, all.size());
        return new JsonPath(Upstream.json(Map.of("eligibleAgencies", first.getInt("eligibleAgencies"), "items", all)));
    }

    private static JsonPath page(UUID programId, String eligible, int page) {
        return given().auth().oauth2(GrantsApi.officer()).queryParam("eligible", eligible).queryParam("size", 500)
                .queryParam("page", page)
                .when().get("/api/v1/grant-programs/{id}/eligibility-report", programId)
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    private static List<Map<String, Object>> rows(JsonPath report) {
        return report.getList("items");
    }
}
