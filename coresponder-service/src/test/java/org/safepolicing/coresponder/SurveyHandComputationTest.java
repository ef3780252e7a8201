package org.safepolicing.coresponder;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safepolicing.coresponder.CoresponderApi.EVENT_WAIT;
import static org.safepolicing.coresponder.CoresponderApi.activeProgram;
import static org.safepolicing.coresponder.CoresponderApi.program;
import static org.safepolicing.coresponder.CoresponderApi.randomOri;
import static org.safepolicing.coresponder.Encounters.encounter;
import static org.safepolicing.coresponder.Encounters.submitBulk;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.testing.SuiteServers;

/**
 * The survey on a small fixed data set in Wyoming (WY, used by no other test), checked against figures computed by
 * hand. Wilson 95% interval of k/n, z = 1.959964, z² = 3.841459:
 * center = (p + z²/2n) / (1 + z²/n), half = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n).
 * <pre>
 * MOBILE_CRISIS_TEAM: programs P1 (agency A, 40 encounters) + P2 (agency B, 10) = 50 encounters
 *   diversion 43/50 = 0.86: 1 + z²/50 = 1.076829; center = (0.86 + 0.038415) / 1.076829 = 0.834316;
 *     half = 1.959964 · √(0.002408 + 0.000384) / 1.076829 = 0.096178 → [0.7381, 0.9305]
 *   arrest 3/50 = 0.06 → [0.0206, 0.1622]; force 2/50 = 0.04 → [0.0110, 0.1346]; follow-up 35/50 = 0.70 → [0.5625, 0.8090]
 *   response minutes: 20 × 10, 20 × 20, 5 × 30 (n = 45; 5 not recorded): median = 23rd = 20;
 *     1.959964·√45/2 = 6.5739 → ranks ⌊22.5 − 6.5739⌋ = 15 (= 10) and ⌈23.5 + 6.5739⌉ = 31 (= 20)
 * CO_RESPONDER_RIDE_ALONG: P3 (agency B), 40 encounters
 *   diversion 20/40 = 0.5 → [0.3520, 0.6480]; arrest 12/40 = 0.3 → [0.1807, 0.4543]; force 6/40 = 0.15 → [0.0706, 0.2907];
 *   follow-up 10/40 = 0.25 → [0.1419, 0.4019]; minutes 10 × 15, 30 × 25: median = (20th + 21st)/2 = 25;
 *     1.959964·√40/2 = 6.1980 → ranks 13 (= 25) and 28 (= 25)
 * TELEHEALTH: P4 (agency A), 5 encounters, all resolved on scene, 5 minutes: fewer than 30, flagged, not ranked
 * pooled: 95 encounters; diversion 68/95 = 0.7158, arrest 15/95 = 0.1579, force 8/95 = 0.0842
 * rules: MCT diversion lower 0.7381 > 0.7158, arrest lower 0.0206 and force lower 0.0110 not above their pools → R2 EXPAND;
 *        CRA diversion upper 0.6480 < 0.7158 → R3 REVIEW; TELEHEALTH 5 < 30 → R1 EVALUATE.
 * ranking by diversion lower bound: MCT (0.7381) 1, CRA (0.3520) 2.
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "coresponder"))
class SurveyHandComputationTest {

    private static final double EXACT = 1e-9;

    private static boolean seeded;

    /** Loaded once for the class, on first use (the application must be up to take requests). */
    private static synchronized void fixedDataSet() {
        if (seeded) {
            return;
        }
        seeded = true;
        String a = randomOri("WY");
        String b = randomOri("WY");
        Registry.agency(a, AgencyType.LOCAL_MUNICIPAL, 120, 60_000L);
        Registry.agency(b, AgencyType.COUNTY_SHERIFF, 80, 40_000L);
        await().atMost(EVENT_WAIT).until(() -> TrainingCoverageTest.sworn(a) == 120 && TrainingCoverageTest.sworn(b) == 80);

        List<String> p1 = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String outcome = i < 28 ? "RESOLVED_ON_SCENE" : i < 36 ? "REFERRED_TO_SERVICES" : i < 38 ? "ARREST" : "INVOLUNTARY_HOLD";
            p1.add(encounter(outcome, i % 2 == 0 ? 10 : 20, i == 36, i < 30));
        }
        List<String> p2 = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String outcome = i < 6 ? "RESOLVED_ON_SCENE" : i == 6 ? "REFERRED_TO_SERVICES" : i == 7 ? "ARREST" : "NO_CONTACT";
            p2.add(encounter(outcome, i < 5 ? 30 : null, i == 7, i < 5));
        }
        List<String> p3 = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String outcome = i < 12 ? "RESOLVED_ON_SCENE" : i < 20 ? "REFERRED_TO_SERVICES" : i < 32 ? "ARREST"
                    : i < 36 ? "INVOLUNTARY_HOLD" : "VOLUNTARY_TRANSPORT";
            p3.add(encounter(outcome, i < 10 ? 15 : 25, i >= 20 && i < 26, i < 10));
        }
        List<String> p4 = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            p4.add(encounter("RESOLVED_ON_SCENE", 5, false, true));
        }
        // P1 in two batches: the running totals must add up
        String programOne = activeProgram(a, "MOBILE_CRISIS_TEAM");
        submitBulk(a, programOne, Encounters.bulk(p1.subList(0, 25).toArray(String[]::new))).then().statusCode(200);
        submitBulk(a, programOne, Encounters.bulk(p1.subList(25, 40).toArray(String[]::new))).then().statusCode(200);
        submitBulk(b, activeProgram(b, "MOBILE_CRISIS_TEAM"), Encounters.bulk(p2.toArray(String[]::new))).then().statusCode(200);
        submitBulk(b, activeProgram(b, "CO_RESPONDER_RIDE_ALONG"), Encounters.bulk(p3.toArray(String[]::new))).then().statusCode(200);
        String telehealth = activeProgram(a, "TELEHEALTH");
        for (String e : p4) {
            CoresponderApi.as(org.safepolicing.testing.TestTokens.agencyUser(a)).body(e)
                    .post("/api/v1/agencies/{ori}/programs/{id}/encounters", a, telehealth).then().statusCode(201);
        }
        program(a, "MOBILE_CRISIS_TEAM"); // PLANNED: not counted
    }

    private static JsonNode survey(String query) throws Exception {
        fixedDataSet();
        String body = given().get("/api/v1/survey" + query).then().statusCode(200).contentType("application/json")
                .extract().asString();
        return new ObjectMapper().readTree(body);
    }

    private static void rate(JsonNode rate, long count, long of, double value, double lower, double upper, boolean sufficient) {
        assertEquals(count, rate.get("count").asLong());
        assertEquals(of, rate.get("of").asLong());
        assertEquals(value, rate.get("value").asDouble(), EXACT);
        assertEquals(lower, rate.get("lower").asDouble(), EXACT);
        assertEquals(upper, rate.get("upper").asDouble(), EXACT);
        assertEquals(sufficient, rate.get("sufficient").asBoolean());
    }

    private static void median(JsonNode median, long of, double value, double lower, double upper) {
        assertEquals(of, median.get("of").asLong());
        assertEquals(value, median.get("value").asDouble(), EXACT);
        assertEquals(lower, median.get("lower").asDouble(), EXACT);
        assertEquals(upper, median.get("upper").asDouble(), EXACT);
    }

    @Test
    void theSurveyMatchesTheHandComputation() throws Exception {
        JsonNode s = survey("?state=WY");
        JsonNode pooled = s.get("pooled");
        assertEquals(4, pooled.get("programs").asLong());
        assertEquals(95, pooled.get("encounters").asLong());
        assertEquals(0.7158, pooled.get("diversionRate").asDouble(), EXACT);
        assertEquals(0.1579, pooled.get("arrestRate").asDouble(), EXACT);
        assertEquals(0.0842, pooled.get("forceRate").asDouble(), EXACT);
        assertEquals(0.5263, pooled.get("followUpRate").asDouble(), EXACT);

        JsonNode models = s.get("models");
        assertEquals(6, models.size(), "every model is reported");
        JsonNode mct = models.get(0);
        assertEquals("MOBILE_CRISIS_TEAM", mct.get("model").asText());
        assertEquals(1, mct.get("rank").asInt());
        assertEquals(2, mct.at("/metrics/programs").asLong());
        assertEquals(50, mct.at("/metrics/encounters").asLong());
        rate(mct.at("/metrics/diversion"), 43, 50, 0.86, 0.7381, 0.9305, true);
        rate(mct.at("/metrics/arrest"), 3, 50, 0.06, 0.0206, 0.1622, true);
        rate(mct.at("/metrics/force"), 2, 50, 0.04, 0.0110, 0.1346, true);
        rate(mct.at("/metrics/followUp"), 35, 50, 0.70, 0.5625, 0.8090, true);
        median(mct.at("/metrics/medianResponseMinutes"), 45, 20, 10, 20);
        assertEquals(0, mct.at("/metrics/flagged").size());
        assertEquals("EXPAND", mct.at("/recommendation/action").asText());
        assertEquals("R2-EXPAND", mct.at("/recommendation/rule").asText());

        JsonNode cra = models.get(1);
        assertEquals("CO_RESPONDER_RIDE_ALONG", cra.get("model").asText());
        assertEquals(2, cra.get("rank").asInt());
        rate(cra.at("/metrics/diversion"), 20, 40, 0.5, 0.3520, 0.6480, true);
        rate(cra.at("/metrics/arrest"), 12, 40, 0.3, 0.1807, 0.4543, true);
        rate(cra.at("/metrics/force"), 6, 40, 0.15, 0.0706, 0.2907, true);
        rate(cra.at("/metrics/followUp"), 10, 40, 0.25, 0.1419, 0.4019, true);
        median(cra.at("/metrics/medianResponseMinutes"), 40, 25, 25, 25);
        assertEquals("REVIEW", cra.at("/recommendation/action").asText());
        assertEquals("R3-REVIEW", cra.at("/recommendation/rule").asText());

        // the unranked follow, most encounters first, then by name; models without programs in scope have no figures
        // and call for an evaluation
        JsonNode none = models.get(3);
        assertEquals("COMMUNITY_RESPONDER", none.get("model").asText());
        assertTrue(none.get("rank").isNull());
        assertEquals(0, none.at("/metrics/programs").asLong());
        assertEquals(0, none.at("/metrics/encounters").asLong());
        assertTrue(none.at("/metrics/diversion/value").isNull());
        assertEquals("R1-EVIDENCE", none.at("/recommendation/rule").asText());
        assertEquals("CO_RESPONDER_FOLLOW_UP", models.get(4).get("model").asText());
        assertEquals("CRISIS_INTERVENTION_TEAM", models.get(5).get("model").asText());
        JsonNode tele = models.get(2);
        assertEquals("TELEHEALTH", tele.get("model").asText());
        assertTrue(tele.get("rank").isNull(), "too few encounters: not ranked");
        rate(tele.at("/metrics/diversion"), 5, 5, 1.0, 0.5655, 1.0, false);
        median(tele.at("/metrics/medianResponseMinutes"), 5, 5, 5, 5);
        assertEquals(List.of("diversion", "arrest", "force", "followUp", "medianResponseMinutes"),
                new ObjectMapper().convertValue(tele.at("/metrics/flagged"), List.class));
        assertEquals("EVALUATE", tele.at("/recommendation/action").asText());
        assertEquals("R1-EVIDENCE", tele.at("/recommendation/rule").asText());

        assertEquals(30, s.at("/method/minimumEncounters").asInt());
        assertEquals(4, s.at("/method/rules").size());
        assertEquals(3, s.get("byState").size(), "WY × three models");
        assertEquals("WY", s.at("/byState/0/group").asText());
        // every encounter of the data set has the reason MENTAL_HEALTH alone: the cell is the pooled figures
        assertEquals("MENTAL_HEALTH", s.at("/byNeed/0/need").asText());
        assertEquals(95, s.at("/byNeed/0/metrics/encounters").asLong());
        rate(s.at("/byNeed/0/metrics/diversion"), 68, 95, 0.7158, 0.6181, 0.7967, true);
        assertEquals(0, s.at("/byNeed/7/metrics/encounters").asLong());
    }

    @Test
    void breakdownsByAgencyTypeFlagSmallGroups() throws Exception {
        JsonNode s = survey("?state=WY");
        JsonNode byType = s.get("byAgencyType");
        // COUNTY_SHERIFF: CRA (P3, 40), MCT (P2, 10); LOCAL_MUNICIPAL: MCT (P1, 40), TELEHEALTH (P4, 5)
        assertEquals(4, byType.size());
        JsonNode sheriffMct = null;
        JsonNode municipalMct = null;
        for (JsonNode g : byType) {
            if (g.get("model").asText().equals("MOBILE_CRISIS_TEAM")) {
                if (g.get("group").asText().equals("COUNTY_SHERIFF")) {
                    sheriffMct = g;
                } else if (g.get("group").asText().equals("LOCAL_MUNICIPAL")) {
                    municipalMct = g;
                }
            }
        }
        rate(sheriffMct.at("/metrics/diversion"), 7, 10, 0.7, 0.3968, 0.8922, false);
        assertEquals(5, sheriffMct.at("/metrics/flagged").size());
        rate(municipalMct.at("/metrics/diversion"), 36, 40, 0.9, 0.7695, 0.9604, true);
        median(municipalMct.at("/metrics/medianResponseMinutes"), 40, 15, 10, 20);

        // filtered to county sheriffs: MCT has 10 encounters, so only CRA is ranked
        JsonNode sheriffs = survey("?state=WY&agencyType=COUNTY_SHERIFF");
        assertEquals(50, sheriffs.at("/pooled/encounters").asLong());
        assertEquals("CO_RESPONDER_RIDE_ALONG", sheriffs.at("/models/0/model").asText());
        assertEquals(1, sheriffs.at("/models/0/rank").asInt());
        assertEquals("MOBILE_CRISIS_TEAM", sheriffs.at("/models/1/model").asText());
        assertTrue(sheriffs.at("/models/1/rank").isNull());
    }

    @Test
    void theReportIsPublishedAsCsvAndHtml() {
        fixedDataSet();
        String csv = given().get("/api/v1/survey.csv?state=WY").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertTrue(lines[0].startsWith("breakdown,group,model,rank,recommendation,rule,programs,encounters,diversion_rate"));
        assertEquals("MODEL,ALL,MOBILE_CRISIS_TEAM,1,EXPAND,R2-EXPAND,2,50,0.86,0.7381,0.9305,0.06,0.0206,0.1622,0.04,0.011,0.1346,"
                + "0.7,0.5625,0.809,20.0,10.0,20.0,45,", lines[1]);
        assertTrue(lines[3].startsWith("MODEL,ALL,TELEHEALTH,,EVALUATE,R1-EVIDENCE,1,5,1.0,0.5655,1.0,"), lines[3]);
        assertTrue(lines[3].endsWith(",diversion arrest force followUp medianResponseMinutes"), lines[3]);
        assertEquals("MODEL,ALL,COMMUNITY_RESPONDER,,EVALUATE,R1-EVIDENCE,0,0,,,,,,,,,,,,,,,,0,"
                + "diversion arrest force followUp medianResponseMinutes", lines[4]);
        assertEquals(1 + 6 + 3 + 4 + 8 + 3 + 3, lines.length,
                "header, 6 models, 3 by state, 4 by agency type, 8 need cells, 3 models in the MENTAL_HEALTH cell, "
                        + "3 models police-attached (no community-led programs in WY)");
        assertTrue(lines[lines.length - 1].startsWith("LEADERSHIP,POLICE_ATTACHED,"), lines[lines.length - 1]);
        assertEquals("NEED,MENTAL_HEALTH,ALL,,,,4,95,0.7158,0.6181,0.7967,0.1579,0.0981,0.2443,0.0842,0.0433,0.1575,"
                + "0.5263,0.4269,0.6237,,,,,", lines[14]);
        assertEquals("NEED,HOMELESSNESS,ALL,,,,0,0,,,,,,,,,,,,,,,,,diversion arrest force followUp", lines[15]);

        given().get("/api/v1/survey.html?state=WY").then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("<h2>Models, ranked</h2>"))
                .body(containsString("<strong>MOBILE_CRISIS_TEAM</strong>: EXPAND (rule R2-EXPAND)"))
                .body(containsString("<strong>TELEHEALTH</strong>: EVALUATE (rule R1-EVIDENCE)"))
                .body(containsString("The rules behind them"))
                .body(containsString("Wilson score interval"))
                .body(containsString("86.0% (73.8%–93.1%)"));
    }

    @Test
    void badFiltersAre400() {
        given().get("/api/v1/survey?state=Wyoming").then().statusCode(400).contentType("application/problem+json");
        given().get("/api/v1/survey?agencyType=SPACE_FORCE").then().statusCode(400).contentType("application/problem+json");
    }
}
