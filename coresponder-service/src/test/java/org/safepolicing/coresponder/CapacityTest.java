package org.safepolicing.coresponder;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.safepolicing.coresponder.CoresponderApi.EVENT_WAIT;
import static org.safepolicing.coresponder.CoresponderApi.activeProgram;
import static org.safepolicing.coresponder.CoresponderApi.as;
import static org.safepolicing.coresponder.CoresponderApi.hhs;
import static org.safepolicing.coresponder.CoresponderApi.program;
import static org.safepolicing.coresponder.CoresponderApi.randomOri;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/** Guam (GU) is used by this test only, so the state's figures are exactly what it sets up. */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "coresponder"))
class CapacityTest {

    @Test
    void cliniciansPer100SwornAndPer100kResidentsPerAgencyAndState() {
        String a = randomOri("GU");
        String b = randomOri("GU");
        Registry.agency(a, AgencyType.LOCAL_MUNICIPAL, 200, 100_000L);
        Registry.agency(b, AgencyType.COUNTY_SHERIFF, 50, 20_000L);
        await().atMost(EVENT_WAIT).until(() -> TrainingCoverageTest.sworn(a) == 200 && TrainingCoverageTest.sworn(b) == 50);
        // a social worker (40 h) and a mental-health professional (20 h) in the ACTIVE program; the PLANNED one does not count
        activeProgram(a, "CO_RESPONDER_RIDE_ALONG");
        program(a, "TELEHEALTH");

        as(TestTokens.agencyUser(a)).get("/api/v1/capacity/agencies/{ori}", a).then().statusCode(200)
                .body("agencyType", equalTo("LOCAL_MUNICIPAL"))
                .body("activePrograms", equalTo(1))
                .body("clinicians", equalTo(2)).body("socialWorkers", equalTo(1)).body("mentalHealthProfessionals", equalTo(1))
                .body("clinicianFte", equalTo(1.5f))
                .body("cliniciansPer100Sworn", equalTo(1.0f))
                .body("cliniciansPer100kResidents", equalTo(2.0f))
                .body("ftePer100Sworn", equalTo(0.75f))
                .body("ftePer100kResidents", equalTo(1.5f));
        as(hhs()).get("/api/v1/capacity/agencies/{ori}", b).then().statusCode(200)
                .body("clinicians", equalTo(0)).body("cliniciansPer100Sworn", equalTo(0.0f));
        // an agency the registry has not told us about: no denominators, so no ratios
        as(hhs()).get("/api/v1/capacity/agencies/{ori}", randomOri("AS")).then().statusCode(200)
                .body("swornOfficers", nullValue()).body("cliniciansPer100Sworn", nullValue());

        as(hhs()).queryParam("state", "GU").get("/api/v1/capacity/states").then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].state", equalTo("GU"))
                .body("[0].agencies", equalTo(2))
                .body("[0].swornOfficers", equalTo(250))
                .body("[0].populationServed", equalTo(120_000))
                .body("[0].clinicians", equalTo(2))
                .body("[0].cliniciansPer100Sworn", equalTo(0.8f))
                .body("[0].cliniciansPer100kResidents", equalTo(1.6667f))
                .body("[0].ftePer100Sworn", equalTo(0.6f))
                .body("[0].ftePer100kResidents", equalTo(1.25f));
    }

    @Test
    void capacityIsScopedByRole() {
        String a = randomOri("GU");
        as(TestTokens.agencyUser(randomOri("VI"))).get("/api/v1/capacity/agencies/{ori}", a).then().statusCode(403);
        as(TestTokens.agencyUser(a)).get("/api/v1/capacity/states").then().statusCode(403);
        as(TestTokens.as("officer").sign()).get("/api/v1/capacity/agencies/{ori}", a).then().statusCode(403);
        io.restassured.RestAssured.given().get("/api/v1/capacity/states").then().statusCode(401);
        as(TestTokens.as("grant-officer").sign()).get("/api/v1/capacity/states").then().statusCode(200);
        as(hhs()).queryParam("state", "Guam").get("/api/v1/capacity/states").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
