package org.safepolicing.credentialing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.safepolicing.credentialing.CredentialingApi.appliedBody;
import static org.safepolicing.credentialing.CredentialingApi.as;
import static org.safepolicing.credentialing.CredentialingApi.assess;
import static org.safepolicing.credentialing.CredentialingApi.assessAllMet;
import static org.safepolicing.credentialing.CredentialingApi.assessor;
import static org.safepolicing.credentialing.CredentialingApi.certifiedBody;
import static org.safepolicing.credentialing.CredentialingApi.credentialed;
import static org.safepolicing.credentialing.CredentialingApi.randomOri;
import static org.safepolicing.credentialing.CredentialingApi.registerAgency;
import static org.safepolicing.credentialing.CredentialingApi.seek;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

import org.junit.jupiter.api.Test;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/**
 * Issue 7's controls other than the matrix and hostile input: rate limits on the searches and the public registry,
 * mass assignment refused for every writable request type, and exactly one audit row for each privileged action.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "credentialing"))
class SecurityControlsTest {

    /** platform.rate-limit.*.per-minute in application.properties. */
    private static final int PER_MINUTE = 300;
    private static final List<String> COVERED = List.of("UOF_LAWFUL", "CHOKEHOLD_BAN", "DUTY_TO_INTERVENE");

    @Inject
    AgroalDataSource dataSource;

    // ---- rate limits ----

    @Test
    void searchingTheRegistryIsLimitedPerTokenSubject() {
        limitedPerSubject("agency-search", "/api/v1/agencies?size=1");
    }

    @Test
    void listingTheBodiesIsLimitedPerTokenSubject() {
        limitedPerSubject("body-search", "/api/v1/bodies?size=1");
    }

    @Test
    void thePublicRegistryIsLimitedPerTokenSubject() {
        limitedPerSubject("public-registry", "/api/v1/public/credentialed-agencies?size=1");
    }

    private static void limitedPerSubject(String name, String path) {
        String token = TestTokens.as("hhs-analyst").subject("x-" + UUID.randomUUID()).sign();
        int allowed = 0;
        Response refused = null;
        while (allowed <= PER_MINUTE * 2) {
            Response r = given().auth().oauth2(token).get(path);
            if (r.statusCode() == 429) {
                refused = r;
                break;
            }
            assertEquals(200, r.statusCode(), name + " before the limit");
            allowed++;
        }
        assertNotNull(refused, name + ": no 429 after " + allowed + " requests");
        // the bucket refills evenly over the minute: a few more than the limit may pass while the loop runs
        assertThat(name + " requests allowed", allowed, allOf(greaterThanOrEqualTo(PER_MINUTE), lessThanOrEqualTo(PER_MINUTE + PER_MINUTE / 4)));
        assertThat(refused.contentType(), startsWith("application/problem+json"));
        assertThat(refused.jsonPath().getString("type"), endsWith("rate-limited"));
        assertThat(Long.parseLong(refused.header("Retry-After")), greaterThan(0L));
        // another caller is not affected
        given().auth().oauth2(TestTokens.as("hhs-analyst").subject("x-" + UUID.randomUUID()).sign()).get(path)
                .then().statusCode(200);
        // the same caller's other limits are separate buckets
        given().auth().oauth2(token).get("/api/v1/standards/current").then().statusCode(200);
    }

    /**
     * Anonymous callers of the public registry are keyed by their address. The test connects from its own loopback
     * address (127.x.y.z), so it neither drains nor depends on the bucket of the other tests' 127.0.0.1.
     */
    @Test
    void thePublicRegistryIsLimitedPerAddressWithoutAToken() throws Exception {
        String address = "127." + ThreadLocalRandom.current().nextInt(1, 250) + "." + ThreadLocalRandom.current().nextInt(1, 250)
                + "." + ThreadLocalRandom.current().nextInt(2, 250);
        int allowed = 0;
        RawAnswer refused = null;
        while (allowed <= PER_MINUTE * 2) {
            // both lists share the limit
            RawAnswer r = rawGet(address, allowed % 2 == 0 ? "/api/v1/public/bodies?size=1" : "/api/v1/public/credentialed-agencies?size=1");
            if (r.status == 429) {
                refused = r;
                break;
            }
            assertEquals(200, r.status);
            allowed++;
        }
        assertNotNull(refused, "no 429 after " + allowed + " anonymous requests");
        assertThat("allowed", allowed, allOf(greaterThanOrEqualTo(PER_MINUTE), lessThanOrEqualTo(PER_MINUTE + PER_MINUTE / 4)));
        assertThat(refused.headers.get("content-type"), startsWith("application/problem+json"));
        assertThat(Long.parseLong(refused.headers.get("retry-after")), greaterThan(0L));
        String otherAddress = address.substring(0, address.lastIndexOf('.') + 1) + (address.endsWith(".2") ? "3" : "2");
        assertEquals(200, rawGet(otherAddress, "/api/v1/public/bodies?size=1").status);
    }

    @Test
    void pagesAreCappedAt500() {
        for (String path : List.of("/api/v1/agencies", "/api/v1/bodies", "/api/v1/public/bodies",
                "/api/v1/public/credentialed-agencies", "/api/v1/bodies/" + certifiedBody(COVERED) + "/credentials")) {
            as(TestTokens.dojAdmin()).get(path + "?size=500").then().statusCode(200).body("size", equalTo(500));
            as(TestTokens.dojAdmin()).get(path + "?size=501").then().statusCode(400).contentType(startsWith("application/problem+json"));
        }
    }

    // ---- mass assignment ----

    @Test
    void serverOwnedFieldsAreRefusedInEveryWritableRequestType() throws SQLException {
        String ori = randomOri("NC");
        registerAgency(ori, "LOCAL_MUNICIPAL");
        String applied = appliedBody("Mass assignment body", COVERED);
        String bodyId = certifiedBody(COVERED);
        String sought = seek(ori, bodyId);
        String inForceOri = randomOri("NC");
        registerAgency(inForceOri, "LOCAL_MUNICIPAL");
        String inForce = credentialed(inForceOri, bodyId);
        String newOri = randomOri("NC");
        String agency = """
                {"ori":"%s","name":"Agency %s","type":"LOCAL_MUNICIPAL","state":"NC","county":"Test County",
                 "swornOfficers":120,"populationServed":95000,"urbanRural":"URBAN\"""";
        String credentials = "/api/v1/agencies/" + ori + "/credentials/";
        String doj = TestTokens.dojAdmin();
                String assessorToken = assessor(bodyId);
        List<Object[]> cases = List.of(
                new Object[] {"POST", "/api/v1/agencies", doj, agency.formatted(newOri, newOri) + "}",
                        List.of("active", "version", "updatedAt", "registeredAt")},
                new Object[] {"PUT", "/api/v1/agencies/" + ori, doj, agency.formatted(ori, ori) + "}",
                        List.of("active", "version", "updatedAt")},
                new Object[] {"POST", "/api/v1/bodies", doj, "{\"name\":\"B\",\"coveredStandards\":[\"UOF_LAWFUL\",\"CHOKEHOLD_BAN\"]}",
                        List.of("id", "status", "standardsVersion", "statusReason", "termStart", "termEnd", "updatedAt")},
                new Object[] {"POST", "/api/v1/bodies/" + applied + "/certification", doj, "{\"termMonths\":36}",
                        List.of("status", "termEnd", "updatedAt")},
                new Object[] {"POST", "/api/v1/bodies/" + applied + "/refusal", doj, "{\"reason\":\"r\"}",
                        List.of("status", "statusReason", "updatedAt")},
                new Object[] {"POST", "/api/v1/bodies/" + bodyId + "/suspension", doj, "{\"reason\":\"r\"}",
                        List.of("status", "termEnd", "updatedAt")},
                new Object[] {"POST", "/api/v1/bodies/" + bodyId + "/revocation", doj, "{\"reason\":\"r\"}",
                        List.of("status", "id")},
                new Object[] {"POST", "/api/v1/standards", doj, "{\"version\":\"MASS-" + ThreadLocalRandom.current().nextInt(1_000_000)
                        + "\",\"title\":\"t\",\"standards\":[{\"code\":\"UOF_LAWFUL\",\"kind\":\"MANDATORY\",\"title\":\"a\"},"
                        + "{\"code\":\"CHOKEHOLD_BAN\",\"kind\":\"MANDATORY\",\"title\":\"b\"}]}",
                        List.of("publishedAt", "current")},
                new Object[] {"POST", "/api/v1/agencies/" + inForceOri + "/credentials/" + inForce + "/withdrawal",
                        TestTokens.agencyUser(inForceOri), "{\"reason\":\"r\"}", List.of("status", "updatedAt")},
                new Object[] {"PUT", credentials + sought + "/assessments/UOF_LAWFUL", assessorToken,
                        "{\"outcome\":\"MET\",\"evidenceRefs\":[\"e\"]}", List.of("assessedBy", "assessedAt", "credentialId", "standardCode")},
                new Object[] {"POST", credentials + sought + "/decision", assessorToken, "{\"outcome\":\"DENIED\"}",
                        List.of("status", "validFrom", "validUntil", "unmetStandards", "decidedBy", "inForce")},
                new Object[] {"POST", "/api/v1/agencies/" + inForceOri + "/credentials/" + inForce + "/revocation", assessor(bodyId),
                        "{\"reason\":\"r\"}", List.of("status", "supersededBy", "validUntil")});
        int refused = 0;
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            List<String> fields = (List<String>) c[4];
            for (String field : fields) {
                String body = ((String) c[3]).replaceFirst("\\}$", ",\"" + field + "\":" + serverValue(field) + "}");
                Map<String, Long> before = counts();
                Response r = as((String) c[2]).body(body).request((String) c[0], (String) c[1]);
                assertEquals(400, r.statusCode(), c[0] + " " + c[1] + " with " + field + ": " + r.asString());
                assertThat(r.contentType(), startsWith("application/problem+json"));
                assertEquals(before, counts(), "nothing stored by " + c[0] + " " + c[1] + " with " + field);
                refused++;
            }
        }
        // seek: every field of the credential view that the request lacks
        for (String field : List.of("id", "ori", "status", "standardsVersion", "validFrom", "validUntil", "soughtAt", "renewalOf",
                "inForce", "supersededBy")) {
            String seeker = randomOriRegistered();
            Response r = as(TestTokens.agencyUser(seeker)).body("{\"bodyId\":\"" + bodyId + "\",\"" + field + "\":" + serverValue(field) + "}")
                    .post("/api/v1/agencies/{ori}/credentials", seeker);
            assertEquals(400, r.statusCode(), "seek with " + field);
            as(TestTokens.agencyUser(seeker)).get("/api/v1/agencies/{ori}/credentials", seeker).then().statusCode(200)
                    .body("size()", equalTo(0));
            refused++;
        }
        assertThat(refused, greaterThan(40));
        // the objects are as the server left them
        as(doj).get("/api/v1/agencies/{ori}", ori).then().body("active", equalTo(true)).body("name", equalTo("Agency " + ori));
        as(doj).get("/api/v1/agencies/{ori}", newOri).then().statusCode(404);
        as(doj).get("/api/v1/bodies/{id}", applied).then().body("status", equalTo("APPLIED"));
        as(doj).get("/api/v1/bodies/{id}", bodyId).then().body("status", equalTo("CERTIFIED"));
        as(doj).get(credentials + sought).then().body("status", equalTo("SOUGHT"));
        as(doj).get("/api/v1/agencies/{ori}/credentials/{id}", inForceOri, inForce).then().body("status", equalTo("CREDENTIALED"));
        as(doj).get(credentials + sought + "/assessments").then().body("assessments.size()", equalTo(0));
    }

    /** An import column the registry does not take (active, version) refuses the whole file and stores nothing. */
    @Test
    void anImportCannotSetServerOwnedColumns() throws SQLException {
        String ori = randomOri("NC");
        for (String column : List.of("active", "version", "updated_at")) {
            Map<String, Long> before = counts();
            Response r = given().auth().oauth2(TestTokens.dojAdmin()).contentType("text/csv")
                    .body("ori,name,type,state," + column + "\n" + ori + ",Imported,LOCAL_MUNICIPAL,NC,false\n")
                    .post("/api/v1/agencies/import");
            assertThat(column + ": " + r.asString(), r.statusCode(), allOf(greaterThanOrEqualTo(400), lessThanOrEqualTo(422)));
            assertThat(r.contentType(), startsWith("application/problem+json"));
            assertEquals(before, counts());
        }
        as(TestTokens.dojAdmin()).get("/api/v1/agencies/{ori}", ori).then().statusCode(404);
    }

    private static String serverValue(String field) {
        return switch (field) {
            case "active", "inForce", "current" -> "false";
            case "version" -> "99";
            case "status" -> "\"CERTIFIED\"";
            case "unmetStandards" -> "[]";
            case "ori" -> "\"ZZ0000000\"";
            case "standardsVersion" -> "\"DOJ-2020\"";
            case "termStart", "termEnd", "validFrom", "validUntil" -> "\"2099-01-01\"";
            case "id", "credentialId", "renewalOf", "supersededBy" -> "\"" + UUID.randomUUID() + "\"";
            case "updatedAt", "registeredAt", "assessedAt", "soughtAt", "publishedAt" -> "\"2020-01-01T00:00:00Z\"";
            default -> "\"server-owned\"";
        };
    }

    private static String randomOriRegistered() {
        String ori = randomOri("NC");
        registerAgency(ori, "LOCAL_MUNICIPAL");
        return ori;
    }

    // ---- audit ----

    @Test
    void everyPrivilegedActionWritesExactlyOneAuditRowAndARefusedOneNone() throws SQLException {
        String doj = TestTokens.dojAdmin();
        String ori = randomOri("NC");
        registerAgency(ori, "LOCAL_MUNICIPAL");
        String update = """
                {"ori":"%s","name":"Renamed %s","type":"LOCAL_MUNICIPAL","state":"NC"}""".formatted(ori, ori);
        as(doj).body(update).put("/api/v1/agencies/{ori}", ori).then().statusCode(200);
        // the gap this issue closed: an update that changes nothing is audited too (no event)
        as(doj).body(update).put("/api/v1/agencies/{ori}", ori).then().statusCode(200);
        assertEquals(Map.of("agency.register", 1L, "agency.update", 1L,
                "agency.update.unchanged", 1L), auditRows("agency", ori));
        // refused calls write nothing: another role, and a DOJ call the state refuses
        as(TestTokens.agencyUser(ori)).body(update).put("/api/v1/agencies/{ori}", ori).then().statusCode(403);
        as(doj).post("/api/v1/agencies/{ori}/deactivation", ori).then().statusCode(200);
        as(doj).post("/api/v1/agencies/{ori}/deactivation", ori).then().statusCode(409);
        as(doj).body(update).put("/api/v1/agencies/{ori}", ori).then().statusCode(409);
        assertEquals(Map.of("agency.register", 1L, "agency.update", 1L,
                "agency.update.unchanged", 1L, "agency.deactivate", 1L), auditRows("agency", ori));
        // the auditor reads the same rows through the API (and that read is itself audited)
        List<String> actions = given().auth().oauth2(TestTokens.as("auditor").sign())
                .get("/api/v1/audit/entries?objectType=agency&objectId=" + ori).then().statusCode(200)
                .extract().path("items.action");
        assertThat(actions, containsInAnyOrder("agency.register", "agency.update", "agency.update.unchanged",
                "agency.deactivate"));

        // an import: one row for the whole file
        long imports = auditRowsByAction("agency.import");
        String imported = randomOri("NC");
        given().auth().oauth2(doj).contentType("text/csv").body("ori,name,type,state\n" + imported + ",Imported,STATE,NC\n")
                .post("/api/v1/agencies/import").then().statusCode(200);
        assertEquals(imports + 1, auditRowsByAction("agency.import"));
        given().auth().oauth2(doj).contentType("text/csv").body("ori,name,type,state\nXX,Imported,STATE,NC\n")
                .post("/api/v1/agencies/import").then().statusCode(422);
        assertEquals(imports + 1, auditRowsByAction("agency.import"));

        // bodies: each DOJ decision one row
        String body = appliedBody("Audited body", COVERED);
        as(doj).body("{\"termMonths\":36}").post("/api/v1/bodies/{id}/certification", body).then().statusCode(200);
        as(doj).body("{\"reason\":\"audit\"}").post("/api/v1/bodies/{id}/suspension", body).then().statusCode(200);
        as(doj).post("/api/v1/bodies/{id}/reinstatement", body).then().statusCode(200);
        as(doj).body("{\"reason\":\"audit\"}").post("/api/v1/bodies/{id}/revocation", body).then().statusCode(200);
        as(doj).body("{\"reason\":\"audit\"}").post("/api/v1/bodies/{id}/suspension", body).then().statusCode(409);
        assertEquals(Map.of("body.apply", 1L, "body.certify", 1L,
                "body.suspend", 1L, "body.reinstate", 1L, "body.revoke", 1L), auditRows("credentialing-body", body));
        String refusedBody = appliedBody("Refused body", COVERED);
        as(doj).body("{\"reason\":\"audit\"}").post("/api/v1/bodies/{id}/refusal", refusedBody).then().statusCode(200);
        assertEquals(Map.of("body.apply", 1L, "body.refuse", 1L), auditRows("credentialing-body", refusedBody));

        // standards
        String version = "AUDIT-" + ThreadLocalRandom.current().nextInt(100_000_000);
        List<Map<String, Object>> standards = given().get("/api/v1/standards/current").then().extract().path("standards");
        as(doj).body(Map.of("version", version, "title", "Audited revision", "standards", standards))
                .post("/api/v1/standards").then().statusCode(201);
        as(doj).body(Map.of("version", version, "title", "again", "standards", standards)).post("/api/v1/standards").then().statusCode(409);
        assertEquals(Map.of("standards.publish", 1L), auditRows("standards-version", version));

        // credentials: the assessors' decisions and revocations, the agency's seek and withdrawal
        String agencyOri = randomOriRegistered();
        String bodyId = certifiedBody(COVERED);
        String denied = seek(agencyOri, bodyId);
        assess(agencyOri, denied, bodyId, "UOF_LAWFUL", "NOT_MET");
        assessAllMet(agencyOri, denied, bodyId);
        as(assessor(certifiedBody(COVERED))).body("{\"outcome\":\"DENIED\"}")
                .post("/api/v1/agencies/{ori}/credentials/{id}/decision", agencyOri, denied).then().statusCode(403);
        as(assessor(bodyId)).body("{\"outcome\":\"CREDENTIALED\"}")
                .post("/api/v1/agencies/{ori}/credentials/{id}/decision", agencyOri, denied).then().statusCode(422);
        as(assessor(bodyId)).body("{\"outcome\":\"DENIED\"}")
                .post("/api/v1/agencies/{ori}/credentials/{id}/decision", agencyOri, denied).then().statusCode(200);
        assertEquals(Map.of("credential.seek", 1L, "credential.decide.denied", 1L), auditRows("agency-credential", denied));
        String granted = credentialed(agencyOri, bodyId);
        as(assessor(bodyId)).body("{\"reason\":\"audit\"}")
                .post("/api/v1/agencies/{ori}/credentials/{id}/revocation", agencyOri, granted).then().statusCode(200);
        as(assessor(bodyId)).body("{\"reason\":\"audit\"}")
                .post("/api/v1/agencies/{ori}/credentials/{id}/revocation", agencyOri, granted).then().statusCode(409);
        assertEquals(Map.of("credential.seek", 1L,
                "credential.decide.credentialed", 1L, "credential.revoke", 1L), auditRows("agency-credential", granted));
        String withdrawn = seek(agencyOri, bodyId);
        as(TestTokens.agencyUser(agencyOri)).body("{}")
                .post("/api/v1/agencies/{ori}/credentials/{id}/withdrawal", agencyOri, withdrawn).then().statusCode(200);
        assertEquals(Map.of("credential.seek", 1L, "credential.withdraw", 1L), auditRows("agency-credential", withdrawn));

        // the rows carry who did it, and the chain still verifies
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select actor_roles from audit_entry where object_type = 'credentialing-body'"
                     + " and object_id = ? and action = 'body.revoke'")) {
            s.setString(1, body);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                assertThat(rs.getString(1), containsString("doj-admin"));
            }
        }
        given().auth().oauth2(TestTokens.as("auditor").sign()).get("/api/v1/audit/verification").then().statusCode(200)
                .body("intact", equalTo(true));
    }

    private Map<String, Long> auditRows(String objectType, String objectId) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select action, count(*) from audit_entry where object_type = ? and object_id = ?"
                     + " group by action")) {
            s.setString(1, objectType);
            s.setString(2, objectId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return rows;
    }

    private long auditRowsByAction(String action) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from audit_entry where action = ?")) {
            s.setString(1, action);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Rows of the service's tables and its outbox. */
    Map<String, Long> counts() throws SQLException {
        return HostileInputTest.tableCounts(dataSource);
    }

    // ---- a plain HTTP/1.1 GET from a chosen local address ----

    private record RawAnswer(int status, Map<String, String> headers) {
    }

    private static RawAnswer rawGet(String fromAddress, String path) throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(fromAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String statusLine = in.readLine();
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).trim());
            }
            return new RawAnswer(Integer.parseInt(statusLine.split(" ")[1]), headers);
        }
    }
}
