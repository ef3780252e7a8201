package org.safepolicing.portal.grants;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safepolicing.portal.web.FormFields;
import org.safepolicing.portal.web.PortalTestServices;
import org.safepolicing.portal.web.ServiceStandIn;
import org.safepolicing.portal.web.Services;
import org.safepolicing.testing.TestTokens;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** DOJ creates a grant program on /grants (Sec. 5): what the form sends, where the answer leads, how a refusal reads. */
@QuarkusTest
@QuarkusTestResource(PortalTestServices.class)
class GrantProgramFormTest {

    private static final String PROGRAM = "5d1c7e1a-2b7c-4f0e-9a51-7d8e2c4b9f10";
    private static final ServiceStandIn GRANTS = PortalTestServices.GRANTS;

    private final String doj = TestTokens.as("doj-admin").claim("sid", "session-doj").sign();

    @BeforeEach
    void noProgramYet() {
        GRANTS.reset();
        GRANTS.answer("GET", "/api/v1/grant-programs", 200, "{\"items\": [], \"page\": 0, \"size\": 100, \"total\": 0}");
        GRANTS.answer("GET", "/api/v1/grant-awards", 200, "{\"items\": [], \"page\": 0, \"size\": 100, \"total\": 0}");
    }

    @Test
    void dojCreatesAProgramWithItsConditionsAndIsLedToItsPage() throws Exception {
        GRANTS.answer("POST", "/api/v1/grant-programs", 201, "{\"id\": \"" + PROGRAM + "\"}");
        String page = given().auth().oauth2(doj).get("/grants").then().statusCode(200)
                .body(containsString("id=\"grant-program-form\""), containsString("Sec. 2(b)"),
                        containsString("Sec. 3(d)"), containsString("CORESPONDER_COMMUNITY_SUPPORT"))
                .extract().asString();
        String csrf = FormFields.hidden(page, "csrf");
        String key = FormFields.hidden(page, "formKey");

        given().auth().oauth2(doj).redirects().follow(false)
                .formParam("csrf", csrf).formParam("formKey", key)
                .formParam("name", "FY2027 Co-Responder Program Support").formParam("area", "CORESPONDER_COMMUNITY_SUPPORT")
                .formParam("fiscalYear", "2027").formParam("appropriation", "5,000,000.00")
                .formParam("applicationOpens", "2026-10-01").formParam("applicationCloses", "2027-03-31")
                .formParam("agencyType", "LOCAL_MUNICIPAL").formParam("agencyType", "COUNTY_SHERIFF")
                .formParam("rule", "CORESPONDER_PROGRAM").formParam("rule", "TRAINING_COVERAGE")
                .formParam("minimumTrainingPercent", "25")
                .post("/grants/programs")
                .then().statusCode(303).header("Location", endsWith("/grants/programs/" + PROGRAM + "?notice=created"));

        ServiceStandIn.Sent sent = GRANTS.sent("POST", "/api/v1/grant-programs").get(0);
        assertEquals("Bearer " + doj, sent.authorization());
        assertEquals(key, sent.idempotencyKey());
        JsonNode terms = Services.JSON.readTree(sent.body());
        assertEquals("FY2027 Co-Responder Program Support", terms.path("name").asText());
        assertEquals(2027, terms.path("fiscalYear").asInt());
        assertEquals("5000000.00", terms.path("appropriation").decimalValue().toPlainString(), "the cents are kept");
        assertEquals("2026-10-01", terms.path("applicationOpens").asText());
        assertEquals("[\"LOCAL_MUNICIPAL\",\"COUNTY_SHERIFF\"]", terms.path("allowedAgencyTypes").toString());
        assertEquals("[\"SEC_2B_CREDENTIAL\",\"SEC_3D_REPORTING\",\"CORESPONDER_PROGRAM\",\"TRAINING_COVERAGE\"]",
                terms.path("rules").toString(), "the order's two conditions are always sent");
        assertEquals("0.25", terms.path("minimumTrainingCoverage").decimalValue().toPlainString());
    }

    @Test
    void termsTheServiceRefusesAreShownFieldByField() {
        GRANTS.answer("POST", "/api/v1/grant-programs", 422, """
                {"type": "urn:safe-policing:problem:invalid-terms", "title": "Invalid terms", "status": 422,
                 "detail": "the application window closes before it opens",
                 "errors": [{"field": "applicationCloses", "message": "must be after applicationOpens"}]}""");
        String page = given().auth().oauth2(doj).get("/grants").then().statusCode(200).extract().asString();
        given().auth().oauth2(doj).redirects().follow(false)
                .formParam("csrf", FormFields.hidden(page, "csrf"))
                .formParam("name", "X").formParam("area", "OFFICER_MENTAL_HEALTH").formParam("fiscalYear", "2027")
                .formParam("appropriation", "100.00").formParam("applicationOpens", "2027-03-01")
                .formParam("applicationCloses", "2026-03-01")
                .post("/grants/programs")
                .then().statusCode(422).body(containsString("Invalid terms"),
                        containsString("the application window closes before it opens"),
                        containsString("<code>applicationCloses</code></th><td>must be after applicationOpens</td>"));
    }

    @Test
    void aGrantOfficerSeesNoProgramForm() {
        given().auth().oauth2(TestTokens.as("grant-officer").sign()).get("/grants").then().statusCode(200)
                .body(containsString("Programs"), not(containsString("id=\"grant-program-form\"")));
        assertTrue(GRANTS.sent("POST", "/api/v1/grant-programs").isEmpty());
    }
}
