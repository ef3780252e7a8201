package org.safepolicing.credentialing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safepolicing.credentialing.CredentialingApi.MANDATORY;
import static org.safepolicing.credentialing.CredentialingApi.appliedBody;
import static org.safepolicing.credentialing.CredentialingApi.as;
import static org.safepolicing.credentialing.CredentialingApi.assessor;
import static org.safepolicing.credentialing.CredentialingApi.credentialed;
import static org.safepolicing.credentialing.CredentialingApi.randomOri;
import static org.safepolicing.credentialing.CredentialingApi.registerAgency;
import static org.safepolicing.credentialing.CredentialingApi.seek;

import java.time.LocalDate;
import java.time.ZoneOffset;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/** The yearly list of eligible agencies per body (Sec. 2(b)): asOf filters, ?year= lists a year, DOJ freezes a closed year. */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "credentialing"))
class EligibleListYearsTest {

    private static final String LIST = "/api/v1/bodies/{id}/reports/eligible-agencies";

    @Test
    void asOfFiltersAndAClosedYearIsFrozenWhileTheLiveViewMovesOn() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int year = today.getYear();
        // a body certified since January 1, so it stood yesterday too
        String bodyId = appliedBody("Yearly List Body", MANDATORY);
        as(TestTokens.dojAdmin()).body("{\"termMonths\":36,\"termStart\":\"" + LocalDate.of(year, 1, 1) + "\"}")
                .post("/api/v1/bodies/{id}/certification", bodyId).then().statusCode(200);
        String held = randomOri("VA");
        String seeking = randomOri("VA");
        registerAgency(held, "LOCAL_MUNICIPAL");
        registerAgency(seeking, "COUNTY_SHERIFF");
        credentialed(held, bodyId);
        seek(seeking, bodyId);

        // today: both; on a day before either sought (and before the grant), neither
        as(assessor(bodyId)).get(LIST, bodyId).then().statusCode(200)
                .body("agencies.ori", hasItems(held, seeking)).body("asOf", equalTo(today.toString()));
        if (today.getDayOfYear() > 1) {
            as(assessor(bodyId)).queryParam("asOf", today.minusDays(1).toString()).get(LIST, bodyId).then().statusCode(200)
                    .body("asOf", equalTo(today.minusDays(1).toString()))
                    .body("agencies.ori", not(hasItem(held))).body("agencies.ori", not(hasItem(seeking)));
        }
        // the year's list, live: both, with their status on their last day
        as(TestTokens.dojAdmin()).queryParam("year", year).get(LIST, bodyId).then().statusCode(200)
                .body("year", equalTo(year)).body("closed", equalTo(false))
                .body("agencies.find { it.ori == '%s' }.status".formatted(held), equalTo("CREDENTIALED"))
                .body("agencies.find { it.ori == '%s' }.status".formatted(seeking), equalTo("SOUGHT"));

        // only DOJ closes a year; the snapshot is dated and stored
        as(assessor(bodyId)).post(LIST + "/years/{year}/closure", bodyId, year).then().statusCode(403);
        as(TestTokens.dojAdmin()).post(LIST + "/years/{year}/closure", bodyId, year).then().statusCode(201)
                .body("closed", equalTo(true)).body("closedAt", notNullValue()).body("closedBy", notNullValue())
                .body("year", equalTo(year)).body("asOf", equalTo(today.toString()))
                .body("agencies.ori", hasItems(held, seeking));
        as(TestTokens.dojAdmin()).post(LIST + "/years/{year}/closure", bodyId, year).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:safe-policing:problem:year-already-closed"));

        // after the closure: a new agency appears live, never in the closed year
        String late = randomOri("VA");
        registerAgency(late, "LOCAL_MUNICIPAL");
        credentialed(late, bodyId);
        as(assessor(bodyId)).get(LIST, bodyId).then().statusCode(200).body("agencies.ori", hasItem(late));
        as(assessor(bodyId)).queryParam("year", year).get(LIST, bodyId).then().statusCode(200)
                .body("closed", equalTo(true)).body("agencies.ori", not(hasItem(late)))
                .body("agencies.ori", hasItems(held, seeking));
        String csv = as(TestTokens.dojAdmin()).accept("text/csv").queryParam("year", year).get(LIST, bodyId)
                .then().statusCode(200).extract().asString();
        assertTrue(csv.contains(held) && csv.contains(seeking), csv);
        assertFalse(csv.contains(late), csv);
        // the audit trail has the closure
        as(TestTokens.as("auditor").sign()).queryParam("objectType", "credentialing-body").queryParam("objectId", bodyId + "/" + year).get("/api/v1/audit/entries").then()
                .statusCode(200).body("items.action", hasItem("report.eligible-agencies.close-year"));
    }

    @Test
    void badYearsAndDaysAreProblems() {
        String bodyId = CredentialingApi.certifiedBody();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        as(TestTokens.dojAdmin()).queryParam("asOf", "yesterday").get(LIST, bodyId).then().statusCode(400)
                .contentType("application/problem+json");
        as(TestTokens.dojAdmin()).queryParam("asOf", today.plusDays(1).toString()).get(LIST, bodyId).then().statusCode(422)
                .body("type", equalTo("urn:safe-policing:problem:as-of-in-future"));
        as(TestTokens.dojAdmin()).queryParam("year", "20x6").get(LIST, bodyId).then().statusCode(400);
        as(TestTokens.dojAdmin()).queryParam("year", 2019).get(LIST, bodyId).then().statusCode(422);
        as(TestTokens.dojAdmin()).queryParam("year", today.getYear()).queryParam("asOf", today.toString()).get(LIST, bodyId)
                .then().statusCode(400);
        as(TestTokens.dojAdmin()).post(LIST + "/years/{year}/closure", bodyId, today.getYear() + 1).then().statusCode(422)
                .body("type", equalTo("urn:safe-policing:problem:year-out-of-range"));
        as(TestTokens.dojAdmin()).post(LIST + "/years/{year}/closure", java.util.UUID.randomUUID(), today.getYear()).then().statusCode(404);
        given().post(LIST + "/years/{year}/closure", bodyId, today.getYear()).then().statusCode(401);
    }
}
