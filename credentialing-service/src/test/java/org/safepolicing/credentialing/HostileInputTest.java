package org.safepolicing.credentialing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safepolicing.credentialing.CredentialingApi.appliedBody;
import static org.safepolicing.credentialing.CredentialingApi.certifiedBody;
import static org.safepolicing.credentialing.CredentialingApi.credentialed;
import static org.safepolicing.credentialing.CredentialingApi.randomOri;
import static org.safepolicing.credentialing.CredentialingApi.registerAgency;
import static org.safepolicing.credentialing.CredentialingApi.seek;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import org.junit.jupiter.api.Test;
import org.safepolicing.testing.HostileInput;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/**
 * Generated malformed and hostile input at every endpoint, with a token allowed to call it: bodies derived from a
 * valid example for every write (and hostile CSV for the import), hostile path and query values for every read and
 * for the writes' path parameters. Every answer is below 500, a refusal is problem+json, nothing leaks internals, and
 * a refused request stores nothing (the service's tables and its outbox counted before and after; not the audit trail,
 * where the platform records a 403 as {@code access.refused}).
 * The service consumes no Kafka topic, so there is no consumer to feed hostile records to.
 *
 * <p>{@code -Dhostile.seed=<n>} replays a run; {@code -Dhostile.bodies=<n>} and {@code -Dhostile.values=<n>} change
 * how many bodies per write and values per read are generated.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "credentialing"))
class HostileInputTest {

    private static final int BODIES = Integer.getInteger("hostile.bodies", 100);
    private static final int VALUES = Integer.getInteger("hostile.values", 40);
    private static final List<String> COVERED = List.of("UOF_LAWFUL", "CHOKEHOLD_BAN", "DUTY_TO_INTERVENE");
    private static final List<String> TABLES = List.of("agency", "credentialing_body", "agency_credential", "standards_version",
            "standard", "credential_assessment", "outbox_event");

    @Inject
    AgroalDataSource dataSource;

    private Map<String, Long> last;
    private int requests;

    @Test
    void hostileBodiesAtEveryWrite() throws Exception {
        HostileInput hostile = HostileInput.seeded("credentialing-service request bodies");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String ori = randomOri("WA");
        registerAgency(ori, "LOCAL_MUNICIPAL");
        String bodyId = certifiedBody(COVERED);
        String seeker = registered();
        String assessed = registered();
        String assessedCredential = seek(assessed, bodyId);
        String decided = registered();
        String decidedCredential = seek(decided, bodyId);
        String revoked = registered();
        String revokedCredential = credentialed(revoked, bodyId);
        String withdrawn = registered();
        String withdrawnCredential = seek(withdrawn, bodyId);
        String agency = """
                {"ori":"%s","name":"Agency %s","type":"LOCAL_MUNICIPAL","state":"WA","county":"Test County",
                 "swornOfficers":120,"populationServed":95000,"urbanRural":"URBAN"}""";
        String newOri = randomOri("WA");
        List<Map<String, Object>> standards = given().get("/api/v1/standards/current").then().statusCode(200).extract().path("standards");
        String publication = new ObjectMapper().writeValueAsString(Map.of("version", "HOSTILE-" + ThreadLocalRandom.current().nextInt(100_000_000),
                "title", "Hostile revision", "standards", standards));
        Supplier<String> doj = TestTokens::dojAdmin;
        Supplier<String> assessor = () -> CredentialingApi.assessor(bodyId);
        String credentials = "/api/v1/agencies/%s/credentials/%s";

        last = counts();
        write(hostile, "POST", "/api/v1/agencies", doj, agency.formatted(newOri, newOri), "active", "version", "updatedAt");
        write(hostile, "PUT", "/api/v1/agencies/" + ori, doj, agency.formatted(ori, ori), "active", "version", "updatedAt");
        write(hostile, "POST", "/api/v1/bodies", doj, "{\"name\":\"Hostile body\",\"coveredStandards\":[\"UOF_LAWFUL\",\"CHOKEHOLD_BAN\"]}",
                "id", "status", "termStart", "termEnd", "standardsVersion");
        write(hostile, "POST", "/api/v1/bodies/" + appliedBody("Hostile applied", COVERED) + "/certification", doj,
                "{\"termMonths\":36,\"termStart\":\"" + today + "\"}", "status", "termEnd");
        write(hostile, "POST", "/api/v1/bodies/" + appliedBody("Hostile refused", COVERED) + "/refusal", doj,
                "{\"reason\":\"incomplete application\"}", "status", "statusReason");
        write(hostile, "POST", "/api/v1/bodies/" + certifiedBody(COVERED) + "/suspension", doj, "{\"reason\":\"audit findings\"}",
                "status", "termEnd");
        write(hostile, "POST", "/api/v1/bodies/" + certifiedBody(COVERED) + "/revocation", doj, "{\"reason\":\"audit findings\"}",
                "status", "termEnd");
        write(hostile, "POST", "/api/v1/standards", doj, publication, "publishedAt", "current");
        write(hostile, "POST", "/api/v1/agencies/" + seeker + "/credentials", () -> TestTokens.agencyUser(seeker),
                "{\"bodyId\":\"" + bodyId + "\",\"affirmation\":{\"name\":\"Jane Roe\",\"title\":\"Chief\",\"statement\":\"We seek.\"}}",
                "id", "status", "ori", "standardsVersion", "validUntil", "inForce");
        write(hostile, "PUT", credentials.formatted(assessed, assessedCredential) + "/assessments/UOF_LAWFUL", assessor,
                "{\"outcome\":\"MET\",\"evidenceRefs\":[\"manual.pdf#4\"],\"notes\":\"seen on site\"}", "assessedBy", "assessedAt");
        write(hostile, "POST", credentials.formatted(decided, decidedCredential) + "/decision", assessor,
                "{\"outcome\":\"DENIED\",\"reason\":\"not met\",\"determinationDate\":\"" + today + "\"}",
                "status", "validUntil", "unmetStandards", "decidedBy");
        write(hostile, "POST", credentials.formatted(revoked, revokedCredential) + "/revocation", assessor,
                "{\"reason\":\"misconduct found\"}", "status", "supersededBy");
        write(hostile, "POST", credentials.formatted(withdrawn, withdrawnCredential) + "/withdrawal",
                () -> TestTokens.agencyUser(withdrawn), "{\"reason\":\"no longer needed\"}", "status");
        assertThat(requests, greaterThanOrEqualTo(13 * BODIES));
    }

    @Test
    void hostileCsvImports() throws Exception {
        HostileInput hostile = HostileInput.seeded("credentialing-service CSV import");
        Random random = new Random(hostile.seed());
        last = counts();
        String header = "ori,name,type,state,county,sworn_officers,population_served,urban_rural";
        for (int i = 0; i < BODIES; i++) {
            StringBuilder csv = new StringBuilder(random.nextInt(5) == 0 ? hostile.string() : header).append('\n');
            int lines = 1 + random.nextInt(4);
            for (int l = 0; l < lines; l++) {
                String[] cells = {randomOri("WA"), "Imported " + i, "LOCAL_MUNICIPAL", "WA", "County", "10", "1000", "RURAL"};
                int broken = 1 + random.nextInt(3);
                for (int b = 0; b < broken; b++) {
                    cells[random.nextInt(cells.length)] = random.nextBoolean() ? hostile.string()
                            : "\"" + hostile.string().replace("\"", "\"\"") + "\"";
                }
                csv.append(String.join(random.nextInt(10) == 0 ? ";" : ",", cells)).append(random.nextBoolean() ? "\n" : "\r\n");
            }
            if (random.nextInt(10) == 0) {
                csv.append("\"unterminated,quote");
            }
            send("POST import #" + i, "POST", "/api/v1/agencies/import", TestTokens.dojAdmin(), "text/csv", csv.toString());
        }
        assertEquals(BODIES, requests);
    }

    @Test
    void hostilePathAndQueryValuesAtEveryEndpoint() throws Exception {
        HostileInput hostile = HostileInput.seeded("credentialing-service path and query values");
        Random random = new Random(hostile.seed());
        String ori = registered();
        String bodyId = certifiedBody(COVERED);
        String credential = seek(ori, bodyId);
        Supplier<String> doj = TestTokens::dojAdmin;
        Supplier<String> anyone = () -> TestTokens.as("hhs-analyst").sign();
        Supplier<String> auditor = () -> TestTokens.as("auditor").sign();
        Supplier<String> agencyUser = () -> TestTokens.agencyUser(ori);
        Supplier<String> assessor = () -> CredentialingApi.assessor(bodyId);
        String cred = "/api/v1/agencies/" + ori + "/credentials/";
        // {} is a hostile path value; query parameters named after ? get hostile values (each with probability 1/2)
        Object[][] endpoints = {
                {"GET", "/api/v1/agencies?q&state&type&active&page&size", anyone},
                {"GET", "/api/v1/agencies/{}", anyone},
                {"GET", "/api/v1/bodies?q&status&page&size", anyone},
                {"GET", "/api/v1/bodies/{}", anyone},
                {"GET", "/api/v1/bodies/{}/credentials?status&page&size", doj},
                {"GET", "/api/v1/bodies/" + bodyId + "/credentials?status&page&size", assessor},
                {"GET", "/api/v1/bodies/{}/reports/eligible-agencies", doj},
                {"GET csv", "/api/v1/bodies/{}/reports/eligible-agencies", doj},
                {"GET", "/api/v1/bodies/" + bodyId + "/reports/eligible-agencies?asOf&year", doj},
                {"GET csv", "/api/v1/bodies/" + bodyId + "/reports/eligible-agencies?asOf&year", doj},
                {"GET", "/api/v1/reports/credential-counts?state&type", doj},
                {"GET csv", "/api/v1/reports/credential-counts?state&type", doj},
                {"GET", "/api/v1/standards/{}", null},
                {"GET", "/api/v1/public/bodies?q&page&size", anyone},
                {"GET", "/api/v1/public/credentialed-agencies?q&state&type&bodyId&page&size", anyone},
                {"GET", "/api/v1/agencies/{}/credentials", doj},
                {"GET", cred + "{}", doj},
                {"GET", cred + "{}/assessments", agencyUser},
                {"GET", "/api/v1/audit/entries?objectType&objectId&actor&agency&from&to&page&size", auditor},
                {"PUT", "/api/v1/agencies/{}", doj},
                {"POST", "/api/v1/agencies/{}/deactivation", doj},
                {"POST", "/api/v1/bodies/{}/certification", doj},
                {"POST", "/api/v1/bodies/{}/suspension", doj},
                {"POST", "/api/v1/bodies/{}/reinstatement", doj},
                {"POST", "/api/v1/bodies/" + bodyId + "/reports/eligible-agencies/years/{}/closure", doj},
                {"POST", "/api/v1/agencies/{}/credentials", agencyUser},
                {"POST", cred + "{}/renewal", agencyUser},
                {"POST", cred + "{}/withdrawal", agencyUser},
                {"POST", cred + "{}/decision", assessor},
                {"PUT", cred + credential + "/assessments/{}", assessor},
        };
        // a valid body for the writes, so the path value is what is hostile
        Map<String, String> bodies = Map.of(
                "/api/v1/agencies/{}", "{\"ori\":\"WA0000001\",\"name\":\"x\",\"type\":\"STATE\",\"state\":\"WA\"}",
                "/certification", "{\"termMonths\":12}", "/suspension", "{\"reason\":\"r\"}",
                "/credentials", "{\"bodyId\":\"" + bodyId + "\"}", "/withdrawal", "{}", "/decision", "{\"outcome\":\"DENIED\"}",
                "/assessments/{}", "{\"outcome\":\"MET\"}");
        last = counts();
        for (Object[] endpoint : endpoints) {
            String method = (String) endpoint[0];
            String template = (String) endpoint[1];
            @SuppressWarnings("unchecked")
            Supplier<String> token = (Supplier<String>) endpoint[2];
            String body = method.startsWith("GET") ? null : bodies.entrySet().stream()
                    .filter(e -> template.endsWith(e.getKey())).map(Map.Entry::getValue).findFirst().orElse(null);
            for (int i = 0; i < VALUES; i++) {
                String path = template.contains("?") ? template.substring(0, template.indexOf('?')) : template;
                path = path.replace("{}", pathValue(hostile.string()));
                StringBuilder query = new StringBuilder();
                if (template.contains("?")) {
                    for (String name : template.substring(template.indexOf('?') + 1).split("&")) {
                        if (random.nextBoolean()) {
                            query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                                    .append(URLEncoder.encode(hostile.string(), StandardCharsets.UTF_8));
                        }
                    }
                }
                RequestSpecification request = given().urlEncodingEnabled(false).redirects().follow(false);
                if (method.endsWith("csv")) {
                    request.accept("text/csv");
                }
                send(method + " " + template + " #" + i, method.split(" ")[0], path + query,
                        token == null ? null : token.get(), body == null ? null : "application/json", body, request);
            }
        }
        assertEquals(endpoints.length * VALUES, requests);
    }

    /**
     * PostgreSQL cannot store the NUL character (U+0000) in text, so it is refused where it enters: a 400 in a JSON
     * string, a path or a query value (the platform's NulRefusingJson and NulFilter), a 422 naming line and column in a
     * CSV cell (the import), and nothing is stored.
     */
    @Test
    void nulCharacterIsRefusedWhereItEnters() throws Exception {
        String ori = registered();
        String doj = TestTokens.dojAdmin();
        Map<String, Long> before = counts();

        given().auth().oauth2(doj).contentType("application/json")
                .body("{\"ori\":\"%s\",\"name\":\"Agency\\u0000X\",\"type\":\"STATE\",\"state\":\"WA\"}".formatted(randomOri("WA")))
                .post("/api/v1/agencies").then().statusCode(400).contentType("application/problem+json")
                .body("type", is("urn:safe-policing:problem:unreadable-body"))
                .body("detail", containsString("'name'"));
        given().auth().oauth2(doj).contentType("application/json")
                .body("{\"ori\":\"%s\",\"name\":\"Agency\",\"type\":\"STATE\",\"state\":\"WA\",\"county\":\"A\\u0000\"}".formatted(ori))
                .put("/api/v1/agencies/{ori}", ori).then().statusCode(400).contentType("application/problem+json")
                .body("type", is("urn:safe-policing:problem:unreadable-body"))
                .body("detail", containsString("'county'"));
        for (String path : List.of("/api/v1/agencies/WA%00", "/api/v1/agencies/" + ori + "%00/credentials",
                "/api/v1/bodies/%00")) {
            given().urlEncodingEnabled(false).auth().oauth2(doj).get(path).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", is("urn:safe-policing:problem:bad-request"))
                    .body("detail", containsString("NUL character"));
        }
        given().urlEncodingEnabled(false).auth().oauth2(doj).contentType("application/json").body("{\"reason\":\"r\"}")
                .post("/api/v1/bodies/%00/suspension").then().statusCode(400).contentType("application/problem+json")
                .body("type", is("urn:safe-policing:problem:bad-request"));
        for (String query : List.of("/api/v1/agencies?q=a%00b", "/api/v1/bodies?q=%00", "/api/v1/public/bodies?q=x%00",
                "/api/v1/public/credentialed-agencies?state=W%00", "/api/v1/reports/credential-counts?state=%00")) {
            given().urlEncodingEnabled(false).auth().oauth2(doj).get(query).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", is("urn:safe-policing:problem:bad-request"))
                    .body("detail", containsString("NUL character"));
        }
        String csv = "ori,name,type,state\n" + randomOri("WA") + ",Imported,STATE,WA\n" + randomOri("WA") + ",Bad\u0000Name,STATE,WA\n";
        given().auth().oauth2(doj).contentType("text/csv; charset=UTF-8").body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/agencies/import").then().statusCode(422).contentType("application/problem+json")
                .body("type", is("urn:safe-policing:problem:agency-import-invalid"))
                .body("errorCount", is(1))
                .body("lineErrors[0].line", is(3))
                .body("lineErrors[0].column", is("name"))
                .body("lineErrors[0].message", is("contains a NUL character (U+0000)"));

        assertEquals(before, counts(), "a request refused for a NUL character stored something");
    }

    private void write(HostileInput hostile, String method, String path, Supplier<String> token, String example,
                       String... serverOwned) throws SQLException {
        last = counts(); // the fixtures of this endpoint were made since
        for (int i = 0; i < BODIES; i++) {
            String body;
            try {
                body = hostile.bodies(example, 1, serverOwned).get(0);
            } catch (RuntimeException e) {
                // HostileInput cannot print its own 5,000-deep document (Jackson's writer stops at depth 1,000): the
                // same document, written by hand
                body = "[{\"a\":".repeat(2_500) + "\"bottom\"" + "}]".repeat(2_500);
            }
            send(method + " " + path + " #" + i, method, path, token.get(), "application/json", body);
        }
    }

    private void send(String what, String method, String path, String token, String contentType, String body) throws SQLException {
        send(what, method, path, token, contentType, body, given().redirects().follow(false));
    }

    private void send(String what, String method, String path, String token, String contentType, String body,
                      RequestSpecification request) throws SQLException {
        if (token != null) {
            request.auth().oauth2(token);
        }
        if (body != null) {
            request.contentType(contentType + "; charset=UTF-8").body(body.getBytes(StandardCharsets.UTF_8));
        }
        Response response = request.request(method, path);
        requests++;
        int status = response.statusCode();
        String answer = response.asString();
        HostileInput.assertSafeAnswer(what + " " + abbreviate(body), status, response.contentType(), answer);
        Map<String, Long> now = counts();
        if (status >= 300) {
            assertEquals(last, now, what + ": the refused request (" + status + " " + abbreviate(answer) + ") stored something; body "
                    + abbreviate(body));
        }
        last = now;
    }

    private Map<String, Long> counts() throws SQLException {
        return tableCounts(dataSource);
    }

    /** Rows in each of the service's tables and its outbox. */
    static Map<String, Long> tableCounts(AgroalDataSource dataSource) throws SQLException {
        StringBuilder sql = new StringBuilder("select ");
        for (int i = 0; i < TABLES.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(select count(*) from ").append(TABLES.get(i)).append(')');
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
            rs.next();
            for (int i = 0; i < TABLES.size(); i++) {
                counts.put(TABLES.get(i), rs.getLong(i + 1));
            }
        }
        return counts;
    }

    /** A hostile value as one path segment: percent-encoded as a client would, spaces as %20. */
    private static String pathValue(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "(none)";
        }
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }

    private static String registered() {
        String ori = randomOri("WA");
        registerAgency(ori, "LOCAL_MUNICIPAL");
        return ori;
    }
}
