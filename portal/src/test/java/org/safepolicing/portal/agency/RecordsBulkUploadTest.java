package org.safepolicing.portal.agency;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/**
 * An agency's bulk upload of records (Sec. 3(a)) on its records page, as JSON or CSV: what is sent, and each line's
 * result or error (the portal's own for CSV lines it cannot read, the service's by the line of the file).
 */
@QuarkusTest
@QuarkusTestResource(PortalTestServices.class)
class RecordsBulkUploadTest {

    private static final String ORI = "VA0290100";
    private static final String BULK = "/api/v1/agencies/" + ORI + "/records/bulk";
    private static final ServiceStandIn RECORDS = PortalTestServices.RECORDS;
    private static final String FILE = "[{\"category\": \"TERMINATION\"}, {\"category\": \"DECERTIFICATION\"}]";

    private final String token = TestTokens.as("agency-user").claim("ori", ORI).claim("sid", "session-r").sign();

    @BeforeEach
    void anAgencyWithNothingDue() {
        RECORDS.reset();
        RECORDS.answer("GET", "/api/v1/agencies/" + ORI + "/reporting", 200, "{\"current\": true, \"periods\": []}");
        RECORDS.answer("GET", "/api/v1/agencies/" + ORI + "/notifications", 200,
                "{\"items\": [], \"page\": 0, \"size\": 50, \"total\": 0}");
    }

    @Test
    void eachLineOfTheFileIsShownWithTheRecordItBecame() throws Exception {
        RECORDS.answer("POST", BULK, 201, """
                {"submissionId": "9a0e7b52-1111-4d7a-9c59-3c1f5d0f7a11", "clientKey": "k", "replayed": false,
                 "recordIds": ["2f6c0e4e-0000-4000-8000-000000000001", "2f6c0e4e-0000-4000-8000-000000000002"]}""");
        String page = given().auth().oauth2(token).get("/agencies/" + ORI + "/records").then().statusCode(200)
                .body(containsString("id=\"bulk-form\""), containsString("<progress id=\"bulk-progress\""),
                        containsString("src=\"/assets/upload.js\""))
                .extract().asString();
        String key = FormFields.hidden(page.substring(page.indexOf("id=\"bulk-form\"")), "formKey");

        String result = given().auth().oauth2(token)
                .multiPart("csrf", FormFields.hidden(page, "csrf")).multiPart("formKey", key)
                .multiPart("file", "records.json", FILE.getBytes(StandardCharsets.UTF_8), "application/json")
                .post("/agencies/" + ORI + "/records/bulk")
                .then().statusCode(200).body(containsString("2 record(s) stored"), containsString("id=\"bulk-results\""))
                .extract().asString();
        assertTrue(result.matches("(?s).*<th scope=\"row\">2</th><td><code>2f6c0e4e-0000-4000-8000-000000000002</code>.*"),
                result);

        ServiceStandIn.Sent sent = RECORDS.sent("POST", BULK).get(0);
        assertEquals(key, sent.idempotencyKey(), "a form sent twice stores once");
        assertEquals("Bearer " + token, sent.authorization());
        JsonNode body = Services.JSON.readTree(sent.body());
        assertEquals(key, body.path("clientKey").asText(), "the form's key is the submission's clientKey");
        assertEquals(2, body.path("records").size());
        assertEquals("DECERTIFICATION", body.path("records").get(1).path("category").asText());
    }

    @Test
    void aRefusedFileListsEachWrongLineAndNothingIsStored() {
        RECORDS.answer("POST", BULK, 422, """
                {"type": "urn:safe-policing:problem:invalid-record", "title": "Invalid records", "status": 422,
                 "detail": "nothing was stored",
                 "errors": [{"field": "records[1].fairProcess.noticeDate", "message": "is required for a DECERTIFICATION"}]}""");
        String page = given().auth().oauth2(token).get("/agencies/" + ORI + "/records").then().statusCode(200)
                .extract().asString();
        given().auth().oauth2(token)
                .multiPart("csrf", FormFields.hidden(page, "csrf")).multiPart("formKey", "key-2")
                .multiPart("file", "records.json", ("{\"records\": " + FILE + "}").getBytes(StandardCharsets.UTF_8),
                        "application/json")
                .post("/agencies/" + ORI + "/records/bulk")
                .then().statusCode(422).body(containsString("Invalid records"), containsString(
                        "<code>records[1].fairProcess.noticeDate</code></th><td>is required for a DECERTIFICATION</td>"));
    }

    @Test
    void aFileThatIsNotJsonIsRefusedBeforeTheService() {
        String page = records();
        given().auth().oauth2(token)
                .multiPart("csrf", FormFields.hidden(page, "csrf")).multiPart("formKey", "key-3")
                .multiPart("file", "records.json", "{\"records\": [".getBytes(StandardCharsets.UTF_8), "application/json")
                .post("/agencies/" + ORI + "/records/bulk")
                .then().statusCode(400).body(containsString("is not JSON"));
        assertTrue(RECORDS.sent("POST", BULK).isEmpty(), "nothing reached records-service");
    }

    /** Two records; the first one's summary is quoted over two lines with a comma and a quote, so record 2 is on line 4. */
    private static final String CSV = "\uFEFFcategory,officer.state,officer.certificationNumber,officer.firstName,"
            + "officer.lastName,officer.dateOfBirth,incidentDate,summary,fairProcess.hearingHeld,"
            + "FAIRPROCESS.APPEALSTATUS\r\n"
            + "termination,va,C-100,Ann,Smith,1980-04-30,2025-01-02,\"Left, then \"\"came back\"\"\r\nthe next day\",yes,"
            + "exhausted\r\n"
            + "TERMINATION,VA,C-200,Bo,Lee,1975-11-01,,Second,false,NONE\r\n"
            + "\r\n";

    @Test
    void eachLineOfACsvFileBecomesARecordAndIsShownByItsLine() throws Exception {
        RECORDS.answer("POST", BULK, 201, """
                {"submissionId": "9a0e7b52-1111-4d7a-9c59-3c1f5d0f7a12", "clientKey": "k", "replayed": false,
                 "recordIds": ["2f6c0e4e-0000-4000-8000-000000000011", "2f6c0e4e-0000-4000-8000-000000000012"]}""");
        String page = records();
        String key = FormFields.hidden(page.substring(page.indexOf("id=\"bulk-form\"")), "formKey");

        String result = given().auth().oauth2(token)
                .multiPart("csrf", FormFields.hidden(page, "csrf")).multiPart("formKey", key)
                .multiPart("file", "records.csv", CSV.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/agencies/" + ORI + "/records/bulk")
                .then().statusCode(200).body(containsString("2 record(s) stored"), containsString("Line of the file"))
                .extract().asString();
        assertTrue(result.matches("(?s).*<th scope=\"row\">2</th><td><code>2f6c0e4e-0000-4000-8000-000000000011</code>.*"
                + "<th scope=\"row\">4</th><td><code>2f6c0e4e-0000-4000-8000-000000000012</code>.*"), result);

        ServiceStandIn.Sent sent = RECORDS.sent("POST", BULK).get(0);
        assertEquals(key, sent.idempotencyKey());
        assertEquals("application/json", sent.contentType(), "records-service takes the CSV's records as JSON");
        JsonNode body = Services.JSON.readTree(sent.body());
        assertEquals(key, body.path("clientKey").asText());
        assertEquals(2, body.path("records").size(), "the empty last line is no record");
        JsonNode first = body.path("records").get(0);
        assertEquals("TERMINATION", first.path("category").asText());
        assertEquals("VA", first.path("officer").path("state").asText());
        assertEquals("1980-04-30", first.path("officer").path("dateOfBirth").asText());
        assertEquals("Left, then \"came back\"\r\nthe next day", first.path("summary").asText());
        assertTrue(first.path("fairProcess").path("hearingHeld").isBoolean());
        assertTrue(first.path("fairProcess").path("hearingHeld").asBoolean());
        assertEquals("EXHAUSTED", first.path("fairProcess").path("appealStatus").asText());
        JsonNode second = body.path("records").get(1);
        assertFalse(second.has("incidentDate"), "an empty cell leaves its field out");
        assertFalse(second.path("fairProcess").path("hearingHeld").asBoolean(true));
        assertEquals("C-200", second.path("officer").path("certificationNumber").asText());
    }

    @Test
    void linesThePortalCannotReadAreListedByLineAndNothingIsSent() {
        String csv = "officer.state,officer.dateOfBirth,category,fairProcess.hearingHeld\n"
                + "VA,1980-04-30,TERMINATION,true\n"
                + "VA,1980-04-30,TERMINATION\n"
                + "VA,30/04/1980,TERMINATION,true\n"
                + "VA,1980-04-30,FIRED,maybe\n"
                + "VA,1980-04-30,TERMINATION,\"true\" \n"
                + "VA,\"1980-04-30,TERMINATION,true\n";
        String page = records();
        given().auth().oauth2(token)
                .multiPart("csrf", FormFields.hidden(page, "csrf")).multiPart("formKey", "key-4")
                .multiPart("file", "records.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/agencies/" + ORI + "/records/bulk")
                .then().statusCode(400).body(containsString("Lines that cannot be read"),
                        containsString("<code>line 3</code></th><td>has 3 cell(s) where the header names 4"),
                        containsString("<code>line 4</code></th><td>officer.dateOfBirth: &#39;30/04/1980&#39; is not a date"),
                        containsString("<code>line 5</code></th><td>category: &#39;FIRED&#39; is not a category"),
                        containsString("<code>line 5</code></th><td>fairProcess.hearingHeld: &#39;maybe&#39; is neither"),
                        containsString("<code>line 6</code></th><td>has text after a closing quote"),
                        containsString("<code>line 7</code></th><td>opens a quoted cell that is never closed"))
                .body(not(containsString("<code>line 2</code>")));
        assertTrue(RECORDS.sent("POST", BULK).isEmpty(), "nothing reached records-service");
    }

    @Test
    void aHeaderWithAColumnNoRecordHasIsRefused() {
        String page = records();
        given().auth().oauth2(token)
                .multiPart("csrf", FormFields.hidden(page, "csrf")).multiPart("formKey", "key-5")
                .multiPart("file", "records.csv", "state,officer.lastName,officer.lastName\nVA,Lee,Lee\n"
                        .getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/agencies/" + ORI + "/records/bulk")
                .then().statusCode(400).body(containsString("a column &#39;state&#39; that a record does not have"),
                        containsString("names the column officer.lastName twice"));
        assertTrue(RECORDS.sent("POST", BULK).isEmpty());
    }

    @Test
    void aCsvFileThatIsNotUtf8IsRefused() {
        String page = records();
        byte[] latin1 = "officer.lastName,category\nM\u00fcller,TERMINATION\n".getBytes(StandardCharsets.ISO_8859_1);
        given().auth().oauth2(token)
                .multiPart("csrf", FormFields.hidden(page, "csrf")).multiPart("formKey", "key-6")
                .multiPart("file", "records.csv", latin1, "text/csv")
                .post("/agencies/" + ORI + "/records/bulk")
                .then().statusCode(400).body(containsString("is not UTF-8 text"));
        assertTrue(RECORDS.sent("POST", BULK).isEmpty());
    }

    @Test
    void theServicesRefusalOfACsvRecordIsShownByTheLineOfTheFile() {
        RECORDS.answer("POST", BULK, 400, """
                {"type": "urn:safe-policing:problem:validation", "title": "Invalid request", "status": 400,
                 "detail": "nothing was stored", "errors": [
                   {"field": "records[1].officer.dateOfBirth", "message": "must be a past date"},
                   {"field": "records[0]", "message": "a record of this officer exists"},
                   {"field": "clientKey", "message": "size must be between 0 and 100"}]}""");
        String page = records();
        given().auth().oauth2(token)
                .multiPart("csrf", FormFields.hidden(page, "csrf")).multiPart("formKey", "key-7")
                .multiPart("file", "records.csv", CSV.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/agencies/" + ORI + "/records/bulk")
                .then().statusCode(400).body(containsString("Invalid request"),
                        containsString("<code>line 4: officer.dateOfBirth</code></th><td>must be a past date"),
                        containsString("<code>line 2</code></th><td>a record of this officer exists"),
                        containsString("<code>clientKey</code></th><td>size must be"));
    }

    @Test
    void thePageNamesEveryCsvColumnThePortalReads() {
        String page = records();
        for (String column : RecordsCsv.COLUMNS.keySet()) {
            assertTrue(page.contains("<th scope=\"row\"><code>" + column + "</code></th>"), column);
        }
        assertTrue(page.contains("accept=\".json,application/json,.csv,text/csv\""), "the file chooser offers CSV");
    }

    private String records() {
        return given().auth().oauth2(token).get("/agencies/" + ORI + "/records").then().statusCode(200)
                .extract().asString();
    }
}
