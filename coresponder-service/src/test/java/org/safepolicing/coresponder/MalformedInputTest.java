package org.safepolicing.coresponder;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safepolicing.coresponder.CoresponderApi.activeProgram;
import static org.safepolicing.coresponder.CoresponderApi.randomOri;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/**
 * Every malformed input found by reading the survey's reads and the encounter upload gets a 4xx problem+json that says
 * what is wrong, through the public API with real tokens; a refused upload stores nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "coresponder"))
class MalformedInputTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String VALID = Encounters.encounter("RESOLVED_ON_SCENE", 12, false, true);
    /** The survey is public; a subject of its own keeps this class out of other tests' rate-limit buckets. */
    private static final String READER = TestTokens.as("grant-officer").subject("malformed-" + UUID.randomUUID()).sign();

    private static String ori;
    private static String program;

    /** An ACTIVE program of a fresh agency, which no test here ever stores an encounter in. */
    private static synchronized String program() {
        if (program == null) {
            ori = randomOri("ND");
            program = activeProgram(ori, "TELEHEALTH");
        }
        return program;
    }

    private static String path(boolean bulk) {
        return "/api/v1/agencies/" + ori + "/programs/" + program() + "/encounters" + (bulk ? "/bulk" : "");
    }

    private static RequestSpecification agency() {
        program();
        return given().auth().oauth2(TestTokens.agencyUser(ori));
    }

    private static RequestSpecification reader() {
        return given().urlEncodingEnabled(false).auth().oauth2(READER);
    }

    private static void nothingStored() {
        agency().get(path(false)).then().statusCode(200).body("total", equalTo(0));
    }

    // ---- the survey's reads -----------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/api/v1/survey?state=ia,                       state",
            "/api/v1/survey.csv?state=IOWA,                 state",
            "/api/v1/survey.html?state=I1,                  state",
            "/api/v1/survey?agencyType=state,               agencyType",
            "/api/v1/survey.csv?agencyType=POLICE,          agencyType",
            "/api/v1/survey?year=1999,                      year",
            "/api/v1/survey.csv?year=2101,                  year",
            "/api/v1/survey.html?year=abc,                  year",
            "/api/v1/survey?year=2025.0,                    year",
            "/api/v1/survey?year=%2B2025,                   year",
            "/api/v1/survey?year=%20%202025,                year",
            "/api/v1/survey?year=%E2%80%8B2025,             year",
            "/api/v1/survey?year=%D9%A2%D9%A0%D9%A2%D9%A5,  year",
            "/api/v1/survey/reports?year=20,                year",
            "/api/v1/survey/reports?state=1A,               state",
            "/api/v1/survey/reports?page=-1,                page",
            "/api/v1/survey/reports?page=100001,            page",
            "/api/v1/survey/reports?size=0,                 size",
            "/api/v1/survey/reports?size=501,               size"})
    void aMalformedSurveyQueryIsInvalidInputNamingTheParameter(String uri, String parameter) {
        reader().get(uri).then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:safe-policing:problem:invalid-input"))
                .body("errors.field", hasItem(endsWith(parameter)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/v1/survey", "/api/v1/survey.csv", "/api/v1/survey.html"})
    void emptyFiltersAreAsIfNoneWereGiven(String uri) {
        reader().get(uri + "?state=&agencyType=&year=").then().statusCode(200);
        reader().get("/api/v1/survey/reports?state=&year=&page=").then().statusCode(200).body("page", equalTo(0));
    }

    @Test
    void emptyFiltersLeaveTheSurveyUnscoped() {
        reader().get("/api/v1/survey?state=&agencyType=&year=").then().statusCode(200)
                .body("scope.state", nullValue()).body("scope.agencyType", nullValue());
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({
            "/api/v1/survey,         application/xml",
            "/api/v1/survey.csv,     application/json",
            "/api/v1/survey.html,    application/json",
            "/api/v1/survey/reports, text/csv"})
    void aFormTheReadDoesNotGiveIsNotAcceptable(String uri, String accept) {
        reader().accept(accept).get(uri).then().statusCode(406).contentType(PROBLEM)
                .body("type", equalTo("urn:safe-policing:problem:not-acceptable"));
    }

    @Test
    void theSurveyIsReadNotWritten() {
        reader().contentType("application/json").body("{}").post("/api/v1/survey").then().statusCode(405)
                .contentType(PROBLEM).body("type", equalTo("urn:safe-policing:problem:method-not-allowed"));
    }

    @Test
    void anUnknownReportIsNotFound() {
        reader().get("/api/v1/survey/reports/{id}", UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("urn:safe-policing:problem:not-found")).body("detail", containsString("survey report"));
    }

    // ---- the encounter upload ---------------------------------------------------------------------------------------

    static Stream<Arguments> notJson() {
        return Stream.of(
                Arguments.of("truncated", "{\"encounters\":[{\"occurredAt\":"),
                Arguments.of("trailing", "{\"encounters\":[]} x"),
                Arguments.of("comment", "{/*c*/\"encounters\":[]}"),
                Arguments.of("single quotes", "{'encounters':[]}"),
                Arguments.of("NaN", "{\"encounters\":[{\"responseMinutes\":NaN}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notJson")
    void aBodyThatIsNotJsonIsUnreadable(String what, String body) {
        for (boolean bulk : new boolean[] {false, true}) {
            agency().contentType("application/json").body(body).post(path(bulk)).then().statusCode(400).contentType(PROBLEM)
                    .body("type", equalTo("urn:safe-policing:problem:unreadable-body"))
                    .body("detail", startsWith("the body is not valid JSON"));
        }
        nothingStored();
    }

    @Test
    void bytesThatAreNotUtf8AreUnreadable() {
        byte[] body = {'{', '"', 'e', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
        for (boolean bulk : new boolean[] {false, true}) {
            agency().contentType("application/json").body(body).post(path(bulk)).then().statusCode(400).contentType(PROBLEM)
                    .body("type", equalTo("urn:safe-policing:problem:unreadable-body"));
        }
        nothingStored();
    }

    @Test
    void nestingTooDeepAndNumbersTooLongAreUnreadable() {
        String deep = "{\"encounters\":[" + "[".repeat(3_000) + "]".repeat(3_000) + "]}";
        String longNumber = "{\"encounters\":[{\"responseMinutes\":1" + "0".repeat(5_000) + "}]}";
        for (String body : new String[] {deep, longNumber}) {
            for (boolean bulk : new boolean[] {false, true}) {
                agency().contentType("application/json").body(body).post(path(bulk)).then().statusCode(400)
                        .contentType(PROBLEM).body("type", equalTo("urn:safe-policing:problem:unreadable-body"));
            }
        }
        nothingStored();
    }

    @Test
    void aFieldGivenTwiceIsRefusedNotDecidedByTheLastOne() {
        String twice = VALID.replace("\"outcome\":\"RESOLVED_ON_SCENE\"", "\"outcome\":\"RESOLVED_ON_SCENE\",\"outcome\":\"ARREST\"");
        agency().contentType("application/json").body(twice).post(path(false)).then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:safe-policing:problem:unreadable-body"))
                .body("detail", startsWith("field 'outcome' is given twice"));
        agency().contentType("application/json").body(Encounters.bulk(VALID, twice)).post(path(true)).then().statusCode(400)
                .contentType(PROBLEM).body("detail", startsWith("field 'outcome' is given twice"));
        // two lists under one name: neither is taken
        agency().contentType("application/json").body("{\"encounters\":[" + VALID + "],\"encounters\":[" + VALID + "]}")
                .post(path(true)).then().statusCode(400).contentType(PROBLEM)
                .body("detail", startsWith("field 'encounters' is given twice"));
        nothingStored();
    }

    static Stream<Arguments> wrongShape() {
        return Stream.of(
                Arguments.of("no body", "", "the body must be a JSON object"),
                Arguments.of("an array", "[]", "the body must be a JSON object"),
                Arguments.of("a string", "\"x\"", "the body must be a JSON object"),
                Arguments.of("null list", "{\"encounters\":null}", "encounters must be an array"),
                Arguments.of("object list", "{\"encounters\":{}}", "encounters must be an array"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongShape")
    void aBulkBodyOfTheWrongShapeIsABadRequest(String what, String body, String detail) {
        agency().contentType("application/json").body(body).post(path(true)).then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:safe-policing:problem:bad-request")).body("detail", startsWith(detail));
        nothingStored();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "[]", "\"x\"", "null", "1"})
    void aSingleBodyThatIsNotAnObjectIsAnInvalidEncounter(String body) {
        agency().contentType("application/json").body(body).post(path(false)).then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:safe-policing:problem:invalid-encounters"))
                .body("errors[0].field", equalTo("body")).body("errors[0].message", equalTo("must be a JSON object"));
        nothingStored();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/xml"})
    void aBodyThatIsNotJsonByItsTypeIsUnsupported(String type) {
        for (boolean bulk : new boolean[] {false, true}) {
            agency().contentType(type).body(Encounters.bulk(VALID)).post(path(bulk)).then().statusCode(415)
                    .contentType(PROBLEM).body("type", equalTo("urn:safe-policing:problem:unsupported-media-type"));
        }
        nothingStored();
    }

    @Test
    void anAnswerInAFormTheUploadDoesNotGiveIsNotAcceptable() {
        agency().contentType("application/json").accept("text/csv").body(Encounters.bulk(VALID)).post(path(true)).then()
                .statusCode(406).contentType(PROBLEM).body("type", equalTo("urn:safe-policing:problem:not-acceptable"));
        nothingStored();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a b", "key/with/slashes", "key@host", "1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890x"})
    void aMalformedIdempotencyKeyIsInvalidInput(String key) {
        agency().contentType("application/json").header("Idempotency-Key", key).body(Encounters.bulk(VALID)).post(path(true))
                .then().statusCode(400).contentType(PROBLEM).body("type", equalTo("urn:safe-policing:problem:invalid-input"));
        nothingStored();
    }

    @Test
    void aMalformedOriIsInvalidInputAndAMalformedProgramIdABadRequest() {
        agency().contentType("application/json").body(Encounters.bulk(VALID))
                .post("/api/v1/agencies/nd/programs/{id}/encounters/bulk", program()).then().statusCode(400)
                .contentType(PROBLEM).body("type", equalTo("urn:safe-policing:problem:invalid-input"));
        for (String suffix : new String[] {"", "/bulk"}) {
            agency().contentType("application/json").body(Encounters.bulk(VALID))
                    .post("/api/v1/agencies/" + ori + "/programs/not-a-uuid/encounters" + suffix).then().statusCode(400)
                    .contentType(PROBLEM).body("type", equalTo("urn:safe-policing:problem:bad-request"));
        }
        nothingStored();
    }

    /** Announces a body of {@code length} bytes, sends one byte of it and reads the answer: its head and its body. */
    private static String announce(String path, long length) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            String request = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + TestTokens.agencyUser(ori) + "\r\nContent-Type: application/json\r\nContent-Length: " + length
                    + "\r\n\r\n{";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n > 0 && !complete(answer.toString(StandardCharsets.UTF_8)); n = in.read(buffer)) {
                answer.write(buffer, 0, n);
                if (complete(answer.toString(StandardCharsets.UTF_8))) {
                    break;
                }
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    /** The head has arrived and as many bytes of body as its Content-Length says. */
    private static boolean complete(String answer) {
        int head = answer.indexOf("\r\n\r\n");
        if (head < 0) {
            return false;
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(answer.substring(0, head));
        return !length.find() || answer.length() - head - 4 >= Integer.parseInt(length.group(1));
    }

    @Test
    void aBodyOverTheLimitIsRefusedAsAProblemBeforeItIsRead() throws IOException {
        program();
        String bulk = announce(path(true), 49L * 1024 * 1024);
        assertTrue(bulk.startsWith("HTTP/1.1 413"), bulk);
        assertTrue(bulk.toLowerCase().contains("content-type: application/problem+json"), bulk);
        assertTrue(bulk.contains("\"type\":\"urn:safe-policing:problem:payload-too-large\""), bulk);
        assertTrue(bulk.contains("a bulk encounter submission is at most 48 MB"), bulk);
        String one = announce(path(false), 11L * 1024 * 1024);
        assertTrue(one.startsWith("HTTP/1.1 413"), one);
        assertTrue(one.contains("\"type\":\"urn:safe-policing:problem:payload-too-large\""), one);
        assertEquals(0, agency().get(path(false)).then().statusCode(200).extract().<Integer>path("total"));
    }
}
