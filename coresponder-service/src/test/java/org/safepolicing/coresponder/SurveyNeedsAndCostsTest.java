package org.safepolicing.coresponder;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safepolicing.coresponder.CoresponderApi.activeProgram;
import static org.safepolicing.coresponder.CoresponderApi.randomOri;
import static org.safepolicing.coresponder.Encounters.submitBulk;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.testing.SuiteServers;

/**
 * The survey's need cells (Sec. 4(c)) on a fixed data set in Montana (MT, used by no other test), checked against
 * figures computed by hand (Wilson 95% as in {@link SurveyHandComputationTest}). Encounters per program, year and
 * need (MH mental health, H homelessness, SU substance use; NONE: welfare check and other only), as
 * (encounters, diverted, arrests, force, follow-up):
 * <pre>
 * P1 MOBILE_CRISIS_TEAM (agency A): 2025 MH 30 (27, 1, 0, 20); 2025 MH+SU 20 (16, 2, 1, 10); 2025 H 10 (9, 0, 0, 5);
 *                                   2026 MH 15 (15, 0, 0, 5)                     → 75 encounters, 67 diverted
 * P2 CO_RESPONDER_RIDE_ALONG (A):   2025 SU 20 (6, 10, 4, 4); 2025 NONE 20 (10, 5, 2, 6) → 40, 16 diverted
 * P3 TELEHEALTH (agency B):         2025 MH+H+SU 10 (10, 0, 0, 10)
 * P4 COMMUNITY_RESPONDER (B):       2025 H+SU 40 (38, 0, 0, 30)
 * pooled: 165 encounters, 131 diverted (0.7939), 18 arrests (0.1091), 7 force (0.0424), 90 follow-up (0.5455)
 * need cells (every model):
 *   MENTAL_HEALTH 45: diversion 42/45 = 0.9333 [0.8214, 0.9771]; arrest 1/45 [0.0039, 0.1157]; force 0/45 [0, 0.0787];
 *                     follow-up 25/45 = 0.5556 [0.4118, 0.6906]
 *   HOMELESSNESS 10: diversion 9/10 = 0.9 [0.5958, 0.9821], fewer than 30: flagged
 *   SUBSTANCE_USE 20: diversion 6/20 = 0.3 [0.1455, 0.519]; arrest 10/20 = 0.5 [0.2993, 0.7007]; flagged
 *   MENTAL_HEALTH+HOMELESSNESS: none
 *   MENTAL_HEALTH+SUBSTANCE_USE 20: diversion 16/20 = 0.8 [0.584, 0.9193]
 *   HOMELESSNESS+SUBSTANCE_USE 40: diversion 38/40 = 0.95 [0.835, 0.9862], arrest 0/40 [0, 0.0876]
 *   MENTAL_HEALTH+HOMELESSNESS+SUBSTANCE_USE 10: diversion 10/10 [0.7225, 1]
 *   NONE 20: diversion 10/20 = 0.5 [0.2993, 0.7007]; arrest 5/20 = 0.25 [0.1119, 0.4687]
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "coresponder"))
class SurveyNeedsAndCostsTest {

    static final String STATE = "MT";
    private static final double EXACT = 1e-9;
    private static boolean seeded;
    static String agencyA;
    static String agencyB;
    static String mct;
    static String cra;
    static String tele;
    static String community;

    /** {@code cells} as (year, reasons, encounters, diverted, arrests, force, follow-up). */
    static String encounters(Object[]... cells) {
        List<String> all = new ArrayList<>();
        for (Object[] c : cells) {
            int year = (int) c[0];
            String reasons = (String) c[1];
            int n = (int) c[2];
            int diverted = (int) c[3];
            int arrests = (int) c[4];
            int force = (int) c[5];
            int follow = (int) c[6];
            for (int i = 0; i < n; i++) {
                String outcome = i < diverted ? (i % 2 == 0 ? "RESOLVED_ON_SCENE" : "REFERRED_TO_SERVICES")
                        : i < diverted + arrests ? "ARREST" : "VOLUNTARY_TRANSPORT";
                boolean forceUsed = i >= diverted && i < diverted + force;
                all.add("""
                        {"occurredAt":"%d-06-%02dT12:00:00Z","reasons":[%s],"clinicianOnScene":true,"responseMinutes":12,\
                        "outcome":"%s","forceUsed":%s,"injuries":[],"followUp":%s}"""
                        .formatted(year, 1 + i % 28, reasons, outcome, forceUsed, i < follow));
            }
        }
        return Encounters.bulk(all.toArray(String[]::new));
    }

    static synchronized void fixedDataSet() {
        if (seeded) {
            return;
        }
        seeded = true;
        agencyA = randomOri(STATE);
        agencyB = randomOri(STATE);
        mct = activeProgram(agencyA, "MOBILE_CRISIS_TEAM");
        cra = activeProgram(agencyA, "CO_RESPONDER_RIDE_ALONG");
        tele = activeProgram(agencyB, "TELEHEALTH");
        community = activeProgram(agencyB, "COMMUNITY_RESPONDER");
        submitBulk(agencyA, mct, encounters(
                new Object[] {2025, "\"MENTAL_HEALTH\"", 30, 27, 1, 0, 20},
                new Object[] {2025, "\"SUBSTANCE_USE\",\"MENTAL_HEALTH\"", 20, 16, 2, 1, 10})).then().statusCode(200);
        submitBulk(agencyA, mct, encounters(
                new Object[] {2025, "\"HOMELESSNESS\",\"OTHER\"", 10, 9, 0, 0, 5},
                new Object[] {2026, "\"MENTAL_HEALTH\",\"WELFARE_CHECK\"", 15, 15, 0, 0, 5})).then().statusCode(200);
        submitBulk(agencyA, cra, encounters(
                new Object[] {2025, "\"SUBSTANCE_USE\"", 20, 6, 10, 4, 4},
                new Object[] {2025, "\"WELFARE_CHECK\",\"OTHER\"", 20, 10, 5, 2, 6})).then().statusCode(200);
        submitBulk(agencyB, tele, encounters(
                new Object[] {2025, "\"SUBSTANCE_USE\",\"HOMELESSNESS\",\"MENTAL_HEALTH\"", 10, 10, 0, 0, 10})).then().statusCode(200);
        submitBulk(agencyB, community, encounters(
                new Object[] {2025, "\"HOMELESSNESS\",\"SUBSTANCE_USE\"", 40, 38, 0, 0, 30})).then().statusCode(200);
    }

    static JsonNode survey(String query) throws Exception {
        fixedDataSet();
        return new ObjectMapper().readTree(given().get("/api/v1/survey" + query).then().statusCode(200).extract().asString());
    }

    static void rate(JsonNode rate, long count, long of, Double value, Double lower, Double upper, boolean sufficient) {
        assertEquals(count, rate.get("count").asLong());
        assertEquals(of, rate.get("of").asLong());
        if (value == null) {
            assertTrue(rate.get("value").isNull());
            return;
        }
        assertEquals(value, rate.get("value").asDouble(), EXACT);
        assertEquals(lower, rate.get("lower").asDouble(), EXACT);
        assertEquals(upper, rate.get("upper").asDouble(), EXACT);
        assertEquals(sufficient, rate.get("sufficient").asBoolean());
    }

    static JsonNode need(JsonNode survey, String need) {
        for (JsonNode n : survey.get("byNeed")) {
            if (n.get("need").asText().equals(need)) {
                return n.get("metrics");
            }
        }
        throw new AssertionError("no need cell " + need);
    }

    @Test
    void theNeedCellsMatchTheHandComputation() throws Exception {
        JsonNode s = survey("?state=" + STATE);
        assertEquals(165, s.at("/pooled/encounters").asLong());
        assertEquals(0.7939, s.at("/pooled/diversionRate").asDouble(), EXACT);

        List<String> cells = new ArrayList<>();
        long sum = 0;
        for (JsonNode n : s.get("byNeed")) {
            cells.add(n.get("need").asText());
            sum += n.at("/metrics/encounters").asLong();
        }
        assertEquals(List.of("MENTAL_HEALTH", "HOMELESSNESS", "SUBSTANCE_USE", "MENTAL_HEALTH+HOMELESSNESS",
                "MENTAL_HEALTH+SUBSTANCE_USE", "HOMELESSNESS+SUBSTANCE_USE", "MENTAL_HEALTH+HOMELESSNESS+SUBSTANCE_USE", "NONE"),
                cells, "all eight cells, in order");
        assertEquals(165, sum, "every encounter is in exactly one cell");

        JsonNode mh = need(s, "MENTAL_HEALTH");
        assertEquals(1, mh.get("programs").asLong());
        assertEquals(45, mh.get("encounters").asLong());
        rate(mh.get("diversion"), 42, 45, 0.9333, 0.8214, 0.9771, true);
        rate(mh.get("arrest"), 1, 45, 0.0222, 0.0039, 0.1157, true);
        rate(mh.get("force"), 0, 45, 0.0, 0.0, 0.0787, true);
        rate(mh.get("followUp"), 25, 45, 0.5556, 0.4118, 0.6906, true);
        assertEquals(0, mh.get("flagged").size());

        JsonNode h = need(s, "HOMELESSNESS");
        rate(h.get("diversion"), 9, 10, 0.9, 0.5958, 0.9821, false);
        assertEquals(List.of("diversion", "arrest", "force", "followUp"),
                new ObjectMapper().convertValue(h.get("flagged"), List.class));
        JsonNode su = need(s, "SUBSTANCE_USE");
        rate(su.get("diversion"), 6, 20, 0.3, 0.1455, 0.519, false);
        rate(su.get("arrest"), 10, 20, 0.5, 0.2993, 0.7007, false);
        JsonNode mhh = need(s, "MENTAL_HEALTH+HOMELESSNESS");
        assertEquals(0, mhh.get("encounters").asLong());
        rate(mhh.get("diversion"), 0, 0, null, null, null, false);
        rate(need(s, "MENTAL_HEALTH+SUBSTANCE_USE").get("diversion"), 16, 20, 0.8, 0.584, 0.9193, false);
        JsonNode hsu = need(s, "HOMELESSNESS+SUBSTANCE_USE");
        rate(hsu.get("diversion"), 38, 40, 0.95, 0.835, 0.9862, true);
        rate(hsu.get("arrest"), 0, 40, 0.0, 0.0, 0.0876, true);
        rate(need(s, "MENTAL_HEALTH+HOMELESSNESS+SUBSTANCE_USE").get("diversion"), 10, 10, 1.0, 0.7225, 1.0, false);
        JsonNode none = need(s, "NONE");
        rate(none.get("diversion"), 10, 20, 0.5, 0.2993, 0.7007, false);
        rate(none.get("arrest"), 5, 20, 0.25, 0.1119, 0.4687, false);

        // each model within each cell it has: MCT in MH, MH+SU, H; CRA in SU, NONE; TELEHEALTH in all three; COMMUNITY in H+SU
        JsonNode byModel = s.get("byModelAndNeed");
        assertEquals(7, byModel.size());
        assertEquals("MENTAL_HEALTH", byModel.at("/0/need").asText());
        assertEquals("MOBILE_CRISIS_TEAM", byModel.at("/0/model").asText());
        rate(byModel.at("/0/metrics/diversion"), 42, 45, 0.9333, 0.8214, 0.9771, true);
        assertEquals("NONE", byModel.at("/6/need").asText());
        assertEquals("CO_RESPONDER_RIDE_ALONG", byModel.at("/6/model").asText());
        assertTrue(s.at("/method/needs").asText().contains("exactly one"));
    }

    @Test
    void theNeedCellsAreInTheCsvAndTheHtml() {
        fixedDataSet();
        String csv = given().get("/api/v1/survey.csv?state=" + STATE).then().statusCode(200).extract().asString();
        assertTrue(csv.contains("\r\nNEED,MENTAL_HEALTH,ALL,,,,1,45,0.9333,0.8214,0.9771,"), csv);
        assertTrue(csv.contains("\r\nNEED,HOMELESSNESS+SUBSTANCE_USE,COMMUNITY_RESPONDER,,,,1,40,0.95,0.835,0.9862,"), csv);
        given().get("/api/v1/survey.html?state=" + STATE).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("By need (mental health, homelessness, addiction)"))
                .body(org.hamcrest.Matchers.containsString("<td>MENTAL_HEALTH+SUBSTANCE_USE</td><td>all models</td><td>1</td><td>20</td>"));
    }
}
