package org.safepolicing.portal.agency;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
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

/** An agency's bulk upload of records (Sec. 3(a)) on its records page: what is sent, and each line's result or error. */
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
        String page = given().auth().oauth2(token).get("/agencies/" + ORI + "/records").then().statusCode(200)
                .extract().asString();
        given().auth().oauth2(token)
                .multiPart("csrf", FormFields.hidden(page, "csrf")).multiPart("formKey", "key-3")
                .multiPart("file", "records.csv", "state,number\nVA,123".getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/agencies/" + ORI + "/records/bulk")
                .then().statusCode(400).body(containsString("is not JSON"));
        assertTrue(RECORDS.sent("POST", BULK).isEmpty(), "nothing reached records-service");
    }
}
