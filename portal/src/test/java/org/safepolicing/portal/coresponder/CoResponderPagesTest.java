package org.safepolicing.portal.coresponder;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

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
import io.restassured.http.ContentType;

/** The co-responder page of an agency (Sec. 4) as its user sees it, and what each of its forms sends. */
@QuarkusTest
@QuarkusTestResource(PortalTestServices.class)
class CoResponderPagesTest {

    private static final String ORI = "VA0290100";
    private static final String BASE = "/api/v1/agencies/" + ORI;
    private static final String PROGRAM = "0b6f1a52-5f0e-4d7a-9c59-3c1f5d0f7a11";
    private static final ServiceStandIn CORESPONDER = PortalTestServices.CORESPONDER;

    private final String token = TestTokens.as("agency-user").claim("ori", ORI).claim("sid", "session-1").sign();

    @BeforeEach
    void theServiceKnowsOneStartedProgram() {
        CORESPONDER.reset();
        CORESPONDER.answer("GET", BASE + "/programs", 200, """
                {"items": [{"id": "%s", "ori": "%s", "partnerOrganization": "Fairfax Community Services Board",
                  "model": "CO_RESPONDER_RIDE_ALONG", "status": "ACTIVE",
                  "clinicians": [{"type": "SOCIAL_WORKER", "weeklyHours": 40}], "coverageHoursPerWeek": 60,
                  "coverageArea": "Fairfax County", "createdAt": "2026-01-05T10:00:00Z"}],
                 "page": 0, "size": 100, "total": 1}""".formatted(PROGRAM, ORI));
        CORESPONDER.answer("GET", BASE + "/training/coverage", 200, """
                {"coverage": {"ori": "%s", "trainedOfficers": 12, "swornOfficers": 48, "coverage": 0.25},
                 "byCourse": [{"courseCode": "CIT_40H", "officers": 12}]}""".formatted(ORI));
        CORESPONDER.answer("GET", "/api/v1/training/courses", 200, """
                [{"code": "CIT_40H", "title": "Crisis Intervention Team", "hours": 40}]""");
    }

    @Test
    void theAgencysUserSeesItsProgramsAndTrainingWithItsOwnToken() {
        String page = given().auth().oauth2(token).get("/agencies/" + ORI + "/coresponder")
                .then().statusCode(200).contentType(ContentType.HTML)
                .body(containsString("Fairfax Community Services Board"), containsString("CO_RESPONDER_RIDE_ALONG"),
                        containsString("SOCIAL_WORKER 40 h/week"), containsString("12 of 48 sworn officers"),
                        containsString("(25%)"), containsString("id=\"program-form\""),
                        containsString("id=\"encounters-form\""), containsString("id=\"completions-form\""),
                        containsString("Sec. 4(a)"), containsString("Sec. 4(b)"))
                .extract().asString();
        assertTrue(page.contains("<option value=\"" + PROGRAM + "\">"), "a started program takes encounters");
        assertEquals("Bearer " + token, CORESPONDER.sent("GET", BASE + "/programs").get(0).authorization(),
                "the service is asked with the user's own token");
        assertTrue(!page.contains(token), "no token in the page");
    }

    @Test
    void aReaderWithoutTheAgencyRoleSeesNoForms() {
        String doj = TestTokens.as("doj-admin").sign();
        given().auth().oauth2(doj).get("/agencies/" + ORI + "/coresponder")
                .then().statusCode(200).body(containsString("Fairfax Community Services Board"),
                        not(containsString("id=\"program-form\"")), not(containsString("id=\"completions-form\"")));
    }

    @Test
    void theServicesRefusalIsShownWithItsTitleAndDetail() {
        String other = TestTokens.as("agency-user").claim("ori", "MD0030000").sign();
        CORESPONDER.answer("GET", BASE + "/programs", 403, """
                {"type": "urn:safe-policing:problem:forbidden", "title": "Forbidden", "status": 403,
                 "detail": "agency-user of MD0030000 may not act for VA0290100"}""");
        given().auth().oauth2(other).get("/agencies/" + ORI + "/coresponder")
                .then().statusCode(403).body(containsString("agency-user of MD0030000 may not act for VA0290100"),
                        containsString("answered by coresponder-service"));
    }

    @Test
    void registeringAProgramSendsItsPositionsWithTheFormsKey() throws Exception {
        CORESPONDER.answer("POST", BASE + "/programs", 201, "{\"id\": \"" + PROGRAM + "\", \"status\": \"PLANNED\"}");
        Form form = form();
        given().auth().oauth2(token).redirects().follow(false)
                .formParam("csrf", form.csrf()).formParam("formKey", form.key())
                .formParam("partnerOrganization", "Arlington Crisis Team").formParam("model", "MOBILE_CRISIS_TEAM")
                .formParam("socialWorkers", "1").formParam("mentalHealthProfessionals", "2")
                .formParam("clinicianWeeklyHours", "20").formParam("coverageHoursPerWeek", "84")
                .formParam("coverageArea", " ")
                .post("/agencies/" + ORI + "/coresponder/programs")
                .then().statusCode(303).header("Location", endsWith("/agencies/" + ORI + "/coresponder?notice=registered"));

        ServiceStandIn.Sent sent = CORESPONDER.sent("POST", BASE + "/programs").get(0);
        assertEquals(form.key(), sent.idempotencyKey());
        assertEquals("Bearer " + token, sent.authorization());
        JsonNode body = Services.JSON.readTree(sent.body());
        assertEquals("Arlington Crisis Team", body.path("partnerOrganization").asText());
        assertEquals("MOBILE_CRISIS_TEAM", body.path("model").asText());
        assertEquals(84, body.path("coverageHoursPerWeek").asInt());
        assertTrue(body.path("coverageArea").isNull(), "a blank area is not sent as text");
        assertEquals(3, body.path("clinicians").size());
        assertEquals("SOCIAL_WORKER", body.path("clinicians").get(0).path("type").asText());
        assertEquals("MENTAL_HEALTH_PROFESSIONAL", body.path("clinicians").get(2).path("type").asText());
        assertEquals(20, body.path("clinicians").get(2).path("weeklyHours").asInt());
    }

    @Test
    void aFormWithAnotherSessionsCsrfTokenChangesNothing() {
        given().auth().oauth2(token).redirects().follow(false)
                .formParam("csrf", "not-this-sessions").formParam("model", "MOBILE_CRISIS_TEAM")
                .formParam("partnerOrganization", "X").formParam("coverageHoursPerWeek", "10")
                .post("/agencies/" + ORI + "/coresponder/programs")
                .then().statusCode(403).body(containsString("CSRF"));
        assertTrue(CORESPONDER.sent("POST", BASE + "/programs").isEmpty(), "nothing reached the service");
    }

    @Test
    void aStatusChangeTheServiceRefusesIsShownAsItsProblem() {
        CORESPONDER.answer("POST", BASE + "/programs/" + PROGRAM + "/status", 409, """
                {"type": "urn:safe-policing:problem:illegal-transition", "title": "Illegal transition", "status": 409,
                 "detail": "a program in ACTIVE cannot become ACTIVE", "currentState": "ACTIVE"}""");
        Form form = form();
        given().auth().oauth2(token).redirects().follow(false)
                .formParam("csrf", form.csrf()).formParam("formKey", form.key()).formParam("status", "ACTIVE")
                .post("/agencies/" + ORI + "/coresponder/programs/" + PROGRAM + "/status")
                .then().statusCode(409).body(containsString("Illegal transition"),
                        containsString("a program in ACTIVE cannot become ACTIVE"));
        assertEquals("{\"status\":\"ACTIVE\",\"reason\":null}",
                CORESPONDER.sent("POST", BASE + "/programs/" + PROGRAM + "/status").get(0).body());
    }

    @Test
    void anEncounterFileGoesToTheBulkEndpointAsItIsWithTheFormsKey() {
        CORESPONDER.answer("POST", BASE + "/programs/" + PROGRAM + "/encounters/bulk", 200,
                "{\"programId\": \"" + PROGRAM + "\", \"accepted\": 2}");
        String file = "{\"encounters\": [{\"occurredAt\": \"2026-03-01T21:14:00Z\"}, {\"occurredAt\": \"2026-03-02T08:00:00Z\"}]}";
        Form form = form();
        given().auth().oauth2(token).redirects().follow(false)
                .multiPart("csrf", form.csrf()).multiPart("formKey", form.key()).multiPart("programId", PROGRAM)
                .multiPart("file", "march.json", file.getBytes(StandardCharsets.UTF_8), "application/json")
                .post("/agencies/" + ORI + "/coresponder/encounters")
                .then().statusCode(303).header("Location", endsWith("?notice=encounters&count=2"));

        ServiceStandIn.Sent sent = CORESPONDER.sent("POST", BASE + "/programs/" + PROGRAM + "/encounters/bulk").get(0);
        assertEquals(file, sent.body(), "the file is sent as it was uploaded");
        assertEquals("application/json", sent.contentType());
        assertEquals(form.key(), sent.idempotencyKey(), "a form sent twice stores its encounters once");

        given().auth().oauth2(token).get("/agencies/" + ORI + "/coresponder?notice=encounters&count=2")
                .then().statusCode(200).body(containsString("2 encounter(s) stored"));
    }

    @Test
    void aRefusedEncounterFileListsEveryWrongLineInATable() {
        CORESPONDER.answer("POST", BASE + "/programs/" + PROGRAM + "/encounters/bulk", 400, """
                {"type": "urn:safe-policing:problem:identifying-field", "title": "Identifying field", "status": 400,
                 "detail": "2 encounters carry a field that could identify a person; nothing was stored",
                 "errors": [{"field": "encounters[0].clientName", "message": "could identify a person"},
                            {"field": "encounters[3].outcome", "message": "is required"}],
                 "errorCount": 1500}""");
        Form form = form();
        String page = given().auth().oauth2(token).redirects().follow(false)
                .multiPart("csrf", form.csrf()).multiPart("formKey", form.key()).multiPart("programId", PROGRAM)
                .multiPart("file", "bad.json", "{\"encounters\": []}".getBytes(StandardCharsets.UTF_8), "application/json")
                .post("/agencies/" + ORI + "/coresponder/encounters")
                .then().statusCode(400).body(containsString("Identifying field"), containsString("id=\"problem-errors\""),
                        containsString("The first 2 of 1500 errors"))
                .extract().asString();
        assertTrue(page.matches("(?s).*<code>encounters\\[0]\\.clientName</code></th><td>could identify a person</td>.*"), page);
        assertTrue(page.matches("(?s).*<code>encounters\\[3]\\.outcome</code></th><td>is required</td>.*"), page);
    }

    @Test
    void completionsAreSentOneALineAndTheServicesErrorsNameTheLine() throws Exception {
        CORESPONDER.answer("POST", BASE + "/training/completions", 422, """
                {"type": "urn:safe-policing:problem:unknown-course", "title": "Unknown course", "status": 422,
                 "detail": "1 completion(s) name a course that is not in the catalog; nothing was recorded",
                 "errors": [{"field": "completions[1].courseCode", "message": "is not in the catalog"}]}""");
        Form form = form();
        given().auth().oauth2(token).redirects().follow(false)
                .formParam("csrf", form.csrf()).formParam("formKey", form.key())
                .formParam("completions", "B-1042, CIT_40H, 2026-03-15\n\nB-1043;NO_SUCH;2026-03-16\n")
                .post("/agencies/" + ORI + "/coresponder/training")
                .then().statusCode(422).body(containsString("Unknown course"),
                        containsString("<code>line 3: courseCode</code></th><td>is not in the catalog</td>"));

        JsonNode sent = Services.JSON.readTree(CORESPONDER.sent("POST", BASE + "/training/completions").get(0).body());
        assertEquals(2, sent.path("completions").size());
        assertEquals("B-1043", sent.path("completions").get(1).path("officerRef").asText());
        assertEquals("NO_SUCH", sent.path("completions").get(1).path("courseCode").asText());
        assertEquals("2026-03-16", sent.path("completions").get(1).path("completedOn").asText());
    }

    @Test
    void recordedCompletionsAreCountedOnThePage() {
        CORESPONDER.answer("POST", BASE + "/training/completions", 200, """
                {"recorded": 1, "alreadyRecorded": 1, "coverage": {"ori": "%s", "trainedOfficers": 13,
                 "swornOfficers": 48, "coverage": 0.27}}""".formatted(ORI));
        Form form = form();
        given().auth().oauth2(token).redirects().follow(false)
                .formParam("csrf", form.csrf()).formParam("formKey", form.key())
                .formParam("completions", "B-1042, CIT_40H, 2026-03-15\nB-1044, CIT_40H, 2026-03-15")
                .post("/agencies/" + ORI + "/coresponder/training")
                .then().statusCode(303).header("Location", endsWith("?notice=completions&count=1&more=1"));
        given().auth().oauth2(token).get("/agencies/" + ORI + "/coresponder?notice=completions&count=1&more=1")
                .then().statusCode(200).body(containsString("1 completion(s) recorded, 1 already on record."));
    }

    @Test
    void aLineWithoutItsThreeValuesIsNamedAndNothingIsSent() {
        Form form = form();
        given().auth().oauth2(token).redirects().follow(false)
                .formParam("csrf", form.csrf()).formParam("formKey", form.key())
                .formParam("completions", "B-1042, CIT_40H, 2026-03-15\nB-1043 CIT_40H")
                .post("/agencies/" + ORI + "/coresponder/training")
                .then().statusCode(400).body(containsString("<code>line 2</code>"), containsString("it has 1"));
        assertTrue(CORESPONDER.sent("POST", BASE + "/training/completions").isEmpty());
    }

    /** The CSRF token and a form key, as the page renders them for this session. */
    private Form form() {
        String page = given().auth().oauth2(token).get("/agencies/" + ORI + "/coresponder").then().statusCode(200)
                .extract().asString();
        return new Form(FormFields.hidden(page, "csrf"), FormFields.hidden(page, "formKey"));
    }

    record Form(String csrf, String key) {
    }
}
