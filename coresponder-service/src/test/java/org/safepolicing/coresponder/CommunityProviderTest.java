package org.safepolicing.coresponder;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safepolicing.coresponder.CoresponderApi.activeProgram;
import static org.safepolicing.coresponder.CoresponderApi.as;
import static org.safepolicing.coresponder.CoresponderApi.hhs;
import static org.safepolicing.coresponder.CoresponderApi.randomOri;
import static org.safepolicing.coresponder.Encounters.bulk;
import static org.safepolicing.coresponder.Encounters.encounter;
import static org.safepolicing.coresponder.Encounters.submitBulk;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/**
 * Community-support programs not attached to a police agency (Sec. 4(c)): a provider with its own id and no ORI,
 * registered and reported for by HHS analysts, and counted in the survey as COMMUNITY_LED beside the police-attached
 * programs. Vermont (VT) is used by no other test, so the survey figures below are exact.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "coresponder"))
class CommunityProviderTest {

    private static final String BASE = "/api/v1/community-providers";

    /** Registers a provider (a county health department) in {@code state} as an HHS analyst; returns its id. */
    static String provider(String name, String state) {
        return as(hhs()).body("""
                        {"name":"%s","kind":"COUNTY_HEALTH_DEPARTMENT","state":"%s","county":"Test County"}"""
                        .formatted(name, state))
                .post(BASE).then().statusCode(201).extract().path("id");
    }

    /** Creates a provider's program and makes it ACTIVE, as an HHS analyst; returns its id. */
    static String activeCommunityProgram(String providerId, String model) {
        String id = as(hhs()).body(CoresponderApi.PROGRAM.formatted(model))
                .post(BASE + "/{p}/programs", providerId).then().statusCode(201).extract().path("id");
        as(hhs()).body("{\"status\":\"ACTIVE\"}").post(BASE + "/{p}/programs/{id}/status", providerId, id)
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
        return id;
    }

    @Test
    void hhsRegistersAProviderWithItsOwnIdentityAndNoOri() {
        String name = "Chittenden County Health " + UUID.randomUUID();
        String id = as(hhs()).body("""
                        {"name":"  %s ","kind":"COUNTY_HEALTH_DEPARTMENT","state":"VT","county":"Chittenden"}""".formatted(name))
                .post(BASE).then().statusCode(201)
                .body("name", equalTo(name)).body("kind", equalTo("COUNTY_HEALTH_DEPARTMENT")).body("state", equalTo("VT"))
                .body("county", equalTo("Chittenden")).body("registeredBy", not(nullValue()))
                .extract().path("id");
        as(hhs()).get(BASE + "/{id}", id).then().statusCode(200).body("name", equalTo(name));
        as(TestTokens.as("grant-officer").sign()).get(BASE + "?state=VT&kind=COUNTY_HEALTH_DEPARTMENT&size=500")
                .then().statusCode(200).body("items.id", hasItem(id));

        // the same name (any case), state and county again: 409; another county is another provider
        as(hhs()).body("""
                        {"name":"%s","kind":"NONPROFIT","state":"VT","county":"chittenden"}""".formatted(name.toUpperCase()))
                .post(BASE).then().statusCode(409).contentType("application/problem+json");
        as(hhs()).body("""
                        {"name":"%s","kind":"COUNTY_HEALTH_DEPARTMENT","state":"VT","county":"Addison"}""".formatted(name))
                .post(BASE).then().statusCode(201);

        // exactly one audit row for the registration
        List<String> actions = given().auth().oauth2(TestTokens.as("auditor").sign())
                .get("/api/v1/audit/entries?objectId={id}&size=500", id).then().statusCode(200)
                .extract().jsonPath().getList("items.action", String.class);
        assertEquals(List.of("community-provider.register"), actions);
    }

    @Test
    void registrationRefusesBadInputAndOtherRoles() {
        String fresh = "Provider " + UUID.randomUUID();
        // a county health department without its county
        as(hhs()).body("{\"name\":\"" + fresh + "\",\"kind\":\"COUNTY_HEALTH_DEPARTMENT\",\"state\":\"VT\"}")
                .post(BASE).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("county"));
        as(hhs()).body("{\"name\":\"" + fresh + "\",\"kind\":\"NONPROFIT\",\"state\":\"Vermont\"}")
                .post(BASE).then().statusCode(400).contentType("application/problem+json");
        as(hhs()).body("{\"name\":\"" + fresh + "\",\"kind\":\"CHURCH\",\"state\":\"VT\"}")
                .post(BASE).then().statusCode(400).contentType("application/problem+json");
        as(hhs()).body("{\"name\":\"  \",\"kind\":\"NONPROFIT\",\"state\":\"VT\"}")
                .post(BASE).then().statusCode(400).contentType("application/problem+json");
        as(hhs()).body("{\"name\":\"" + fresh + "\",\"kind\":\"NONPROFIT\",\"state\":\"VT\",\"ori\":\"VT0000001\"}")
                .post(BASE).then().statusCode(400).contentType("application/problem+json");
        as(hhs()).get(BASE + "?state=vt").then().statusCode(400).contentType("application/problem+json");
        as(hhs()).get(BASE + "?kind=CHURCH").then().statusCode(400).contentType("application/problem+json");
        // none of the refused registrations was stored
        as(hhs()).get(BASE + "?state=VT&size=500").then().statusCode(200)
                .body("items.name", not(hasItem(fresh)));

        String valid = "{\"name\":\"" + fresh + "\",\"kind\":\"NONPROFIT\",\"state\":\"VT\"}";
        as(TestTokens.agencyUser(randomOri("VT"))).body(valid).post(BASE).then().statusCode(403)
                .contentType("application/problem+json");
        as(TestTokens.dojAdmin()).body(valid).post(BASE).then().statusCode(403);
        given().contentType("application/json").body(valid).post(BASE).then().statusCode(401);
        as(hhs()).get(BASE + "/{id}", UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        as(hhs()).get(BASE + "/not-a-uuid").then().statusCode(400).contentType("application/problem+json");
        as(hhs()).get(BASE + "/{p}/programs/12", UUID.randomUUID()).then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aProvidersProgramIsReportedForLikeAnAgencysAndScopedToItsProvider() {
        String provider = provider("Lamoille Health " + UUID.randomUUID(), "VT");
        String other = provider("Orleans Health " + UUID.randomUUID(), "VT");
        String program = as(hhs()).body(CoresponderApi.PROGRAM.formatted("MOBILE_CRISIS_TEAM"))
                .post(BASE + "/{p}/programs", provider).then().statusCode(201)
                .body("providerId", equalTo(provider)).body("status", equalTo("PLANNED"))
                .body("$", not(org.hamcrest.Matchers.hasKey("ori")))
                .extract().path("id");

        // PLANNED takes no encounters
        as(hhs()).body(bulk(encounter("RESOLVED_ON_SCENE", 10, false, true)))
                .post(BASE + "/{p}/programs/{id}/encounters/bulk", provider, program)
                .then().statusCode(409).body("currentState", equalTo("PLANNED"));
        as(hhs()).body("{\"status\":\"ACTIVE\"}").post(BASE + "/{p}/programs/{id}/status", provider, program)
                .then().statusCode(200);
        as(hhs()).body("{\"status\":\"PLANNED\"}").post(BASE + "/{p}/programs/{id}/status", provider, program)
                .then().statusCode(409).body("currentState", equalTo("ACTIVE"));
        as(hhs()).get(BASE + "/{p}/programs/{id}/history", provider, program).then().statusCode(200)
                .body("to", equalTo(List.of("PLANNED", "ACTIVE")));

        as(hhs()).body(encounter("REFERRED_TO_SERVICES", 15, false, true))
                .post(BASE + "/{p}/programs/{id}/encounters", provider, program).then().statusCode(201);
        // an identifying field: refused whole, nothing stored
        as(hhs()).body(bulk(encounter("ARREST", 5, false, false),
                        "{\"occurredAt\":\"2026-10-01T21:14:00Z\",\"reasons\":[\"OTHER\"],\"clinicianOnScene\":true,"
                                + "\"responseMinutes\":3,\"outcome\":\"ARREST\",\"forceUsed\":false,\"injuries\":[],"
                                + "\"followUp\":false,\"clientName\":\"x\"}"))
                .post(BASE + "/{p}/programs/{id}/encounters/bulk", provider, program)
                .then().statusCode(400).contentType("application/problem+json");
        as(hhs()).get(BASE + "/{p}/programs/{id}/encounters", provider, program).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].outcome", equalTo("REFERRED_TO_SERVICES"));

        // costs
        as(hhs()).body("{\"annualBudgetUsd\":120000,\"fundingSource\":\"MEDICAID\"}")
                .put(BASE + "/{p}/programs/{id}/costs/2026", provider, program).then().statusCode(200)
                .body("annualBudgetUsd", equalTo(120000));
        as(hhs()).body("{\"annualBudgetUsd\":1000.5,\"fundingSource\":\"MEDICAID\"}")
                .put(BASE + "/{p}/programs/{id}/costs/2026", provider, program).then().statusCode(400);
        as(hhs()).body("{\"annualBudgetUsd\":1000,\"fundingSource\":\"MEDICAID\"}")
                .put(BASE + "/{p}/programs/{id}/costs/abc", provider, program).then().statusCode(400)
                .contentType("application/problem+json");
        as(TestTokens.as("grant-officer").sign()).get(BASE + "/{p}/programs/{id}/costs", provider, program)
                .then().statusCode(200).body("year", equalTo(List.of(2026))).body("fundingSource", equalTo(List.of("MEDICAID")));
        as(hhs()).body("{\"clinicians\":[{\"type\":\"SOCIAL_WORKER\",\"weeklyHours\":20}]}")
                .put(BASE + "/{p}/programs/{id}/clinicians", provider, program).then().statusCode(200)
                .body("clinicians.size()", equalTo(1));

        // another provider's path: not found; an agency's path: not found; agency users and DOJ may not write
        as(hhs()).get(BASE + "/{p}/programs/{id}", other, program).then().statusCode(404);
        as(hhs()).body(encounter("ARREST", 5, false, false))
                .post(BASE + "/{p}/programs/{id}/encounters", other, program).then().statusCode(404);
        String ori = randomOri("VT");
        as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/programs/{id}", ori, program).then().statusCode(404);
        submitBulk(ori, program, bulk(encounter("ARREST", 5, false, false))).then().statusCode(404);
        as(TestTokens.agencyUser(ori)).get(BASE + "/{p}/programs/{id}", provider, program).then().statusCode(403)
                .contentType("application/problem+json");
        as(TestTokens.agencyUser(ori)).body(encounter("ARREST", 5, false, false))
                .post(BASE + "/{p}/programs/{id}/encounters", provider, program).then().statusCode(403);
        as(TestTokens.dojAdmin()).body("{\"status\":\"ENDED\"}").post(BASE + "/{p}/programs/{id}/status", provider, program)
                .then().statusCode(403);
        as(TestTokens.dojAdmin()).get(BASE + "/{p}/programs/{id}/encounters", provider, program).then().statusCode(403);
        // the cross-agency list of agencies' programs is unchanged: it lists no provider's program
        as(hhs()).get("/api/v1/programs?state=VT&size=500").then().statusCode(200).body("items.id", not(hasItem(program)));
        as(hhs()).get(BASE + "/{p}/programs", provider).then().statusCode(200).body("items.id", equalTo(List.of(program)));
        as(hhs()).get(BASE + "/{p}/programs", UUID.randomUUID()).then().statusCode(404);
        as(hhs()).body(CoresponderApi.PROGRAM.formatted("MOBILE_CRISIS_TEAM"))
                .post(BASE + "/{p}/programs", UUID.randomUUID()).then().statusCode(404);
    }

    /**
     * Vermont: a police program (MOBILE_CRISIS_TEAM, 10 encounters: 4 diverted, 6 arrests) and a county health
     * department's program (COMMUNITY_RESPONDER, 40 encounters: 30 diverted, 10 voluntary transports; budget 2026
     * $400,000, so $10,000 per encounter and $13,333.33 per diverted arrest). The survey tells them apart.
     */
    @Test
    void theSurveyCountsCommunityLedProgramsBesidePoliceAttachedOnes() throws Exception {
        String ori = randomOri("VT");
        String police = activeProgram(ori, "MOBILE_CRISIS_TEAM");
        List<String> policeEncounters = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            policeEncounters.add(encounter(i < 4 ? "RESOLVED_ON_SCENE" : "ARREST", 20, false, false));
        }
        submitBulk(ori, police, bulk(policeEncounters.toArray(String[]::new))).then().statusCode(200);

        String provider = provider("Windsor County Health " + UUID.randomUUID(), "VT");
        String community = activeCommunityProgram(provider, "COMMUNITY_RESPONDER");
        List<String> communityEncounters = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            communityEncounters.add(encounter(i < 30 ? "REFERRED_TO_SERVICES" : "VOLUNTARY_TRANSPORT", 30, false, true));
        }
        as(hhs()).body(bulk(communityEncounters.toArray(String[]::new)))
                .post(BASE + "/{p}/programs/{id}/encounters/bulk", provider, community)
                .then().statusCode(200).body("accepted", equalTo(40));
        as(hhs()).body("{\"annualBudgetUsd\":400000,\"fundingSource\":\"STATE_APPROPRIATION\"}")
                .put(BASE + "/{p}/programs/{id}/costs/2026", provider, community).then().statusCode(200);

        JsonNode s = survey("?state=VT&year=2026");
        assertEquals(50, s.at("/pooled/encounters").asLong());
        JsonNode communityLed = group(s.get("byLeadership"), "COMMUNITY_LED", "COMMUNITY_RESPONDER");
        assertEquals(1, communityLed.at("/metrics/programs").asLong());
        assertEquals(40, communityLed.at("/metrics/encounters").asLong());
        assertEquals(0.75, communityLed.at("/metrics/diversion/value").asDouble(), 1e-9);
        JsonNode policeAttached = group(s.get("byLeadership"), "POLICE_ATTACHED", "MOBILE_CRISIS_TEAM");
        assertEquals(10, policeAttached.at("/metrics/encounters").asLong());
        assertEquals(0.6, policeAttached.at("/metrics/arrest/value").asDouble(), 1e-9);
        assertNull(find(s.get("byLeadership"), "COMMUNITY_LED", "MOBILE_CRISIS_TEAM"), "no community-led crisis team in VT");
        assertNotNull(group(s.get("byAgencyType"), "COMMUNITY_PROVIDER", "COMMUNITY_RESPONDER"));
        assertEquals(40, group(s.get("byState"), "VT", "COMMUNITY_RESPONDER").at("/metrics/encounters").asLong());

        // the model's results include the community program; its need cells and costs too
        for (JsonNode m : s.get("models")) {
            if (m.get("model").asText().equals("COMMUNITY_RESPONDER")) {
                assertEquals(40, m.at("/metrics/encounters").asLong());
                assertEquals(1, m.at("/rank").asInt(), "the only model with 30 encounters is ranked first");
            }
        }
        JsonNode mental = null;
        for (JsonNode n : s.get("communityLedByNeed")) {
            if (n.get("need").asText().equals("MENTAL_HEALTH")) {
                mental = n;
            }
        }
        assertNotNull(mental);
        assertEquals(40, mental.at("/metrics/encounters").asLong());
        for (JsonNode n : s.get("byNeed")) {
            if (n.get("need").asText().equals("MENTAL_HEALTH")) {
                assertEquals(50, n.at("/metrics/encounters").asLong(), "police and community encounters together");
            }
        }
        JsonNode cost = null;
        for (JsonNode c : s.at("/costs/models")) {
            if (c.get("model").asText().equals("COMMUNITY_RESPONDER")) {
                cost = c;
            }
        }
        assertNotNull(cost);
        assertEquals(400000, cost.get("budgetUsd").asLong());
        assertEquals(40, cost.get("encounters").asLong());
        assertEquals(10000.0, cost.get("costPerEncounterUsd").asDouble(), 1e-9);
        assertEquals(13333.33, cost.get("costPerDivertedArrestUsd").asDouble(), 1e-9);
        assertEquals(400000, cost.at("/budgetByFundingSource/STATE_APPROPRIATION").asLong());

        // the community-led programs alone
        JsonNode only = survey("?state=VT&agencyType=COMMUNITY_PROVIDER&year=2026");
        assertEquals(40, only.at("/pooled/encounters").asLong());
        assertEquals(1, only.at("/pooled/programs").asLong());
        assertNull(find(only.get("byLeadership"), "POLICE_ATTACHED", "MOBILE_CRISIS_TEAM"));

        String csv = given().get("/api/v1/survey.csv?state=VT&year=2026").then().statusCode(200).extract().asString();
        assertTrue(csv.contains("\r\nLEADERSHIP,COMMUNITY_LED,COMMUNITY_RESPONDER,,,,1,40,0.75,"), csv);
        assertTrue(csv.contains("\r\nLEADERSHIP,POLICE_ATTACHED,MOBILE_CRISIS_TEAM,,,,1,10,0.4,"), csv);
        assertTrue(csv.contains("\r\nCOMMUNITY_LED_NEED,MENTAL_HEALTH,ALL,,,,1,40,0.75,"), csv);
        given().get("/api/v1/survey.html?state=VT").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("COMMUNITY_LED"));
        given().get("/api/v1/survey?agencyType=COMMUNITY").then().statusCode(400).contentType("application/problem+json");
    }

    private static JsonNode survey(String query) throws Exception {
        return new ObjectMapper().readTree(given().get("/api/v1/survey" + query).then().statusCode(200).extract().asString());
    }

    private static JsonNode group(JsonNode groups, String group, String model) {
        JsonNode g = find(groups, group, model);
        assertNotNull(g, group + " / " + model + " in " + groups);
        return g;
    }

    private static JsonNode find(JsonNode groups, String group, String model) {
        for (JsonNode g : groups) {
            if (g.get("group").asText().equals(group) && g.get("model").asText().equals(model)) {
                return g;
            }
        }
        return null;
    }
}
