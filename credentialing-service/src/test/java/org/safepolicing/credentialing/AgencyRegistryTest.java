package org.safepolicing.credentialing;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.safepolicing.credentialing.CredentialingApi.as;
import static org.safepolicing.credentialing.CredentialingApi.randomOri;
import static org.safepolicing.credentialing.CredentialingApi.registerAgency;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;
import org.safepolicing.testing.TopicProbe;

/** The ORI registry: update, deactivate, search, and the all-or-nothing CSV import of 20,000 agencies. */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "credentialing"))
class AgencyRegistryTest {

    /** The size: the ~18,000 US agencies, rounded up. */
    private static final int IMPORT_ROWS = Integer.getInteger("import.rows", 20_000);
    private static final Duration EVENT_WAIT = Duration.ofSeconds(120);
    private static final String[] TYPES = {"STATE", "LOCAL_MUNICIPAL", "COUNTY_SHERIFF", "UNIVERSITY", "TRIBAL",
            "SPECIAL_JURISDICTION"};

    @Test
    void updatesAndDeactivationArePublishedWholeWithAGrowingVersion() {
        String ori = randomOri("WA");
        registerAgency(ori, "LOCAL_MUNICIPAL");
        try (TopicProbe registry = TopicProbe.of(Topics.AGENCY_REGISTRY)) {
            as(TestTokens.dojAdmin()).body("""
                            {"ori":"%s","name":"Renamed Police Department","type":"COUNTY_SHERIFF","state":"WA","county":"King",
                             "swornOfficers":310,"populationServed":250000,"urbanRural":"SUBURBAN"}""".formatted(ori))
                    .put("/api/v1/agencies/{ori}", ori).then().statusCode(200)
                    .body("name", equalTo("Renamed Police Department")).body("version", equalTo(1));
            // the same entry again changes nothing and publishes nothing
            as(TestTokens.dojAdmin()).body("""
                            {"ori":"%s","name":"Renamed Police Department","type":"COUNTY_SHERIFF","state":"WA","county":"King",
                             "swornOfficers":310,"populationServed":250000,"urbanRural":"SUBURBAN"}""".formatted(ori))
                    .put("/api/v1/agencies/{ori}", ori).then().statusCode(200).body("version", equalTo(1));
            as(TestTokens.dojAdmin()).post("/api/v1/agencies/{ori}/deactivation", ori).then().statusCode(200)
                    .body("active", equalTo(false));
            as(TestTokens.dojAdmin()).post("/api/v1/agencies/{ori}/deactivation", ori).then().statusCode(409)
                    .contentType("application/problem+json").body("currentState", equalTo("DEACTIVATED"));
            as(TestTokens.dojAdmin()).body("{\"ori\":\"%s\",\"name\":\"X\",\"type\":\"STATE\",\"state\":\"WA\"}".formatted(ori))
                    .put("/api/v1/agencies/{ori}", ori).then().statusCode(409).body("currentState", equalTo("DEACTIVATED"));

            ConsumerRecord<String, String> updated = registry.await(r -> EventContract.is(r, ori, EventTypes.AGENCY_UPDATED), EVENT_WAIT);
            JsonNode u = EventContract.check(updated);
            assertEquals(ori, u.get("ori").asText());
            assertEquals("Renamed Police Department", u.get("name").asText());
            assertEquals("COUNTY_SHERIFF", u.get("type").asText());
            assertEquals("WA", u.get("state").asText());
            assertEquals("King", u.get("county").asText());
            assertEquals(310, u.get("swornOfficers").asInt());
            assertEquals(250000, u.get("populationServed").asLong());
            assertEquals("SUBURBAN", u.get("urbanRural").asText());
            assertEquals(true, u.get("active").asBoolean());
            assertEquals(1, u.get("version").asLong());
            JsonNode d = EventContract.check(registry.await(r -> EventContract.is(r, ori, EventTypes.AGENCY_DEACTIVATED), EVENT_WAIT));
            assertFalse(d.get("active").asBoolean());
            assertEquals(2, d.get("version").asLong());
            assertEquals(List.of(EventTypes.AGENCY_REGISTERED, EventTypes.AGENCY_UPDATED, EventTypes.AGENCY_DEACTIVATED),
                    registry.all(r -> ori.equals(r.key()), Duration.ofSeconds(1)).stream()
                            .map(r -> TopicProbe.header(r, "ce_type")).toList());
        }
        // a deactivated agency cannot seek a credential
        as(TestTokens.agencyUser(ori)).body("{\"bodyId\":\"" + CredentialingApi.certifiedBody() + "\"}")
                .post("/api/v1/agencies/{ori}/credentials", ori).then().statusCode(409)
                .body("type", equalTo("urn:safe-policing:problem:agency-inactive"));
        as(TestTokens.dojAdmin()).body("{\"ori\":\"WA0000001\",\"name\":\"X\",\"type\":\"STATE\",\"state\":\"WA\"}")
                .put("/api/v1/agencies/{ori}", ori).then().statusCode(400).body("detail", containsString("never changes"));
    }

    @Test
    void twentyThousandAgenciesImportInOneGoAndAreSearchableAndPublished() {
        String prefix = freshPrefix();
        StringBuilder csv = new StringBuilder("ORI,Name,Type,State,County,Sworn_Officers,Population_Served,Urban_Rural\r\n");
        for (int i = 0; i < IMPORT_ROWS; i++) {
            csv.append(prefix).append(String.format("%05d", i)).append(",\"Import Test Agency ").append(i)
                    .append(", \"\"Unit\"\"\",").append(TYPES[i % TYPES.length]).append(",OR,Lane,")
                    .append(10 + i % 400).append(',').append(1000 + i).append(',').append(i % 3 == 0 ? "RURAL" : "URBAN").append("\r\n");
        }
        long started = System.nanoTime();
        Response response = as(TestTokens.dojAdmin()).contentType("text/csv").body(csv.toString()).post("/api/v1/agencies/import");
        long millis = (System.nanoTime() - started) / 1_000_000;
        response.then().statusCode(200).body("rows", equalTo(IMPORT_ROWS)).body("registered", equalTo(IMPORT_ROWS))
                .body("updated", equalTo(0));
        System.out.printf("CSV import: %d rows (%d bytes) in %d ms over HTTP (%d ms in the service)%n", IMPORT_ROWS,
                csv.length(), millis, response.<Integer>path("millis"));

        as(TestTokens.as("grant-officer").sign()).get("/api/v1/agencies?q={p}&size=500&page=1", prefix).then().statusCode(200)
                .body("total", equalTo(IMPORT_ROWS)).body("items", hasSize(Math.min(500, IMPORT_ROWS - 500)))
                .body("items[0].ori", equalTo(prefix + "00500")).body("page", equalTo(1));
        as(TestTokens.dojAdmin()).get("/api/v1/agencies?q={p}&type=TRIBAL&state=OR&size=1", prefix).then().statusCode(200)
                .body("total", equalTo((IMPORT_ROWS + TYPES.length - 1 - 4) / TYPES.length));
        as(TestTokens.dojAdmin()).get("/api/v1/agencies/{ori}", prefix + "00002").then().statusCode(200)
                .body("name", equalTo("Import Test Agency 2, \"Unit\"")).body("type", equalTo("COUNTY_SHERIFF"))
                .body("swornOfficers", equalTo(12)).body("populationServed", equalTo(1002)).body("urbanRural", equalTo("URBAN"));

        // the same file again: every row is already as stated, nothing is published
        as(TestTokens.dojAdmin()).contentType("text/csv").body(csv.toString()).post("/api/v1/agencies/import").then()
                .statusCode(200).body("registered", equalTo(0)).body("updated", equalTo(0)).body("unchanged", equalTo(IMPORT_ROWS));

        String last = prefix + String.format("%05d", IMPORT_ROWS - 1);
        try (TopicProbe registry = TopicProbe.of(Topics.AGENCY_REGISTRY)) {
            ConsumerRecord<String, String> lastEvent = registry.await(r -> EventContract.is(r, last, EventTypes.AGENCY_REGISTERED), EVENT_WAIT);
            System.out.printf("CSV import: the last of %d registry events was readable %d ms after the import was sent%n",
                    IMPORT_ROWS, (System.nanoTime() - started) / 1_000_000);
            JsonNode data = EventContract.check(lastEvent);
            assertEquals(last, data.get("ori").asText());
            assertEquals(0, data.get("version").asLong());
            long mine = registry.all(r -> r.key() != null && r.key().startsWith(prefix), Duration.ofSeconds(1)).size();
            assertEquals(IMPORT_ROWS, mine, "one event per imported agency, none for the unchanged second import");
        }
    }

    @Test
    void aMalformedFileIsRefusedWholeWithAnErrorPerLineAndNothingIsImported() {
        String prefix = freshPrefix();
        String csv = String.join("\n",
                "ori,name,type,state,sworn_officers,urban_rural",
                prefix + "00001,Good Agency One,LOCAL_MUNICIPAL,OR,12,RURAL",
                prefix + "00002,Bad Type,SPACESHIP,OR,12,RURAL",
                "XX12,Bad Ori,STATE,OR,,",
                prefix + "00004,Wrong State,STATE,WA,,",
                prefix + "00005,,STATE,OR,-3,",
                prefix + "00001,Duplicate,STATE,OR,,",
                prefix + "00007,Too Few Fields,STATE",
                prefix + "00008,Not A Number,STATE,OR,twelve,URBAN",
                prefix + "00009,\"Good Agency, Nine\",TRIBAL,OR,4,SUBURBAN",
                "");
        as(TestTokens.dojAdmin()).contentType("text/csv").body(csv).post("/api/v1/agencies/import").then()
                .statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:safe-policing:problem:agency-import-invalid"))
                .body("detail", containsString("nothing was imported"))
                .body("lineErrors.line", hasItems(3, 4, 5, 6, 7, 8, 9))
                .body("lineErrors.findAll { it.line == 3 }.column", hasItems("type"))
                .body("lineErrors.findAll { it.line == 4 }.column", hasItems("ori"))
                .body("lineErrors.findAll { it.line == 5 }.column", hasItems("state"))
                .body("lineErrors.findAll { it.line == 6 }.column", hasItems("name", "sworn_officers"))
                .body("lineErrors.findAll { it.line == 7 }.message", hasItems(containsString("also on line 2")))
                .body("lineErrors.findAll { it.line == 8 }.message", hasItems(containsString("3 field(s)")))
                .body("lineErrors.findAll { it.line == 9 }.column", hasItems("sworn_officers"))
                .body("lineErrors.line", everyItem(org.hamcrest.Matchers.not(org.hamcrest.Matchers.isOneOf(1, 2, 10))))
                .body("errorCount", equalTo(8));
        as(TestTokens.dojAdmin()).get("/api/v1/agencies?q={p}", prefix).then().statusCode(200).body("total", equalTo(0));

        as(TestTokens.dojAdmin()).contentType("text/csv").body("ori,name,colour\nOR1234567,X,blue\n")
                .post("/api/v1/agencies/import").then().statusCode(422)
                .body("lineErrors.line", everyItem(equalTo(1)))
                .body("lineErrors.column", hasItems("colour", "type", "state"));
        as(TestTokens.dojAdmin()).contentType("text/csv").body("ori,name,type,state\n\"OR1234567,X,STATE,OR\n")
                .post("/api/v1/agencies/import").then().statusCode(422).body("lineErrors[0].message", containsString("never closed"));
        as(TestTokens.dojAdmin()).contentType("text/csv").body("").post("/api/v1/agencies/import").then().statusCode(400);
        as(TestTokens.agencyUser(prefix + "00001")).contentType("text/csv").body("ori,name,type,state\n")
                .post("/api/v1/agencies/import").then().statusCode(403);
        as(TestTokens.dojAdmin()).get("/api/v1/agencies?size=501").then().statusCode(400).contentType("application/problem+json");
        as(TestTokens.dojAdmin()).get("/api/v1/agencies?type=SPACESHIP").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("SPACESHIP"));
    }

    /** Two letters no earlier run used, so counts by prefix are exact. */
    private static String freshPrefix() {
        while (true) {
            String prefix = "OR" + (char) ('A' + ThreadLocalRandom.current().nextInt(26)) + (char) ('A' + ThreadLocalRandom.current().nextInt(26));
            int taken = as(TestTokens.dojAdmin()).get("/api/v1/agencies?q={p}&size=1", prefix).then().statusCode(200)
                    .extract().path("total");
            if (taken == 0) {
                return prefix;
            }
        }
    }
}
