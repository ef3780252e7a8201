package org.safepolicing.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.smallrye.jwt.build.Jwt;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The security every service has in the same way, run by each service's {@code *ServiceBasicsTest}: deny by default
 * (every REST method carries a security decision), token checks (expired, not yet valid, wrong issuer or audience,
 * unsigned, tampered, signed by another key, in the URL: all 401), the audit trail (append-only, hash-chained,
 * verification names an altered or removed row, auditors only), the request body limit (413) and the rate limit on
 * the audit search (429). A request refused with 403 leaves one audit row of its own.
 */
public abstract class ServiceSecurityContract {

    private static final String AUDIT_ENTRIES = "/api/v1/audit/entries";
    private static final String AUDIT_VERIFICATION = "/api/v1/audit/verification";
    private static final List<String> SECURITY_ANNOTATIONS = List.of("jakarta.annotation.security.RolesAllowed",
            "jakarta.annotation.security.PermitAll", "jakarta.annotation.security.DenyAll",
            "io.quarkus.security.Authenticated");
    private static final List<String> HTTP_METHODS = List.of("jakarta.ws.rs.GET", "jakarta.ws.rs.POST",
            "jakarta.ws.rs.PUT", "jakarta.ws.rs.PATCH", "jakarta.ws.rs.DELETE", "jakarta.ws.rs.HEAD",
            "jakarta.ws.rs.OPTIONS");

    // ---- deny by default ----------------------------------------------------------------------------------------

    @Test
    void everyRestMethodCarriesAnExplicitSecurityDecision() throws IOException {
        Path classes = Path.of("target", "classes");
        assertTrue(Files.isDirectory(classes), "run from the module directory: " + classes.toAbsolutePath());
        List<String> undecided = new ArrayList<>();
        int methods = 0;
        List<Class<?>> resources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.class$", "");
                resources.add(load(name));
            }
        }
        resources.add(load("org.safepolicing.platform.audit.AuditResource"));
        for (Class<?> type : resources) {
            for (Method method : type.getDeclaredMethods()) {
                if (!has(method, HTTP_METHODS)) {
                    continue;
                }
                methods++;
                if (!has(method, SECURITY_ANNOTATIONS) && !has(type, SECURITY_ANNOTATIONS)) {
                    undecided.add(type.getName() + "." + method.getName());
                }
            }
        }
        assertTrue(methods > 0, "no REST methods found under " + classes);
        assertEquals(List.of(), undecided, "REST methods without @RolesAllowed, @PermitAll, @Authenticated or @DenyAll");
    }

    private Class<?> load(String name) {
        try {
            return Class.forName(name, false, getClass().getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new AssertionError("cannot load " + name, e);
        }
    }

    private static boolean has(java.lang.reflect.AnnotatedElement element, List<String> names) {
        for (Annotation a : element.getAnnotations()) {
            if (names.contains(a.annotationType().getName())) {
                return true;
            }
        }
        return false;
    }

    // ---- tokens ---------------------------------------------------------------------------------------------------

    @Test
    void aValidTokenIsAcceptedAndEveryBrokenOneIsRefusedWith401() throws Exception {
        String valid = TestTokens.as("auditor").sign();
        given().auth().oauth2(valid).get(AUDIT_ENTRIES + "?size=1").then().statusCode(200);

        Instant now = Instant.now();
        Map<String, String> broken = new java.util.LinkedHashMap<>();
        broken.put("expired", TestTokens.as("auditor").validBetween(now.minus(Duration.ofMinutes(20)),
                now.minus(Duration.ofMinutes(10))).sign());
        broken.put("not yet valid", TestTokens.as("auditor").notBefore(now.plus(Duration.ofMinutes(10)))
                .validBetween(now, now.plus(Duration.ofMinutes(30))).sign());
        broken.put("issued in the future", TestTokens.as("auditor").validBetween(now.plus(Duration.ofMinutes(10)),
                now.plus(Duration.ofMinutes(30))).sign());
        broken.put("wrong issuer", TestTokens.as("auditor").issuer("https://attacker.example/realms/safe-policing").sign());
        broken.put("wrong audience", TestTokens.as("auditor").audience("some-other-api").sign());
        broken.put("unsigned (alg none)", unsigned(valid));
        broken.put("tampered payload", tampered(valid));
        broken.put("tampered signature", valid.substring(0, valid.length() - 6)
                + (valid.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA"));
        broken.put("signed by another key", signedByAnotherKey());
        broken.put("not a JWT", "not-a-token");
        List<String> accepted = new ArrayList<>();
        String run = java.util.UUID.randomUUID().toString();
        Map<String, String> requestIds = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> token : broken.entrySet()) {
            String requestId = "unauth-" + run + "-" + requestIds.size();
            requestIds.put(requestId, token.getKey());
            int status = given().auth().oauth2(token.getValue()).header("X-Request-Id", requestId)
                    .get(AUDIT_ENTRIES + "?size=1").then().extract().statusCode();
            if (status != 401) {
                accepted.add(token.getKey() + " -> " + status);
            }
        }
        assertEquals(List.of(), accepted, "every broken token must be refused with 401");
        String noToken = "unauth-" + run + "-none";
        given().header("X-Request-Id", noToken).get(AUDIT_ENTRIES).then().statusCode(401);

        // each 401 left one row (in tests the per-address throttle is raised; UnauthenticatedThrottleTest tests it):
        // who is unknown (anonymous), what was asked and why it was refused, never the token
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            io.restassured.path.json.JsonPath rows = given().auth().oauth2(TestTokens.as("auditor").sign())
                    .get(AUDIT_ENTRIES + "?actor=anonymous&size=500&from=" + now.minusSeconds(5)).then().statusCode(200)
                    .extract().jsonPath();
            Map<String, String> reasons = new java.util.HashMap<>();
            List<Map<String, Object>> items = rows.getList("items");
            for (Map<String, Object> item : items) {
                if (String.valueOf(item.get("requestId")).startsWith("unauth-" + run)) {
                    assertEquals("access.unauthenticated", item.get("action"));
                    assertEquals("REFUSED", item.get("outcome"));
                    reasons.put((String) item.get("requestId"), (String) item.get("objectId"));
                }
            }
            assertEquals(requestIds.size() + 1, reasons.size(), "one row per 401: " + reasons);
            assertEquals("GET " + AUDIT_ENTRIES + " -> no bearer token", reasons.get(noToken));
            for (Map.Entry<String, String> id : requestIds.entrySet()) {
                String expected = switch (id.getValue()) {
                    case "expired" -> "token expired";
                    case "wrong audience" -> "token for another audience";
                    case "wrong issuer" -> "token from another issuer";
                    case "issued in the future" -> "token issued in the future";
                    default -> "token ";
                };
                assertTrue(reasons.get(id.getKey()).startsWith("GET " + AUDIT_ENTRIES + " -> " + expected),
                        id.getValue() + ": " + reasons.get(id.getKey()));
                assertTrue(!reasons.get(id.getKey()).contains(".ey"), "no token in the row");
            }
        });

        given().auth().oauth2(broken.get("expired")).get(AUDIT_ENTRIES).then().statusCode(401)
                .contentType("application/problem+json").body("type", equalTo("urn:safe-policing:problem:unauthorized"));
        // a token is only read from the Authorization header: one in the URL is not a credential
        given().queryParam("access_token", valid).get(AUDIT_ENTRIES).then().statusCode(401);
        given().get(AUDIT_ENTRIES).then().statusCode(401).contentType("application/problem+json");
    }

    private static String unsigned(String token) {
        String[] parts = token.split("\\.");
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        return header + "." + parts[1] + ".";
    }

    private static String tampered(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"auditor\"", "\"auditor\",\"doj-admin\"");
        return parts[0] + "." + b64(payload) + "." + parts[2];
    }

    private static String signedByAnotherKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        RSAPrivateKey key = (RSAPrivateKey) generator.generateKeyPair().getPrivate();
        return Jwt.issuer(TestTokens.ISSUER).subject("intruder").audience(TestTokens.AUDIENCE)
                .claim("realm_access", Map.of("roles", List.of("auditor")))
                .expiresIn(300).jws().keyId("safe-policing-test").sign(key);
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    // ---- audit trail ------------------------------------------------------------------------------------------------

    @Test
    void onlyAuditorsReadTheTrailAndEveryReadIsAudited() {
        String refusedSubject = "curious-" + java.util.UUID.randomUUID();
        for (String role : List.of("doj-admin", "agency-user", "body-assessor", "grant-officer", "hhs-analyst", "officer")) {
            String token = TestTokens.as(role).subject(refusedSubject).claim("ori", "VA0000000").sign();
            given().auth().oauth2(token).get(AUDIT_ENTRIES).then().statusCode(403).contentType("application/problem+json");
            given().auth().oauth2(token).get(AUDIT_VERIFICATION).then().statusCode(403);
        }
        String subject = "auditor-" + java.util.UUID.randomUUID();
        String auditor = TestTokens.as("auditor").subject(subject).sign();
        // each refusal left exactly one row of its own: who, what was asked, REFUSED
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.as("auditor").sign()).get(AUDIT_ENTRIES + "?actor=" + refusedSubject + "&size=50")
                        .then().statusCode(200).body("total", equalTo(12))
                        .body("items.action", org.hamcrest.Matchers.everyItem(equalTo("access.refused")))
                        .body("items.outcome", org.hamcrest.Matchers.everyItem(equalTo("REFUSED")))
                        .body("items.objectId", hasItem("GET " + AUDIT_VERIFICATION))
                        .body("items.actorAgency", hasItem("VA0000000")));
        given().auth().oauth2(auditor).header("X-Request-Id", "audit-read-1").get(AUDIT_ENTRIES + "?size=1")
                .then().statusCode(200);
        given().auth().oauth2(auditor).get(AUDIT_ENTRIES + "?actor=" + subject + "&size=5").then().statusCode(200)
                .body("items.action", hasItem("audit.read"))
                .body("items.find { it.requestId == 'audit-read-1' }.actorRoles", equalTo("auditor"))
                .body("items.find { it.requestId == 'audit-read-1' }.sourceAddress", notNullValue())
                .body("items.find { it.requestId == 'audit-read-1' }.occurredAt", containsString("Z"))
                .body("items.find { it.requestId == 'audit-read-1' }.rowHash", notNullValue());
        given().auth().oauth2(auditor).get(AUDIT_ENTRIES + "?from=yesterday").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(auditor).get(AUDIT_ENTRIES + "?size=100000").then().statusCode(400);
        // PostgreSQL cannot hold a NUL: refused in the path or query, never a 500
        given().auth().oauth2(auditor).urlEncodingEnabled(false).get(AUDIT_ENTRIES + "?actor=%00").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(auditor).urlEncodingEnabled(false).get("/api/v1/audit/entr%00ies").then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(400), equalTo(404))).contentType("application/problem+json");
    }

    @Test
    void theTrailIsAppendOnlyAndVerificationNamesAnAlteredOrRemovedRow() throws SQLException {
        String auditor = TestTokens.as("auditor").sign();
        // 16 chains, one per transaction: 40 rows put at least three in one chain, so one can be removed from its middle
        for (int i = 0; i < 40; i++) {
            given().auth().oauth2(auditor).get(AUDIT_ENTRIES + "?size=1").then().statusCode(200);
        }
        given().auth().oauth2(auditor).get(AUDIT_VERIFICATION).then().statusCode(200).body("intact", equalTo(true));

        try (Connection service = AuditTampering.connect("quarkus.datasource"); Connection db = AuditTampering.owner()) {
            long middle = single(db, """
                    select e.id from audit_entry e
                     where exists (select 1 from audit_entry p where p.chain = e.chain and p.id < e.id)
                       and exists (select 1 from audit_entry n where n.chain = e.chain and n.id > e.id)
                     order by e.id desc limit 1""");
            // the service's own (runtime) role may add rows and read them, nothing else: it cannot change, remove or
            // empty them, and it cannot switch the guard off (it owns no table)
            assertTrue(single(service, "select count(*) from audit_entry where id = " + middle) == 1);
            for (String sql : List.of("update audit_entry set outcome = 'FORGED' where id = " + middle,
                    "delete from audit_entry where id = " + middle, "truncate audit_entry",
                    "alter table audit_entry disable trigger user", "drop trigger if exists audit_entry_chain on audit_entry",
                    "create table audit_entry_copy (id bigint)")) {
                SQLException refused = assertThrows(SQLException.class, () -> execute(service, sql), sql);
                assertTrue(refused.getMessage().contains("permission denied") || refused.getMessage().contains("must be owner"),
                        sql + ": " + refused.getMessage());
            }
            // the owner's rights are needed to get past the privileges, and then the append-only guard still refuses
            SQLException update = assertThrows(SQLException.class,
                    () -> execute(db, "update audit_entry set outcome = 'FORGED' where id = " + middle));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            assertThrows(SQLException.class, () -> execute(db, "delete from audit_entry where id = " + middle));
            assertThrows(SQLException.class, () -> execute(db, "truncate audit_entry"));

            // an intruder with the owner's rights switches the guard off for a moment and changes one row
            String original = text(db, "select outcome from audit_entry where id = " + middle);
            AuditTampering.withGuardOff(db, "update audit_entry set outcome = 'FORGED' where id = " + middle);
            try {
                given().auth().oauth2(auditor).get(AUDIT_VERIFICATION).then().statusCode(200)
                        .body("intact", equalTo(false))
                        .body("problems.find { it.id == " + middle + " }.kind", equalTo("ALTERED"));
            } finally {
                AuditTampering.withGuardOff(db, "update audit_entry set outcome = '" + original + "' where id = " + middle);
            }
            given().auth().oauth2(auditor).get(AUDIT_VERIFICATION).then().statusCode(200).body("intact", equalTo(true));

            // ... or removes one: the row after it no longer links to the row before it
            long next = single(db, "select min(id) from audit_entry where id > " + middle
                    + " and chain = (select chain from audit_entry where id = " + middle + ")");
            List<Object> saved = AuditTampering.row(db, middle);
            AuditTampering.withGuardOff(db, "delete from audit_entry where id = " + middle);
            try {
                given().auth().oauth2(auditor).get(AUDIT_VERIFICATION).then().statusCode(200)
                        .body("intact", equalTo(false))
                        .body("problems.find { it.id == " + next + " }.kind", equalTo("BROKEN_LINK"));
            } finally {
                AuditTampering.restore(db, saved);
            }
            given().auth().oauth2(auditor).get(AUDIT_VERIFICATION).then().statusCode(200).body("intact", equalTo(true))
                    .body("problemCount", equalTo(0));
        }
    }

    private static void execute(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    private static String text(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    // ---- limits -----------------------------------------------------------------------------------------------------

    @Test
    void aBodyOverTheLimitIsRefusedWith413() throws IOException {
        // announced, not sent: the server must refuse on the announced length, before reading 11 MB
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String request = "POST " + AUDIT_ENTRIES + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + TestTokens.as("auditor").sign() + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + (11 * 1024 * 1024) + "\r\n\r\n{";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertEquals("HTTP/1.1 413 Request Entity Too Large", statusLine);
        }
    }

    @Test
    void oneCallerSearchingTooOftenIsToldToWaitWith429() {
        String subject = "busy-auditor-" + java.util.UUID.randomUUID();
        int allowed = 0;
        io.restassured.response.Response last = null;
        long started = System.nanoTime();
        while (allowed < 1000) {
            last = given().auth().oauth2(TestTokens.as("auditor").subject(subject).sign()).get(AUDIT_ENTRIES + "?size=1");
            if (last.statusCode() != 200) {
                break;
            }
            allowed++;
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L + 1;
        last.then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("urn:safe-policing:problem:rate-limited"));
        // a full bucket of 60, plus one more for every second the searches took (it refills at 60 a minute)
        assertTrue(allowed >= 60 && allowed <= 60 + seconds, allowed + " searches allowed in " + seconds + " s");
        // another caller is not affected
        given().auth().oauth2(TestTokens.as("auditor").sign()).get(AUDIT_ENTRIES + "?size=1").then().statusCode(200);
    }
}
