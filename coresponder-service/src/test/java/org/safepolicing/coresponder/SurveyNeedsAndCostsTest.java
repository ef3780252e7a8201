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
import jakarta.inject.Inject;

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
        cost(agencyA, mct, 2025, 550_000, "LOCAL_GENERAL_FUND").then().statusCode(200);
        cost(agencyA, mct, 2025, 600_000, "LOCAL_GENERAL_FUND").then().statusCode(200); // a correction replaces
        cost(agencyA, cra, 2025, 400_000, "FEDERAL_GRANT").then().statusCode(200);
        cost(agencyB, tele, 2025, 50_000, "MEDICAID").then().statusCode(200);
        cost(agencyB, community, 2025, 300_000, "STATE_APPROPRIATION").then().statusCode(200);
    }

    static io.restassured.response.Response cost(String ori, String program, Object year, long budget, String source) {
        return CoresponderApi.as(org.safepolicing.testing.TestTokens.agencyUser(ori))
                .body("{\"annualBudgetUsd\":" + budget + ",\"fundingSource\":\"" + source + "\"}")
                .put("/api/v1/agencies/{ori}/programs/{id}/costs/{year}", ori, program, year);
    }

    static JsonNode byModel(JsonNode list, String model) {
        for (JsonNode n : list) {
            if (n.get("model").asText().equals(model)) {
                return n;
            }
        }
        throw new AssertionError("no " + model + " in " + list);
    }

    /**
     * Costs for 2025 (P1's 15 encounters of 2026 are not in them; P1's first report of 550,000 was corrected to 600,000):
     * <pre>
     * MCT  $600,000 / 60 encounters = $10,000.00; 52 diverted: $11,538.46; diversion 52/60 [0.7583, 0.9309]
     *      → interval 600,000 / (60 × 0.9309) = $10,742.29 to 600,000 / (60 × 0.7583) = $13,187.39
     * CRA  $400,000 / 40 = $10,000.00; 16 diverted: $25,000.00 [0.2635, 0.554] → $18,050.54 to $37,950.66
     * TELE $50,000 / 10 = $5,000.00; 10 diverted: $5,000.00 [0.7225, 1] → $5,000.00 to $6,920.42; fewer than 30
     * COMM $300,000 / 40 = $7,500.00; 38 diverted: $7,894.74 [0.835, 0.9862] → $7,604.95 to $8,982.04
     * Rules over every encounter: pooled diversion 0.7939; COMM 38/40 lower 0.835 and MCT 67/75 lower 0.8034 above it,
     * arrest and force lower bounds not above 0.1091 / 0.0424 → R2 EXPAND (ranks 1, 2); CRA 16/40 upper 0.554 below →
     * R3 REVIEW (rank 3); TELEHEALTH 10 → R1, not ranked, never recommended.
     * Funding: pool = 25% × $400,000 (CRA) = $100,000; weights MCT 60 × 0.7583 / 600,000 = 7.583e-5,
     * COMM 40 × 0.835 / 300,000 = 1.11333e-4; shares MCT 40,515.41 → 40,515, COMM 59,484.59 → 59,484 + the dollar left
     * (largest remainder) = 59,485. Additional: MCT 25% × 600,000 − 40,515 = 109,485; COMM 75,000 − 59,485 = 15,515.
     * </pre>
     */
    @Test
    void costsAndFundingMatchTheHandComputation() throws Exception {
        JsonNode s = survey("?state=" + STATE + "&year=2025");
        assertEquals(2025, s.at("/costs/year").asInt());
        JsonNode m = byModel(s.at("/costs/models"), "MOBILE_CRISIS_TEAM");
        assertEquals(1, m.get("programsWithCost").asLong());
        assertEquals(600_000, m.get("budgetUsd").asLong());
        assertEquals(60, m.get("encounters").asLong());
        rate(m.get("diversion"), 52, 60, 0.8667, 0.7583, 0.9309, true);
        assertEquals(10_000.0, m.get("costPerEncounterUsd").asDouble(), EXACT);
        assertEquals(11_538.46, m.get("costPerDivertedArrestUsd").asDouble(), EXACT);
        assertEquals(10_742.29, m.get("costPerDivertedArrestLowerUsd").asDouble(), EXACT);
        assertEquals(13_187.39, m.get("costPerDivertedArrestUpperUsd").asDouble(), EXACT);
        assertTrue(m.get("sufficient").asBoolean());
        assertEquals(600_000, m.at("/budgetByFundingSource/LOCAL_GENERAL_FUND").asLong());
        JsonNode c = byModel(s.at("/costs/models"), "CO_RESPONDER_RIDE_ALONG");
        assertEquals(25_000.0, c.get("costPerDivertedArrestUsd").asDouble(), EXACT);
        assertEquals(18_050.54, c.get("costPerDivertedArrestLowerUsd").asDouble(), EXACT);
        assertEquals(37_950.66, c.get("costPerDivertedArrestUpperUsd").asDouble(), EXACT);
        JsonNode t = byModel(s.at("/costs/models"), "TELEHEALTH");
        assertEquals(5_000.0, t.get("costPerEncounterUsd").asDouble(), EXACT);
        assertEquals(6_920.42, t.get("costPerDivertedArrestUpperUsd").asDouble(), EXACT);
        assertEquals(false, t.get("sufficient").asBoolean());
        JsonNode k = byModel(s.at("/costs/models"), "COMMUNITY_RESPONDER");
        assertEquals(7_500.0, k.get("costPerEncounterUsd").asDouble(), EXACT);
        assertEquals(7_894.74, k.get("costPerDivertedArrestUsd").asDouble(), EXACT);
        assertTrue(s.at("/costs/definition").asText().contains("RESOLVED_ON_SCENE or REFERRED_TO_SERVICES"));

        JsonNode f = s.get("funding");
        assertEquals(100_000, f.get("reallocatedPoolUsd").asLong());
        assertEquals(0.25, f.get("reallocationShare").asDouble(), EXACT);
        assertEquals(3, f.get("models").size(), "only ranked models: TELEHEALTH has too few encounters");
        JsonNode first = f.at("/models/0");
        assertEquals("COMMUNITY_RESPONDER", first.get("model").asText());
        assertEquals(1, first.get("rank").asInt());
        assertEquals("EXPAND", first.get("recommendation").asText());
        assertEquals(59_485, first.get("reallocationUsd").asLong());
        assertEquals(15_515, first.get("additionalFundingUsd").asLong());
        JsonNode second = f.at("/models/1");
        assertEquals("MOBILE_CRISIS_TEAM", second.get("model").asText());
        assertEquals(40_515, second.get("reallocationUsd").asLong());
        assertEquals(109_485, second.get("additionalFundingUsd").asLong());
        JsonNode third = f.at("/models/2");
        assertEquals("CO_RESPONDER_RIDE_ALONG", third.get("model").asText());
        assertEquals("REVIEW", third.get("recommendation").asText());
        assertEquals(-100_000, third.get("reallocationUsd").asLong());
        assertTrue(third.get("additionalFundingUsd").isNull());
        assertTrue(third.get("rationale").asText().contains("25% of its $400000 budget in 2025"), third.toString());

        // a year without reported budgets: no amounts, nothing reallocated
        JsonNode none = survey("?state=" + STATE + "&year=2024");
        assertEquals(0, none.at("/funding/reallocatedPoolUsd").asLong());
        assertTrue(none.at("/funding/models/0/reallocationUsd").isNull());
        assertEquals(0, byModel(none.at("/costs/models"), "MOBILE_CRISIS_TEAM").get("budgetUsd").asLong());
        given().get("/api/v1/survey?year=1999").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void costsAreReportedByTheAgencyOnlyAndBadOnesAreRefused() {
        fixedDataSet();
        cost(agencyA, mct, 2025, 0, "LOCAL_GENERAL_FUND").then().statusCode(400).contentType("application/problem+json");
        cost(agencyA, mct, 2025, 1000, "LOTTERY").then().statusCode(400).contentType("application/problem+json");
        cost(agencyA, mct, 1999, 1000, "OTHER").then().statusCode(400).contentType("application/problem+json");
        cost(agencyB, mct, 2025, 1000, "OTHER").then().statusCode(404); // another agency's program under one's own ORI
        CoresponderApi.as(org.safepolicing.testing.TestTokens.agencyUser(agencyB))
                .body("{\"annualBudgetUsd\":1000,\"fundingSource\":\"OTHER\"}")
                .put("/api/v1/agencies/{ori}/programs/{id}/costs/2025", agencyA, mct).then().statusCode(403);
        CoresponderApi.as(CoresponderApi.hhs()).get("/api/v1/agencies/{ori}/programs/{id}/costs", agencyA, mct).then()
                .statusCode(200).body("size()", org.hamcrest.Matchers.is(1)).body("[0].annualBudgetUsd", org.hamcrest.Matchers.is(600_000))
                .body("[0].fundingSource", org.hamcrest.Matchers.is("LOCAL_GENERAL_FUND"));
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

    static io.restassured.response.Response publish(String token, String body) {
        return CoresponderApi.as(token).body(body).post("/api/v1/survey/reports");
    }

    @Test
    void aReportToThePresidentIsDatedVersionedImmutableAndAnnounced() throws Exception {
        fixedDataSet();
        try (org.safepolicing.testing.TopicProbe topic = org.safepolicing.testing.TopicProbe.of(
                org.safepolicing.contracts.Topics.CORESPONDER_EVENTS)) {
            String first = publish(CoresponderApi.hhs(), "{\"year\":2025,\"state\":\"MT\"}").then().statusCode(201)
                    .header("Location", org.hamcrest.Matchers.containsString("/api/v1/survey/reports/"))
                    .extract().path("id");
            String published = given().get("/api/v1/survey/reports/{id}", first).then().statusCode(200).extract().asString();
            JsonNode one = new ObjectMapper().readTree(published);
            int v1 = one.get("version").asInt();
            assertEquals("2025", one.get("period").asText());
            assertEquals("MT", one.get("state").asText());
            assertTrue(one.get("addressedTo").asText().startsWith("The President"));
            assertEquals(59_485, one.at("/survey/funding/models/0/reallocationUsd").asLong());
            assertEquals(8, one.at("/survey/byNeed").size());

            org.apache.kafka.clients.consumer.ConsumerRecord<String, String> event = topic.await(r -> first.equals(r.key()),
                    CoresponderApi.EVENT_WAIT);
            assertEquals(org.safepolicing.contracts.EventTypes.SURVEY_REPORT_PUBLISHED,
                    org.safepolicing.testing.TopicProbe.header(event, "ce_type"));
            JsonNode data = CoresponderApi.json(event);
            assertEquals(v1, data.get("version").asInt());
            assertEquals(2025, data.get("year").asInt());
            assertEquals(3, data.get("recommendedModels").size(), "TELEHEALTH (10 encounters) is never recommended");
            assertEquals("COMMUNITY_RESPONDER", data.at("/recommendedModels/0/model").asText());
            assertEquals(1, data.at("/recommendedModels/0/rank").asInt());
            assertEquals("EXPAND", data.at("/recommendedModels/0/recommendation").asText());
            assertEquals(15_515, data.at("/recommendedModels/0/additionalFundingUsd").asLong());
            assertEquals("REVIEW", data.at("/recommendedModels/2/recommendation").asText());
            assertTrue(data.at("/recommendedModels/2/rationale").asText().contains("R3-REVIEW"));

            // the live view changes (a budget corrected); the published report does not, a new one is the next version
            cost(agencyB, community, 2025, 360_000, "STATE_APPROPRIATION").then().statusCode(200);
            String second = publish(CoresponderApi.hhs(), "{\"year\":2025,\"state\":\"MT\"}").then().statusCode(201)
                    .body("version", org.hamcrest.Matchers.is(v1 + 1)).extract().path("id");
            assertEquals(published, given().get("/api/v1/survey/reports/{id}", first).then().statusCode(200).extract().asString(),
                    "a published report is never recomputed");
            JsonNode two = new ObjectMapper().readTree(given().get("/api/v1/survey/reports/{id}", second).then()
                    .statusCode(200).extract().asString());
            assertEquals(360_000, byModel(two.at("/survey/costs/models"), "COMMUNITY_RESPONDER").get("budgetUsd").asLong());
            assertEquals(300_000, byModel(one.at("/survey/costs/models"), "COMMUNITY_RESPONDER").get("budgetUsd").asLong());
            topic.await(r -> second.equals(r.key()), CoresponderApi.EVENT_WAIT);
            cost(agencyB, community, 2025, 300_000, "STATE_APPROPRIATION").then().statusCode(200);

            given().get("/api/v1/survey/reports?year=2025&state=MT").then().statusCode(200)
                    .body("items[0].id", org.hamcrest.Matchers.is(second))
                    .body("items[1].id", org.hamcrest.Matchers.is(first));
        }
        // HHS publishes (Sec. 4(c) charges the Secretary of HHS); nobody else
        publish(org.safepolicing.testing.TestTokens.dojAdmin(), "{\"year\":2025}").then().statusCode(403);
        publish(org.safepolicing.testing.TestTokens.agencyUser(agencyA), "{\"year\":2025}").then().statusCode(403);
        given().contentType("application/json").body("{\"year\":2025}").post("/api/v1/survey/reports").then().statusCode(401);
        publish(CoresponderApi.hhs(), "{\"year\":2999}").then().statusCode(400);
        publish(CoresponderApi.hhs(), "{\"year\":2100}").then().statusCode(422).contentType("application/problem+json");
        publish(CoresponderApi.hhs(), "{\"year\":2025,\"state\":\"Montana\"}").then().statusCode(400);
        publish(CoresponderApi.hhs(), "{\"state\":\"MT\"}").then().statusCode(400);
        given().get("/api/v1/survey/reports/{id}", java.util.UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Inject
    jakarta.persistence.EntityManager em;

    /** The national report (no state): the scope the order's report to the President is about. */
    @Test
    void aNationalReportHasNoStateAndItsOwnVersions() throws Exception {
        fixedDataSet();
        JsonNode first = new ObjectMapper().readTree(publish(CoresponderApi.hhs(), "{\"year\":2025}").then().statusCode(201)
                .extract().asString());
        assertTrue(first.get("state").isNull(), first.toString());
        assertTrue(first.at("/survey/scope/state").isNull());
        JsonNode second = new ObjectMapper().readTree(publish(CoresponderApi.hhs(), "{\"year\":2025,\"state\":null}").then()
                .statusCode(201).extract().asString());
        assertEquals(first.get("version").asInt() + 1, second.get("version").asInt(), "the nation's versions are its own");
        // a state's report of the same year does not take the nation's version numbers: MT's versions are 1..n
        int montana = publish(CoresponderApi.hhs(), "{\"year\":2025,\"state\":\"MT\"}").then().statusCode(201)
                .extract().path("version");
        given().get("/api/v1/survey/reports?year=2025&state=MT").then().statusCode(200)
                .body("total", org.hamcrest.Matchers.is(montana));
        given().get("/api/v1/survey/reports?year=2025&size=500").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItems(first.get("id").asText(), second.get("id").asText()));
    }

    /** A published report cannot be changed or deleted, not even in the database (V8's trigger). */
    @Test
    void aPublishedReportIsRefusedAnyChangeByTheDatabase() {
        fixedDataSet();
        String id = publish(CoresponderApi.hhs(), "{\"year\":2025,\"state\":\"MT\"}").then().statusCode(201).extract().path("id");
        for (String sql : List.of("update survey_report set document = '{}' where id = cast(?1 as uuid)",
                "delete from survey_report where id = cast(?1 as uuid)")) {
            Exception refused = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(
                            () -> em.createNativeQuery(sql).setParameter(1, id).executeUpdate()));
            StringBuilder chain = new StringBuilder();
            for (Throwable t = refused; t != null; t = t.getCause()) {
                chain.append(t.getMessage()).append(" / ");
            }
            assertTrue(chain.toString().contains("a published survey report is immutable"), chain.toString());
        }
        assertEquals(1, count("select count(*) from survey_report where id = cast('" + id + "' as uuid) and document <> '{}'"));
    }

    /** Every cost and report endpoint's unhappy paths through the HTTP API, with nothing stored by a refusal. */
    @Test
    void costAndReportEndpointsRefuseBadRequestsAndStoreNothing() {
        fixedDataSet();
        String agency = org.safepolicing.testing.TestTokens.agencyUser(agencyA);
        long costs = count("select count(*) from program_cost");
        long reports = count("select count(*) from survey_report");
        long outbox = count("select count(*) from outbox_event");
        String path = "/api/v1/agencies/{ori}/programs/{id}/costs/{year}";
        // unknown program (random id), another agency's program under one's own ORI, ORI not of the token
        cost(agencyA, java.util.UUID.randomUUID().toString(), 2025, 1000, "OTHER").then().statusCode(404)
                .contentType("application/problem+json");
        cost(agencyA, community, 2025, 1000, "OTHER").then().statusCode(404).contentType("application/problem+json");
        // malformed: invalid ORI, year out of range or not a number, body missing, broken, wrong types, unknown field
        CoresponderApi.as(agency).body("{\"annualBudgetUsd\":1000,\"fundingSource\":\"OTHER\"}")
                .put(path, "MT12", mct, 2025).then().statusCode(400).contentType("application/problem+json");
        // a year out of range or not a plain number is the same 400 invalid-input naming year, never a 404
        for (Object year : List.of(2101, 1999, "twenty", "2025.0", "+2025", "02025", "99999999999")) {
            cost(agencyA, mct, year, 1000, "OTHER").then().statusCode(400).contentType("application/problem+json")
                    .body("type", org.hamcrest.Matchers.endsWith("invalid-input")).body("errors[0].field", org.hamcrest.Matchers.endsWith("year"));
        }
        cost(agencyA, mct, 2025, 100_000_000_001L, "OTHER").then().statusCode(400).contentType("application/problem+json");
        CoresponderApi.as(agency).put(path, agencyA, mct, 2025).then().statusCode(400).contentType("application/problem+json");
        for (String body : List.of("{\"annualBudgetUsd\":1000", "{\"annualBudgetUsd\":\"a lot\",\"fundingSource\":\"OTHER\"}",
                "{\"fundingSource\":\"OTHER\"}", "{\"annualBudgetUsd\":1000}", "[]",
                "{\"annualBudgetUsd\":1000,\"fundingSource\":\"OTHER\",\"year\":2020}",
                "{\"annualBudgetUsd\":1000.5,\"fundingSource\":\"OTHER\"}")) {
            CoresponderApi.as(agency).body(body).put(path, agencyA, mct, 2025).then().statusCode(400)
                    .contentType("application/problem+json");
        }
        // the list of a program's costs: unknown program, another agency's program, another agency's ORI
        CoresponderApi.as(CoresponderApi.hhs()).get("/api/v1/agencies/{ori}/programs/{id}/costs", agencyA, java.util.UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        CoresponderApi.as(agency).get("/api/v1/agencies/{ori}/programs/{id}/costs", agencyA, community).then().statusCode(404);
        CoresponderApi.as(agency).get("/api/v1/agencies/{ori}/programs/{id}/costs", agencyB, community).then().statusCode(403);
        CoresponderApi.as(CoresponderApi.hhs()).get("/api/v1/agencies/{ori}/programs/{id}/costs", agencyA, cra).then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.is(1)).body("[0].year", org.hamcrest.Matchers.is(2025));
        // publishing: broken JSON, no body, wrong types, a server-owned field, a lowercase state
        for (String body : List.of("{\"year\":2025", "", "{\"year\":\"2025-ish\"}", "{\"year\":2025,\"version\":7}",
                "{\"year\":2025,\"state\":\"mt\"}", "{\"year\":1999}")) {
            CoresponderApi.as(CoresponderApi.hhs()).body(body).post("/api/v1/survey/reports").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        // reading: bad filters and pages, an unknown or malformed id
        for (String query : List.of("?year=1999", "?year=abc", "?year=2025x", "?year=99999999999", "?state=Montana",
                "?size=0", "?size=501", "?page=-1")) {
            given().get("/api/v1/survey/reports" + query).then().statusCode(400).contentType("application/problem+json");
        }
        given().get("/api/v1/survey/reports/not-a-uuid").then().statusCode(org.hamcrest.Matchers.either(org.hamcrest.Matchers.is(400))
                .or(org.hamcrest.Matchers.is(404)));
        given().get("/api/v1/survey/reports?year=2000").then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
        // an empty year is as if none were given: every report, the survey of the current year
        given().get("/api/v1/survey/reports?year=").then().statusCode(200);
        given().get("/api/v1/survey?year=").then().statusCode(200)
                .body("costs.year", org.hamcrest.Matchers.is(java.time.Year.now(java.time.ZoneOffset.UTC).getValue()));
        // the survey in each form: a year out of range or not a number is 400 invalid-input naming year
        for (String form : List.of("/api/v1/survey", "/api/v1/survey.csv", "/api/v1/survey.html")) {
            for (String year : List.of("2101", "1999", "abc", "2025.5", "-2025", "99999999999")) {
                given().queryParam("year", year).get(form).then().statusCode(400).contentType("application/problem+json")
                        .body("type", org.hamcrest.Matchers.endsWith("invalid-input"))
                        .body("errors.field", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.endsWith("year")));
            }
        }

        assertEquals(costs, count("select count(*) from program_cost"), "a refused cost stores nothing");
        assertEquals(reports, count("select count(*) from survey_report"), "a refused report stores nothing");
        assertEquals(outbox, count("select count(*) from outbox_event"), "a refused request publishes nothing");
    }

    private long count(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }
}
