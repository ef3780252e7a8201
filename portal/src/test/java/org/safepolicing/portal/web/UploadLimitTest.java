package org.safepolicing.portal.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safepolicing.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An upload over the portal's 2 MB limit gets the portal's page that names the limit, not the HTTP server's bare 413,
 * and reaches no service; an upload under it goes through. The oversized requests announce their length, as a browser
 * does for every form it posts; a chunked one is cut off by Quarkus REST.
 */
@QuarkusTest
@QuarkusTestResource(PortalTestServices.class)
class UploadLimitTest {

    private static final String ORI = "VA0290100";
    private static final String BULK = "/api/v1/agencies/" + ORI + "/records/bulk";
    private static final ServiceStandIn RECORDS = PortalTestServices.RECORDS;
    private static final int MB = 1024 * 1024;

    private final String token = TestTokens.as("agency-user").claim("ori", ORI).claim("sid", "session-u").sign();

    @BeforeEach
    void anAgencyWithNothingDue() {
        RECORDS.reset();
        RECORDS.answer("GET", "/api/v1/agencies/" + ORI + "/reporting", 200, "{\"current\": true, \"periods\": []}");
        RECORDS.answer("GET", "/api/v1/agencies/" + ORI + "/notifications", 200,
                "{\"items\": [], \"page\": 0, \"size\": 50, \"total\": 0}");
    }

    @Test
    void anUploadOverTheLimitGetsThePortalsPageNamingTheLimit() throws Exception {
        // as a browser posts a form: the length announced, the whole body sent
        HttpResponse<String> response = send(HttpRequest.BodyPublishers.ofByteArray(multipart(records(), 3 * MB)));
        assertEquals(413, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertEquals("close", response.headers().firstValue("Connection").orElse(""));
        assertTrue(response.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"),
                "the security headers are on this page too");
        String page = response.body();
        assertTrue(page.contains("<h1 id=\"problem-title\">The upload is too large</h1>"), page);
        assertTrue(page.contains("at most 2 MB, and this one was larger (3.0 MB)"), page);
        assertTrue(page.contains("Nothing in it was kept or sent to a service"), page);
        assertTrue(page.contains("href=\"/assets/portal.css\"") && page.contains("<main id=\"main\""),
                "the portal's own layout");
        assertFalse(page.contains("Exception"), page);
        assertTrue(RECORDS.sent("POST", BULK).isEmpty(), "nothing reached records-service");
    }

    @Test
    void anUploadFarOverTheLimitGetsThePageWithoutBeingRead() throws Exception {
        // 20 MB announced (more than the portal reads to its end): the page comes at once
        byte[] body = multipart(records(), 20 * MB);
        HttpResponse<String> response;
        try {
            response = send(HttpRequest.BodyPublishers.ofByteArray(body));
        } catch (java.io.IOException e) {
            // the server closed the connection while the client was still sending: acceptable, nothing stored
            assertTrue(RECORDS.sent("POST", BULK).isEmpty());
            return;
        }
        assertEquals(413, response.statusCode());
        assertTrue(response.body().contains("at most 2 MB"), response.body());
        assertTrue(RECORDS.sent("POST", BULK).isEmpty(), "nothing reached records-service");
    }

    @Test
    void aChunkedUploadOverTheLimitIsCutOffAndReachesNoService() throws Exception {
        byte[] body = multipart(records(), 3 * MB);
        // an InputStream body has no length: Java's client sends it chunked, as browsers never do for a form
        HttpResponse<String> response = send(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        assertEquals(413, response.statusCode());
        assertTrue(RECORDS.sent("POST", BULK).isEmpty(), "nothing reached records-service");
    }

    private static final String BOUNDARY = "portal-test-boundary";

    /** A multipart form as the upload form sends it, with a file of {@code size} spaces. */
    private static byte[] multipart(String page, int size) {
        String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"
                + FormFields.hidden(page, "csrf") + "\r\n--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"records.json\"\r\n"
                + "Content-Type: application/json\r\n\r\n";
        byte[] start = head.getBytes(StandardCharsets.US_ASCII);
        byte[] end = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[start.length + size + end.length];
        Arrays.fill(body, (byte) ' ');
        System.arraycopy(start, 0, body, 0, start.length);
        System.arraycopy(end, 0, body, body.length - end.length, end.length);
        return body;
    }

    private HttpResponse<String> send(HttpRequest.BodyPublisher body) throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/agencies/" + ORI
                        + "/records/bulk"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(body).build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUploadUnderTheLimitGoesThrough() {
        String page = records();
        byte[] file = new byte[MB];
        Arrays.fill(file, (byte) ' ');
        file[0] = '[';
        file[file.length - 1] = ']';
        RECORDS.answer("POST", BULK, 422, """
                {"type": "urn:safe-policing:problem:validation", "title": "Invalid request", "status": 422,
                 "detail": "records must not be empty"}""");
        given().auth().oauth2(token)
                .multiPart("csrf", FormFields.hidden(page, "csrf")).multiPart("formKey", "key-small")
                .multiPart("file", "records.json", file, "application/json")
                .post("/agencies/" + ORI + "/records/bulk")
                .then().statusCode(422).body(containsString("records must not be empty"));
        assertEquals(1, RECORDS.sent("POST", BULK).size(), "a file under the limit reaches records-service");
    }

    @Test
    void theUploadFormNamesTheLimit() {
        String page = records();
        assertTrue(page.contains("data-max-bytes=\"" + 2 * MB + "\""), "the script knows the limit");
        assertTrue(page.contains("File of records (JSON or CSV, at most 2 MB)"), "the label names it");
    }

    private String records() {
        return given().auth().oauth2(token).get("/agencies/" + ORI + "/records").then().statusCode(200)
                .extract().asString();
    }
}
