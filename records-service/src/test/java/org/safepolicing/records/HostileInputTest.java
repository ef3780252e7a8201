package org.safepolicing.records;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safepolicing.records.RecordsApi.as;
import static org.safepolicing.records.RecordsApi.finalProcess;
import static org.safepolicing.records.RecordsApi.officerJson;
import static org.safepolicing.records.RecordsApi.officerToken;
import static org.safepolicing.records.RecordsApi.pendingProcess;
import static org.safepolicing.records.RecordsApi.randomCert;
import static org.safepolicing.records.RecordsApi.randomOri;
import static org.safepolicing.records.RecordsApi.submission;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.testing.HostileInput;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;
import org.safepolicing.testing.TopicProbe;

/**
 * Issue 7, input: generated malformed and hostile input at every endpoint with a token allowed to call it (bodies for
 * writes, path and query values for reads and writes), and hostile records on the consumed agency-registry.v1. No
 * answer is a 5xx or leaks internals; a refused request stores nothing; a hostile record stores nothing, reaches the
 * dead-letter topic, and the consumer goes on with the next valid event.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "records"))
class HostileInputTest {

    /** What HTTP requests may write (agency and processed_event are written only by the consumer, checked apart). */
    private static final List<String> TABLES = List.of("officer", "officer_employment", "bulk_submission",
            "misconduct_record", "record_history", "background_check", "check_subject", "disclosure", "dispute",
            "agency_notification", "continuous_enrollment", "reporting_report", "reporting_status", "public_release", "scheduled_release",
            "outbox_event");
    private static final String COUNTS = "select concat_ws(',', "
            + String.join(", ", TABLES.stream().map(t -> "'" + t + "=' || (select count(*) from " + t + ")").toList()) + ")";
    private static final int BODIES_PER_WRITE = 110;
    private static final int VALUES_PER_READ = 60;

    @Inject
    AgroalDataSource dataSource;

    private int requests;
    /** The counts after the last request: nothing but this test's requests writes these tables meanwhile. */
    private String lastCounts;

    private String counts() {
        try (var c = dataSource.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(COUNTS)) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends one request; checks the answer is safe and, unless it is a 2xx, that nothing was stored. */
    private int send(String what, RequestSpecification request, String method, String path) {
        String before = lastCounts == null ? counts() : lastCounts;
        Response r;
        try {
            r = request.redirects().follow(false).request(method, path);
        } catch (IllegalArgumentException e) {
            return -1; // the client itself cannot put this value into a URL: nothing was sent
        }
        requests++;
        String body = r.asString();
        HostileInput.assertSafeAnswer(what, r.statusCode(), r.contentType(), body);
        lastCounts = counts();
        if (r.statusCode() < 200 || r.statusCode() >= 300) {
            assertEquals(before, lastCounts, what + ": refused with " + r.statusCode() + " but stored something: " + body);
        }
        return r.statusCode();
    }

    private record Fixtures(String ori, String officerId, String activeRecord, String heldRecord, String disputeId,
                            String cert) {
    }

    private Fixtures fixtures(String state) {
        String ori = randomOri(state);
        RecordsApi.registerAndAwait(ori);
        String cert = randomCert();
        String officer = officerJson(state, cert, "Hugo", "Reyes", LocalDate.of(1980, 10, 10));
        var first = as(TestTokens.agencyUser(ori)).body(submission(officer, "TERMINATION", finalProcess()))
                .post("/api/v1/agencies/{ori}/records", ori).then().statusCode(201).extract();
        String officerId = first.path("officerId");
        String active = first.path("id");
        String held = as(TestTokens.agencyUser(ori)).body(submission(officer, "TERMINATION", pendingProcess()))
                .post("/api/v1/agencies/{ori}/records", ori).then().statusCode(201).extract().path("id");
        String toDispute = as(TestTokens.agencyUser(ori)).body(submission(officer, "CIVIL_JUDGMENT", finalProcess()))
                .post("/api/v1/agencies/{ori}/records", ori).then().statusCode(201).extract().path("id");
        String disputeId = as(officerToken(officerId)).body("{\"statement\":\"Not what happened\"}")
                .post("/api/v1/officers/{o}/records/{r}/disputes", officerId, toDispute).then().statusCode(201)
                .extract().path("id");
        as(TestTokens.agencyUser(ori)).body("{\"purpose\":\"HIRING\",\"state\":\"" + state + "\",\"certificationNumber\":\""
                + cert + "\"}").post("/api/v1/agencies/{ori}/checks", ori).then().statusCode(200);
        lastCounts = null; // the fixtures wrote rows
        return new Fixtures(ori, officerId, active, held, disputeId, cert);
    }

    private record Write(String what, Supplier<String> token, String method, String path, String example,
                         String... serverOwned) {
    }

    @Test
    void hostileBodiesAndPathsAtEveryWriteEndpoint() {
        HostileInput hostile = HostileInput.seeded("records-service writes");
        Fixtures f = fixtures("WA");
        Supplier<String> agency = () -> TestTokens.agencyUser(f.ori());
        String record = submission(officerJson("WA", randomCert(), "Ivy", "Stone", LocalDate.of(1975, 3, 3)),
                "TERMINATION", finalProcess());
        List<Write> writes = List.of(
                new Write("submit", agency, "POST", "/api/v1/agencies/{ori}/records", record,
                        "id", "officerId", "submittingOri", "status", "submittedAt", "updatedAt", "version"),
                new Write("bulk", agency, "POST", "/api/v1/agencies/{ori}/records/bulk",
                        "{\"clientKey\":\"hostile\",\"records\":[" + record + "," + record.replace("Ivy", "Ivo") + "]}",
                        "submissionId", "recordIds", "replayed"),
                new Write("board submit", () -> TestTokens.stateBoard("WA"), "POST", "/api/v1/states/{state}/records",
                        record.replace("TERMINATION", "DECERTIFICATION"),
                        "id", "officerId", "submittingState", "status", "submittedAt", "updatedAt", "version"),
                new Write("board bulk", () -> TestTokens.stateBoard("WA"), "POST", "/api/v1/states/{state}/records/bulk",
                        "{\"clientKey\":\"hostile\",\"records\":[" + record.replace("TERMINATION", "DECERTIFICATION") + "]}",
                        "submissionId", "recordIds", "replayed"),
                new Write("board check", () -> TestTokens.stateBoard("WA"), "POST", "/api/v1/states/{state}/checks",
                        "{\"purpose\":\"HIRING\",\"state\":\"WA\",\"certificationNumber\":\"" + f.cert() + "\"}",
                        "checkId", "performedAt", "matches"),
                new Write("fair-process", agency, "PUT", "/api/v1/agencies/{ori}/records/{id}/fair-process",
                        pendingProcess(), "isFinal", "status"),
                new Write("dispute", () -> officerToken(f.officerId()), "POST",
                        "/api/v1/officers/{officerId}/records/{recordId}/disputes", "{\"statement\":\"I was not there\"}",
                        "id", "status", "filedAt", "responseDue", "decidedAt"),
                new Write("decision", TestTokens::dojAdmin, "POST", "/api/v1/disputes/{id}/decision",
                        "{\"outcome\":\"AMEND\",\"reason\":\"corrected\",\"amendment\":{\"category\":\"TERMINATION\","
                                + "\"incidentDate\":\"2023-01-01\",\"summary\":\"Corrected summary\"}}",
                        "status", "decidedAt", "decidedBy"),
                // a fresh subject per check: the limit is per caller, and these are many callers' worth of input
                new Write("check by name", () -> TestTokens.agencyUser(f.ori()), "POST", "/api/v1/agencies/{ori}/checks",
                        "{\"purpose\":\"HIRING\",\"firstName\":\"Hugo\",\"lastName\":\"Reyes\",\"dateOfBirth\":\"1980-10-10\"}",
                        "checkId", "performedAt", "matches"),
                new Write("check by identifier", () -> TestTokens.agencyUser(f.ori()), "POST", "/api/v1/agencies/{ori}/checks",
                        "{\"purpose\":\"INVESTIGATION\",\"state\":\"WA\",\"certificationNumber\":\"" + f.cert() + "\"}",
                        "checkId", "performedAt", "matches"),
                new Write("enroll", agency, "POST", "/api/v1/agencies/{ori}/enrollments",
                        "{\"officerId\":\"" + f.officerId() + "\"}", "id", "enrolledAt", "enrolledBy"),
                new Write("report", agency, "POST", "/api/v1/agencies/{ori}/reports",
                        "{\"period\":\"2026-Q3\",\"zeroReport\":true}", "status", "submittedAt", "recordCount", "current"),
                // asOf before any period is due: a valid body changes nothing in the shared database
                new Write("delinquency check", TestTokens::dojAdmin, "POST", "/api/v1/reporting/delinquency-checks",
                        "{\"asOf\":\"2026-07-01\"}", "markedDelinquent", "periodsPastDue"),
                new Write("publish", TestTokens::dojAdmin, "POST", "/api/v1/statistics/releases",
                        "{\"year\":2019,\"title\":\"Hostile\"}", "version", "releaseId", "coverage"),
                // asOf before any scheduled release is due: a valid body changes nothing in the shared database
                new Write("release schedule run", TestTokens::dojAdmin, "POST", "/api/v1/statistics/release-schedule-runs",
                        "{\"asOf\":\"2026-07-01\"}", "due", "decided"));
        Map<String, Integer> statuses = new LinkedHashMap<>();
        Instant started = Instant.now();
        for (Write w : writes) {
            for (String body : bodies(hostile, w.example(), BODIES_PER_WRITE, w.serverOwned())) {
                int status = send(w.what() + " " + abbreviate(body), given().auth().oauth2(w.token().get())
                        .contentType(ContentType.JSON).body(body), w.method(), resolve(w.path(), f, null));
                statuses.merge(w.what() + " " + status, 1, Integer::sum);
            }
            // the example body under hostile path values
            for (int i = 0; i < 20; i++) {
                String value = hostile.string();
                String path = resolve(w.path(), f, value);
                send(w.what() + " at " + abbreviate(value), given().auth().oauth2(w.token().get())
                        .contentType(ContentType.JSON).body(w.example()), w.method(), path);
            }
        }
        // bodies that are not JSON at all, or say they are something else
        for (Write w : writes) {
            for (String contentType : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded")) {
                send(w.what() + " as " + contentType, given().auth().oauth2(w.token().get()).contentType(contentType)
                        .body(w.example()), w.method(), resolve(w.path(), f, null));
            }
        }
        System.out.printf("[hostile] %d write requests in %s: %s%n", requests, Duration.between(started, Instant.now()),
                statuses);
        assertTrue(requests >= writes.size() * BODIES_PER_WRITE, "requests sent: " + requests);
        // the input reached the code behind the parsers too: some bodies were valid enough to get past them
        assertTrue(statuses.keySet().stream().anyMatch(k -> k.endsWith(" 422") || k.endsWith(" 409")), statuses.toString());
    }

    private record Read(String path, Supplier<String> token, List<String> query) {
    }

    @Test
    void hostilePathAndQueryValuesAtEveryReadEndpoint() {
        HostileInput hostile = HostileInput.seeded("records-service reads");
        Fixtures f = fixtures("OR");
        Supplier<String> doj = TestTokens::dojAdmin;
        Supplier<String> agency = () -> TestTokens.agencyUser(f.ori());
        Supplier<String> auditor = () -> TestTokens.as("auditor").sign();
        Supplier<String> self = () -> officerToken(f.officerId());
        Supplier<String> nobody = () -> null;
        List<String> paging = List.of("page", "size");
        List<Read> reads = List.of(
                new Read("/api/v1/agencies/{ori}/records", doj, paging),
                new Read("/api/v1/agencies/{ori}/records/{id}", auditor, List.of()),
                new Read("/api/v1/officers/{officerId}", self, List.of()),
                new Read("/api/v1/officers/{officerId}/records", doj, List.of()),
                new Read("/api/v1/officers/{officerId}/disclosures", auditor, List.of()),
                new Read("/api/v1/officers/{officerId}/disputes", self, List.of()),
                new Read("/api/v1/officers/{officerId}/notices", doj, paging),
                new Read("/api/v1/disputes", doj, paging),
                new Read("/api/v1/agencies/{ori}/notifications", agency, paging),
                new Read("/api/v1/states/{state}/notifications", () -> TestTokens.stateBoard("OR"), paging),
                new Read("/api/v1/agencies/{ori}/enrollments", agency, List.of()),
                new Read("/api/v1/agencies/{ori}/reporting", doj, List.of()),
                new Read("/api/v1/reporting/agencies", () -> TestTokens.as("grant-officer").sign(),
                        List.of("current", "page", "size")),
                new Read("/api/v1/statistics/releases", nobody, List.of()),
                new Read("/api/v1/statistics/releases/{version}", nobody, List.of()),
                new Read("/api/v1/statistics/releases/{version}/csv", nobody, List.of()),
                new Read("/api/v1/audit/entries", auditor, List.of("objectType", "objectId", "actor", "agency", "from",
                        "to", "page", "size")),
                new Read("/api/v1/audit/verification", auditor, List.of()));
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        int before = requests;
        Instant started = Instant.now();
        for (Read read : reads) {
            boolean hasPathValue = read.path().contains("{");
            for (int i = 0; i < VALUES_PER_READ; i++) {
                String token = read.token().get();
                RequestSpecification request = given();
                if (token != null) {
                    request.auth().oauth2(token);
                }
                String value = hostile.string();
                // half hostile path values (where there are any), half valid paths with hostile query values
                boolean inPath = hasPathValue && (read.query().isEmpty() || i % 2 == 0);
                String path = resolve(read.path(), f, inPath ? value : null);
                if (!inPath) {
                    List<String> names = read.query().isEmpty() ? List.of("q") : read.query();
                    for (String name : names) {
                        if (names.size() == 1 || i % names.size() == names.indexOf(name) || i % 3 == 0) {
                            request.queryParam(name, name.equals("size") && i % 5 == 0 ? "2147483647" : hostile.string());
                        }
                    }
                    if (i % 7 == 0) { // a page far beyond int arithmetic
                        request.queryParam("page", "2147483647").queryParam("size", "500");
                    }
                }
                int status = send("GET " + read.path() + " with " + abbreviate(value), request, "GET", path);
                statuses.merge(status, 1, Integer::sum);
            }
        }
        System.out.printf("[hostile] %d read requests in %s: statuses %s%n", requests - before,
                Duration.between(started, Instant.now()), statuses);
        assertTrue(requests - before >= reads.size() * VALUES_PER_READ * 9 / 10, "requests sent: " + (requests - before));
        assertTrue(statuses.keySet().stream().anyMatch(s -> s == 200), statuses.toString());
        assertTrue(statuses.keySet().stream().anyMatch(s -> s == 400 || s == 404), statuses.toString());
    }

    /**
     * {@link HostileInput#bodies}, one at a time: its 5,000-deep nesting cannot be written by Jackson (nesting limit
     * 1,000) and throws, so that variant is written here by hand instead.
     */
    private static List<String> bodies(HostileInput hostile, String example, int count, String... serverOwned) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            try {
                out.addAll(hostile.bodies(example, 1, serverOwned));
            } catch (RuntimeException e) {
                out.add("[{\"a\":".repeat(2_500) + "1" + "}]".repeat(2_500));
            }
        }
        return out;
    }

    /** Fills a path template from the fixtures; {@code hostile} (when given) replaces one of its values. */
    private static String resolve(String template, Fixtures f, String hostile) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("ori", f.ori());
        values.put("id", template.contains("/disputes/{id}") ? f.disputeId()
                : template.contains("fair-process") ? f.heldRecord() : f.activeRecord());
        values.put("officerId", f.officerId());
        values.put("recordId", f.activeRecord());
        values.put("version", "1");
        values.put("state", f.ori().substring(0, 2));
        List<String> present = values.keySet().stream().filter(k -> template.contains("{" + k + "}")).toList();
        String replaced = present.isEmpty() || hostile == null ? null
                : present.get(Math.floorMod(hostile.hashCode(), present.size()));
        String path = template;
        for (String name : present) {
            String value = name.equals(replaced) ? encode(hostile) : values.get(name);
            path = path.replace("{" + name + "}", value);
        }
        return path;
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 200 ? one.substring(0, 200) + "..." : one;
    }

    // ---------------------------------------------------------------- Kafka

    @Test
    void hostileRecordsOnTheAgencyRegistryAreParkedAndTheConsumerGoesOn() {
        HostileInput hostile = HostileInput.seeded("records-service agency-registry.v1");
        Db db = new Db(dataSource);
        String dlq = "records-service.dead-letter.v1";
        List<String> keys = new ArrayList<>();
        String valid = """
                {"ori":"%s","name":"Agency %s","type":"LOCAL_MUNICIPAL","state":"%s","county":"Test County",
                 "swornOfficers":40,"populationServed":25000,"urbanRural":"URBAN","active":true,"version":1,
                 "updatedAt":"2026-11-01T00:00:00Z"}""";
        try (TopicProbe parked = TopicProbe.of(dlq)) {
            for (int i = 0; i < 60; i++) {
                String ori = randomOri("NM");
                keys.add(ori);
                String example = valid.formatted(ori, ori, "NM");
                String value;
                String[] headers = headers(ori, EventTypes.AGENCY_REGISTERED);
                switch (i % 6) {
                    case 0 -> value = garbage(hostile, i);
                    case 1 -> { // a valid envelope without the CloudEvent headers, or with broken ones
                        value = example;
                        headers = brokenHeaders(hostile, ori, i);
                    }
                    default -> value = hostileData(hostile, example, ori, i);
                }
                TopicProbe.send(Topics.AGENCY_REGISTRY, ori, value, headers);
            }
            // a valid event after all of them is still applied
            String after = randomOri("NM");
            RecordsApi.registerAgency(after, AgencyType.COUNTY_SHERIFF);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                    db.count("select count(*) from agency where ori = ?", after) == 1);
            // every hostile record is parked with its reason, and none was stored
            Set<String> pending = new java.util.HashSet<>(keys);
            Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> {
                parked.all(r -> pending.contains(r.key()), Duration.ofMillis(300))
                        .forEach(r -> pending.remove(r.key()));
                return pending.isEmpty();
            });
            for (String ori : keys) {
                assertEquals(0, db.count("select count(*) from agency where ori = ?", ori), ori + " was stored");
            }
            ConsumerRecord<String, String> one = parked.all(r -> keys.contains(r.key()), Duration.ZERO).get(0);
            assertTrue(TopicProbe.header(one, "dead-letter-reason") != null
                    || TopicProbe.header(one, "dead-letter-cause") != null, "the parked record says why");
        }
    }

    private static String[] headers(String key, String type) {
        return new String[] {"ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_source",
                "/credentialing-service", "ce_type", type, "ce_time", Instant.now().toString(), "content-type",
                "application/json"};
    }

    private static String garbage(HostileInput hostile, int i) {
        return switch (i % 4) {
            case 0 -> hostile.string();
            case 1 -> "[1,2,3]";
            case 2 -> "{\"ori\":";
            default -> "null";
        };
    }

    private static String[] brokenHeaders(HostileInput hostile, String key, int i) {
        List<String> h = new ArrayList<>(List.of(headers(key, EventTypes.AGENCY_REGISTERED)));
        switch (i % 5) {
            case 0 -> h.subList(0, 2).clear(); // no ce_specversion
            case 1 -> h.set(3, "\u0000" + hostile.string()); // ce_id with a NUL
            case 2 -> h.set(9, "yesterday"); // ce_time
            case 3 -> h.set(3, "x".repeat(5_000)); // an id no index takes
            default -> h.set(1, "0.3");
        }
        return h.toArray(String[]::new);
    }

    /** A valid CloudEvent whose data is hostile: an ORI other than the key, no name, a NUL, a bad state... */
    private static String hostileData(HostileInput hostile, String example, String ori, int i) {
        return switch (i % 8) {
            case 2 -> example.replace("\"name\":\"Agency " + ori + "\"", "\"name\":\"\\u0000" + jsonEscape(hostile.string()) + "\"");
            case 3 -> example.replace("\"state\":\"NM\"", "\"state\":\"" + jsonEscape(hostile.string()) + "XX\"");
            case 4 -> example.replace("\"ori\":\"" + ori + "\"", "\"ori\":\"" + randomOri("NM") + "\"");
            case 5 -> example.replace("\"version\":1", "\"version\":\"" + jsonEscape(hostile.string()) + "x\"");
            case 6 -> example.replace("\"name\":\"Agency " + ori + "\"", "\"name\":\" \"");
            default -> example.replace("\"active\":true", "\"active\":\"" + jsonEscape(hostile.string()) + "x\"");
        };
    }

    private static String jsonEscape(String s) {
        return RecordsApi.JSON.valueToTree(s).toString().replaceAll("^\"|\"$", "");
    }
}
