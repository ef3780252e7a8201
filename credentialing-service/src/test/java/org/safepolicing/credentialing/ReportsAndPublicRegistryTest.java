package org.safepolicing.credentialing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safepolicing.credentialing.CredentialingApi.as;
import static org.safepolicing.credentialing.CredentialingApi.assess;
import static org.safepolicing.credentialing.CredentialingApi.assessor;
import static org.safepolicing.credentialing.CredentialingApi.credentialed;
import static org.safepolicing.credentialing.CredentialingApi.decide;
import static org.safepolicing.credentialing.CredentialingApi.randomOri;
import static org.safepolicing.credentialing.CredentialingApi.registerAgency;
import static org.safepolicing.credentialing.CredentialingApi.seek;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/** The body's list of eligible agencies (JSON and CSV), DOJ's counts, and the public registry without a token. */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "credentialing"))
class ReportsAndPublicRegistryTest {

    @Inject
    AgroalDataSource database;

    @Test
    void aBodyListsTheAgenciesSeekingOrHoldingItsCredentialAsJsonAndCsv() {
        String name = "Report Body " + UUID.randomUUID();
        String bodyId = CredentialingApi.appliedBody(name, CredentialingApi.MANDATORY);
        as(TestTokens.dojAdmin()).body("{\"termMonths\":36}").post("/api/v1/bodies/{id}/certification", bodyId).then().statusCode(200);
        String held = randomOri("GU");
        String sought = randomOri("GU");
        String denied = randomOri("GU");
        String withdrawn = randomOri("GU");
        String never = randomOri("GU");
        Map<String, Long> before = countsForGuam();
        List.of(held, sought, denied, withdrawn, never).forEach(ori -> registerAgency(ori, "TERRITORIAL"));
        credentialed(held, bodyId);
        seek(sought, bodyId);
        String d = seek(denied, bodyId);
        assess(denied, d, bodyId, "UOF_LAWFUL", "NOT_MET");
        assess(denied, d, bodyId, "CHOKEHOLD_BAN", "MET");
        decide(denied, d, bodyId, "DENIED");
        String w = seek(withdrawn, bodyId);
        as(TestTokens.agencyUser(withdrawn)).body("{}").post("/api/v1/agencies/{ori}/credentials/{id}/withdrawal", withdrawn, w)
                .then().statusCode(200);

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        as(assessor(bodyId)).get("/api/v1/bodies/{id}/reports/eligible-agencies", bodyId).then().statusCode(200)
                .body("bodyName", equalTo(name)).body("bodyStatus", equalTo("CERTIFIED")).body("asOf", equalTo(today.toString()))
                .body("count", equalTo(2)).body("agencies.ori", containsInAnyOrder(held, sought))
                .body("agencies.find { it.ori == '" + held + "' }.validUntil", equalTo(today.plusMonths(36).toString()))
                .body("agencies.find { it.ori == '" + sought + "' }.status", equalTo("SOUGHT"));
        String csv = as(TestTokens.dojAdmin()).accept("text/csv").get("/api/v1/bodies/{id}/reports/eligible-agencies", bodyId)
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals("ori,name,type,state,county,credential_id,status,standards_version,sought_at,valid_from,valid_until,topics_not_met,topics_not_assessed", lines[0]);
        assertEquals(3, lines.length, csv);
        assertTrue(csv.contains(held + ",Agency " + held + ",TERRITORIAL,GU,Test County,"), csv);

        Map<String, Long> after = countsForGuam();
        for (String status : List.of("CREDENTIALED", "SOUGHT", "DENIED", "WITHDRAWN", "NONE")) {
            assertEquals(before.getOrDefault(status, 0L) + 1, after.getOrDefault(status, 0L), status);
        }
        String countsCsv = as(TestTokens.dojAdmin()).accept("text/csv").get("/api/v1/reports/credential-counts?state=GU&type=TERRITORIAL")
                .then().statusCode(200).extract().asString();
        assertTrue(countsCsv.startsWith("state,type,status,count\r\n"), countsCsv);
        assertTrue(countsCsv.contains("GU,TERRITORIAL,CREDENTIALED," + after.get("CREDENTIALED")), countsCsv);

        // who may read them
        String otherBody = CredentialingApi.certifiedBody();
        as(assessor(otherBody)).get("/api/v1/bodies/{id}/reports/eligible-agencies", bodyId).then().statusCode(403);
        as(TestTokens.agencyUser(held)).get("/api/v1/bodies/{id}/reports/eligible-agencies", bodyId).then().statusCode(403);
        given().get("/api/v1/bodies/{id}/reports/eligible-agencies", bodyId).then().statusCode(401);
        as(assessor(bodyId)).get("/api/v1/reports/credential-counts").then().statusCode(403);
        as(TestTokens.dojAdmin()).get("/api/v1/bodies/{id}/reports/eligible-agencies", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        as(TestTokens.dojAdmin()).get("/api/v1/reports/credential-counts?state=guam").then().statusCode(400);
    }

    @Test
    void anyoneFindsCertifiedBodiesAndCredentialedAgenciesWithTheirValidityWithoutSigningIn() {
        String name = "Public Body " + UUID.randomUUID();
        String bodyId = CredentialingApi.appliedBody(name, CredentialingApi.MANDATORY);
        given().get("/api/v1/public/bodies?q={q}", name).then().statusCode(200).body("total", equalTo(0));
        as(TestTokens.dojAdmin()).body("{\"termMonths\":36}").post("/api/v1/bodies/{id}/certification", bodyId).then().statusCode(200);
        String ori = randomOri("AK");
        String seeking = randomOri("AK");
        registerAgency(ori, "UNIVERSITY");
        registerAgency(seeking, "UNIVERSITY");
        credentialed(ori, bodyId);
        seek(seeking, bodyId);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        given().get("/api/v1/public/bodies?q={q}", name.substring(0, 20).toLowerCase() + name.substring(20)).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(bodyId)).body("items[0].termEnd", startsWith("20"));
        given().get("/api/v1/public/credentialed-agencies?bodyId={b}", bodyId).then().statusCode(200)
                .body("total", equalTo(1)).body("items", hasSize(1))
                .body("items[0].ori", equalTo(ori)).body("items[0].bodyName", equalTo(name))
                .body("items[0].validFrom", equalTo(today.toString()))
                .body("items[0].validUntil", equalTo(today.plusMonths(36).toString()));
        given().get("/api/v1/public/credentialed-agencies?q={q}&state=AK&type=UNIVERSITY", ori).then().statusCode(200)
                .body("items.ori", equalTo(List.of(ori)));
        given().get("/api/v1/public/credentialed-agencies?q={q}", seeking).then().statusCode(200).body("total", equalTo(0));

        // suspended: no longer listed as certified; its credential still shows, with the body's standing
        as(TestTokens.dojAdmin()).body("{\"reason\":\"review\"}").post("/api/v1/bodies/{id}/suspension", bodyId).then().statusCode(200);
        given().get("/api/v1/public/bodies?q={q}", name).then().statusCode(200).body("total", equalTo(0));
        given().get("/api/v1/public/credentialed-agencies?bodyId={b}", bodyId).then().statusCode(200)
                .body("items[0].bodyStatus", equalTo("SUSPENDED"));
        given().get("/api/v1/public/credentialed-agencies?size=0").then().statusCode(400).contentType("application/problem+json");
        given().get("/api/v1/public/credentialed-agencies?state=Alaska").then().statusCode(400);
    }

    /**
     * The public lists are served from a short cache (tests run it with a ttl of an hour): a row changed behind the
     * service's back, with no event, is not seen; a change this replica commits through the API shows at once.
     */
    @Test
    void thePublicListIsCachedAndForgottenWhenThisReplicaCommitsAChange() throws Exception {
        String bodyId = CredentialingApi.appliedBody("Cache Body " + UUID.randomUUID(), CredentialingApi.MANDATORY);
        as(TestTokens.dojAdmin()).body("{\"termMonths\":36}").post("/api/v1/bodies/{id}/certification", bodyId).then().statusCode(200);
        String ori = randomOri("WY");
        registerAgency(ori, "UNIVERSITY");
        credentialed(ori, bodyId);
        given().get("/api/v1/public/credentialed-agencies?q={q}", ori).then().statusCode(200)
                .body("items[0].name", equalTo("Agency " + ori));

        try (Connection c = database.getConnection(); PreparedStatement rename = c.prepareStatement(
                "update agency set name = 'Renamed Behind Its Back' where ori = ?")) {
            rename.setString(1, ori);
            assertEquals(1, rename.executeUpdate());
        }
        given().get("/api/v1/public/credentialed-agencies?q={q}", ori).then().statusCode(200)
                .body("items[0].name", equalTo("Agency " + ori)); // the cached answer

        as(TestTokens.dojAdmin()).body("""
                {"ori":"%s","name":"Renamed Through The API","type":"UNIVERSITY","state":"WY","county":"Test County",
                 "swornOfficers":121,"populationServed":95000,"urbanRural":"URBAN"}""".formatted(ori))
                .put("/api/v1/agencies/{ori}", ori).then().statusCode(200);
        given().get("/api/v1/public/credentialed-agencies?q={q}", ori).then().statusCode(200)
                .body("items[0].name", equalTo("Renamed Through The API"));
    }

    private static Map<String, Long> countsForGuam() {
        Map<String, Object> byStatus = as(TestTokens.dojAdmin()).get("/api/v1/reports/credential-counts?state=GU&type=TERRITORIAL")
                .then().statusCode(200).extract().path("byStatus");
        java.util.HashMap<String, Long> out = new java.util.HashMap<>();
        byStatus.forEach((k, v) -> out.put(k, ((Number) v).longValue()));
        return out;
    }

    /** Every search takes its text literally: a "%" or "_" in it finds that character and is no wildcard (SearchText). */
    @Test
    void everySearchTakesItsTextLiterally() {
        String tag = "lit" + UUID.randomUUID().toString().substring(0, 8);
        String withPercent = randomOri("ME");
        String withA = randomOri("ME");
        for (String[] agency : new String[][] {{withPercent, "Agency " + tag + "%x"}, {withA, "Agency " + tag + "ax"}}) {
            as(TestTokens.dojAdmin()).body(Map.of("ori", agency[0], "name", agency[1], "type", "LOCAL_MUNICIPAL", "state", "ME"))
                    .post("/api/v1/agencies").then().statusCode(201);
        }
        credentialed(withPercent, certified("Body " + tag + "%x"));
        credentialed(withA, certified("Body " + tag + "ax"));

        String token = TestTokens.dojAdmin();
        for (String search : List.of("/api/v1/agencies", "/api/v1/bodies", "/api/v1/public/bodies",
                "/api/v1/public/credentialed-agencies")) {
            search(token, search, tag).body("total", equalTo(2));
            search(token, search, tag + "%x").body("total", equalTo(1)).body("items[0].name", endsWith(tag + "%x"));
            search(token, search, " " + tag.toUpperCase() + "%X ").body("total", equalTo(1));
            search(token, search, tag + "_x").body("total", equalTo(0));
            search(token, search, tag + "\\").body("total", equalTo(0));
            search(token, search, tag + "!").body("total", equalTo(0));
            search(token, search, "%").body("items.name.findAll { !it.contains('%') }", hasSize(0));
        }
    }

    /** A search with {@code q} percent-encoded as a browser sends it. */
    private static io.restassured.response.ValidatableResponse search(String token, String path, String q) {
        return given().urlEncodingEnabled(false).auth().oauth2(token)
                .get(path + "?size=500&q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"))
                .then().statusCode(200);
    }

    private static String certified(String name) {
        String id = CredentialingApi.appliedBody(name, CredentialingApi.MANDATORY);
        as(TestTokens.dojAdmin()).body("{\"termMonths\":36}").post("/api/v1/bodies/{id}/certification", id).then().statusCode(200);
        return id;
    }
}
