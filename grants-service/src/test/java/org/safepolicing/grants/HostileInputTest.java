package org.safepolicing.grants;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.contracts.events.CredentialStatus;
import org.safepolicing.contracts.events.ProgramStatus;
import org.safepolicing.contracts.events.ReportingStatus;
import org.safepolicing.grants.projection.ProjectionChannels;
import org.safepolicing.testing.HostileInput;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;
import org.safepolicing.testing.TopicProbe;

/**
 * Generated malformed and hostile input at every endpoint (bodies for writes, path and query values for reads) with a
 * token allowed to call it, and at every input topic: no 5xx, no stack trace or internal name in an answer, nothing
 * stored by a refused request or a poison record; the service keeps serving and consuming afterwards. Seeded:
 * {@code -Dhostile.seed=<n>} replays a run.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "grants"))
class HostileInputTest {

    private static final Pattern VALID_ORI = Pattern.compile("[A-Z]{2}[A-Z0-9]{7}");
    private static final String DEAD_LETTER = Topics.deadLetter(Topics.GRANTS_SERVICE);
    /** What one request or record may have stored: every domain table and the outbox. */
    private static final String STORED = "select (select count(*) from agency_projection) + (select count(*) from body_projection)"
            + " + (select count(*) from credential_projection) + (select count(*) from reporting_projection)"
            + " + (select count(*) from coresponder_program_projection) + (select count(*) from training_projection)"
            + " + (select count(*) from survey_report_projection)"
            + " + (select count(*) from agency_eligibility) + (select count(*) from program_eligibility)"
            + " + (select count(*) from eligibility_history) + (select count(*) from grant_program)"
            + " + (select count(*) from grant_application) + (select count(*) from grant_award)"
            + " + (select count(*) from outbox_event)";

    @Inject
    AgroalDataSource dataSource;

    private int requests;
    private final Map<String, Long> millis = new java.util.TreeMap<>();

    // --- HTTP ---

    @Test
    void hostileBodiesPathsAndQueriesAreAnsweredSafelyAndRefusalsStoreNothing() {
        GrantsDatabase db = new GrantsDatabase(dataSource);
        String ori = Upstream.randomOri();
        GrantsApi.eligibleAgency(db, ori, Instant.now());
        UUID programId = GrantsApi.program("1000000.00");
        UUID applicationId = GrantsApi.applied(programId, ori, "1000.00");
        UUID awardId = GrantsApi.awarded(GrantsApi.applied(GrantsApi.program("1000.00"), ori, "100.00"), "50.00");
        UUID toAward = GrantsApi.applied(GrantsApi.program("1000000.00"), ori, "1000.00");
        UUID toChange = GrantsApi.program("1000.00");
        UUID toApply = GrantsApi.program("1000000.00");
        awaitQuiet();
        HostileInput hostile = HostileInput.seeded("grants-service HTTP");
        long started = System.nanoTime();

        Supplier<String> admin = GrantsApi::admin;
        Supplier<String> officer = GrantsApi::officer;
        Supplier<String> agencyUser = () -> TestTokens.agencyUser(ori);

        // writes: bodies derived from a valid example, with the fields the server owns injected
        bodies(hostile, "POST /api/v1/grant-programs", admin, GrantsApi.terms("1000.00", ",\"rules\":[\"SEC_2B_CREDENTIAL\"]"
                + ",\"allowedAgencyTypes\":[\"LOCAL_MUNICIPAL\"],\"minimumTrainingCoverage\":0.5"), 250,
                r -> r.post("/api/v1/grant-programs"), "id", "awarded", "remaining", "createdAt", "updatedAt");
        bodies(hostile, "PUT /api/v1/grant-programs/{id}", admin, GrantsApi.terms("1000.00", ""), 200,
                r -> r.put("/api/v1/grant-programs/{id}", toChange), "id", "awarded", "remaining", "createdAt",
                "updatedAt");
        bodies(hostile, "POST /api/v1/grant-programs/{programId}/applications", agencyUser,
                "{\"ori\":\"" + ori + "\",\"requestedAmount\":1000.00,\"purpose\":\"co-responder pilot\"}", 250,
                r -> r.post("/api/v1/grant-programs/{id}/applications", toApply), "id", "status", "grantProgramId",
                "submittedAt", "submittedBy", "eligibilityAtSubmission");
        bodies(hostile, "POST /api/v1/grant-applications/{id}/award", officer, "{\"amount\":500.00}", 200,
                r -> r.post("/api/v1/grant-applications/{id}/award", toAward), "id", "ori", "applicationId",
                "grantProgramId", "awardedAt", "awardedBy", "flagged", "flagReason", "eligibilityAtAward");
        bodies(hostile, "POST /api/v1/admin/projection/rebuild", admin, "{\"confirm\":true}", 100,
                r -> r.queryParam("confirm", notTrue(hostile)).post("/api/v1/admin/projection/rebuild"));

        // reads: hostile path segments and query values
        String[] ids = {programId.toString(), applicationId.toString(), awardId.toString()};
        reads(hostile, "GET /api/v1/agencies/{ori}/eligibility", officer, 150,
                () -> "/api/v1/agencies/" + enc(pick(hostile, ori)) + "/eligibility?at=" + enc(hostile.string()));
        reads(hostile, "GET /api/v1/agencies/{ori}/eligibility/programs/{programId}", officer, 150,
                () -> "/api/v1/agencies/" + enc(pick(hostile, ori)) + "/eligibility/programs/"
                        + enc(pick(hostile, programId.toString())) + "?at=" + enc(hostile.string()));
        reads(hostile, "GET /api/v1/grant-programs", officer, 150,
                () -> "/api/v1/grant-programs?fiscalYear=" + enc(hostile.string()) + "&area=" + enc(hostile.string())
                        + "&page=" + enc(hostile.string()) + "&size=" + enc(hostile.string()));
        reads(hostile, "GET /api/v1/grant-programs/{id}", agencyUser, 120,
                () -> "/api/v1/grant-programs/" + enc(pick(hostile, ids)));
        reads(hostile, "GET /api/v1/grant-programs/{programId}/applications", admin, 120,
                () -> "/api/v1/grant-programs/" + enc(pick(hostile, ids)) + "/applications?page="
                        + enc(hostile.string()) + "&size=" + enc(hostile.string()) + "&order="
                        + enc(pick(hostile, "survey", "submitted")));
        reads(hostile, "GET /api/v1/grant-applications/{id}", officer, 120,
                () -> "/api/v1/grant-applications/" + enc(pick(hostile, ids)));
        reads(hostile, "GET /api/v1/grant-awards", officer, 150,
                () -> "/api/v1/grant-awards?programId=" + enc(pick(hostile, programId.toString())) + "&flagged="
                        + enc(hostile.string()) + "&page=" + enc(hostile.string()) + "&size=" + enc(hostile.string()));
        reads(hostile, "GET /api/v1/grant-awards/{id}", agencyUser, 120,
                () -> "/api/v1/grant-awards/" + enc(pick(hostile, ids)));
        reads(hostile, "GET /api/v1/grant-programs/{programId}/eligibility-report", officer, 40,
                () -> "/api/v1/grant-programs/" + enc(pick(hostile, ids)) + "/eligibility-report?eligible="
                        + enc(hostile.string()) + "&page=" + enc(hostile.string()) + "&size=" + enc(hostile.string()),
                "text/csv");
        reads(hostile, "GET /api/v1/grant-programs/{programId}/eligibility-report", officer, 40,
                () -> "/api/v1/grant-programs/" + enc(pick(hostile, ids)) + "/eligibility-report?eligible="
                        + enc(hostile.string()) + "&size=" + enc(hostile.string()), "application/json");
        Supplier<String> auditor = () -> TestTokens.as("auditor").sign();
        reads(hostile, "GET /api/v1/audit/entries", auditor, 40,
                () -> "/api/v1/audit/entries?objectId=" + enc(hostile.string()) + "&from=" + enc(hostile.string())
                        + "&to=" + enc(hostile.string()) + "&size=" + enc(hostile.string()));

        System.out.printf("HostileInputTest: %d hostile requests in %d ms%n", requests,
                (System.nanoTime() - started) / 1_000_000);
        System.out.println("HostileInputTest: milliseconds per endpoint " + millis);
        assertTrue(requests >= 2_000, "only " + requests + " requests were sent");
        // still serving
        assertEquals(200, given().auth().oauth2(GrantsApi.officer()).get("/api/v1/grant-programs/{id}", programId)
                .statusCode());
    }

    /** A hostile value, or now and then a valid one, so the other parameters reach the code behind the first. */
    private static String pick(HostileInput hostile, String... valid) {
        String value = hostile.string();
        return value.length() % 3 == 0 ? valid[value.length() % valid.length] : value;
    }

    private static String notTrue(HostileInput hostile) {
        String value = hostile.string();
        return value.strip().equalsIgnoreCase("true") ? "yes" : value;
    }

    private void bodies(HostileInput hostile, String what, Supplier<String> token, String example, int count,
                        Function<RequestSpecification, Response> send, String... serverOwned) {
        for (int i = 0; i < count; i++) {
            String body = body(hostile, example, serverOwned);
            call(what + " " + abbreviate(body), () -> send.apply(given().auth().oauth2(token.get())
                    .contentType("application/json").body(body)));
        }
    }

    /**
     * One hostile body. HostileInput's 5,000-deep document cannot be written by Jackson 2.21 (nesting limit 1,000 on
     * writing too): that draw is replaced by the same document written by hand.
     */
    private static String body(HostileInput hostile, String example, String... serverOwned) {
        try {
            return hostile.bodies(example, 1, serverOwned).get(0);
        } catch (RuntimeException tooDeepToWrite) {
            return "{\"a\":[".repeat(2_500) + "\"bottom\"" + "]}".repeat(2_500);
        }
    }

    /**
     * {@code count} GETs of the URIs {@code uri} makes, encoded here and sent as they are: RestAssured's own path
     * templating loops on some values with braces.
     */
    private void reads(HostileInput hostile, String what, Supplier<String> token, int count, Supplier<String> uri,
                       String... accept) {
        for (int i = 0; i < count; i++) {
            String target = uri.get();
            RequestSpecification request = given().auth().oauth2(token.get()).urlEncodingEnabled(false);
            if (accept.length > 0) {
                request.accept(accept[0]);
            }
            call(what + " " + abbreviate(target), () -> request.get(target));
        }
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void call(String what, Supplier<Response> request) {
        long before = stored();
        long t0 = System.nanoTime();
        Response response;
        try {
            response = request.get();
        } catch (RuntimeException clientRefused) {
            // the HTTP client itself refuses some values (e.g. a raw control character in a URI): nothing was sent
            return;
        }
        requests++;
        String section = what.substring(0, Math.min(what.length(), what.indexOf(' ', what.indexOf(' ') + 1) < 0
                ? what.length() : what.indexOf(' ', what.indexOf(' ') + 1)));
        millis.merge(section, (System.nanoTime() - t0) / 1_000_000, Long::sum);
        int status = response.statusCode();
        HostileInput.assertSafeAnswer(what, status, response.contentType(), response.asString());
        if (status >= 300) {
            assertEquals(before, stored(), what + ": refused with " + status + " but stored something");
        }
    }

    private long stored() {
        return new GrantsDatabase(dataSource).count(STORED);
    }

    /** Waits until nothing is being stored by events still in flight from fixtures or earlier tests. */
    private void awaitQuiet() {
        AtomicReference<Long> last = new AtomicReference<>(-1L);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> last.getAndSet(stored()) == stored());
    }

    private static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }

    // --- Kafka ---

    @Test
    void hostileRecordsOnEveryInputTopicAreDeadLetteredOrDroppedAndTheServiceKeepsConsuming() {
        GrantsDatabase db = new GrantsDatabase(dataSource);
        HostileInput hostile = HostileInput.seeded("grants-service topics");
        UUID someBody = UUID.randomUUID();
        Instant now = Instant.now();
        // a valid example of each event type a topic carries, with its required fields
        List<Example> examples = List.of(
                new Example(Topics.AGENCY_REGISTRY, EventTypes.AGENCY_REGISTERED, "ori",
                        ori -> agencyJson(ori, now), "ori", "type", "active"),
                new Example(Topics.CREDENTIALING_EVENTS, EventTypes.BODY_CERTIFIED, "bodyId",
                        id -> bodyJson(UUID.fromString(id), now), "bodyId", "status"),
                new Example(Topics.CREDENTIALING_EVENTS, EventTypes.CREDENTIAL_SOUGHT, "ori",
                        ori -> Upstream.credentialJson(ori, someBody, CredentialStatus.SOUGHT, now),
                        "ori", "credentialId", "bodyId", "status"),
                new Example(Topics.RECORDS_REPORTING, EventTypes.REPORTING_STATUS_CHANGED, "ori",
                        ori -> reportingJson(ori, now), "ori", "status", "current"),
                new Example(Topics.CORESPONDER_EVENTS, EventTypes.PROGRAM_STATUS_CHANGED, "ori",
                        ori -> coResponderJson(ori, now), "programId", "ori", "status"),
                new Example(Topics.CORESPONDER_EVENTS, EventTypes.TRAINING_COVERAGE_CHANGED, "ori",
                        ori -> trainingJson(ori, now), "ori", "coverage"),
                new Example(Topics.CORESPONDER_EVENTS, EventTypes.SURVEY_REPORT_PUBLISHED, "reportId",
                        id -> surveyJson(UUID.fromString(id), now), "reportId", "version", "period", "year",
                        "publishedAt", "recommendedModels"));

        Map<String, String> deadLetterKeys = new LinkedHashMap<>(); // key -> what was sent
        Map<String, String> skippedIds = new LinkedHashMap<>();     // ce_id of an unknown type -> what was sent
        Set<String> oris = new HashSet<>();
        Set<String> bodies = new HashSet<>();
        Set<String> reports = new HashSet<>();
        for (Example example : examples) {
            for (int i = 0; i < 30; i++) {
                boolean byBody = example.keyField.equals("bodyId");
                boolean byReport = example.keyField.equals("reportId");
                String key = byBody || byReport ? UUID.randomUUID().toString() : Upstream.randomOri();
                (byBody ? bodies : byReport ? reports : oris).add(key);
                ObjectNode valid = (ObjectNode) readTree(example.data.apply(key));
                String what = example.type + " #" + i;
                switch (i % 6) {
                    case 0 -> { // not JSON, or not an object
                        Upstream.send(example.topic, key, example.type, brokenJson(hostile, valid.toString()),
                                Upstream.nextSequence(), now, UUID.randomUUID().toString());
                        deadLetterKeys.put(key, what + " garbage value");
                    }
                    case 1 -> { // no CloudEvents headers at all, or some of them wrong or missing
                        TopicProbe.send(example.topic, key, valid.toString(), wrongHeaders(hostile, example.type));
                        deadLetterKeys.put(key, what + " wrong or missing ce_* headers");
                    }
                    case 2 -> { // a valid envelope without ce_sequence
                        TopicProbe.send(example.topic, key, valid.toString(), "ce_specversion", "1.0",
                                "ce_id", UUID.randomUUID().toString(), "ce_type", example.type, "ce_source", "/test",
                                "ce_time", now.toString(), "content-type", "application/json");
                        deadLetterKeys.put(key, what + " without ce_sequence");
                    }
                    case 3 -> { // an unknown event type: recorded as processed and skipped
                        String id = UUID.randomUUID().toString();
                        Upstream.send(example.topic, key, example.type + "." + hostileToken(hostile), valid.toString(),
                                Upstream.nextSequence(), now, id);
                        skippedIds.put(id, what + " of an unknown type");
                    }
                    default -> { // a valid envelope whose data lacks a required field and carries hostile values
                        String required = example.required[i % example.required.length];
                        ObjectNode data = valid.deepCopy();
                        if (required.equals(example.keyField) && i % 2 == 0) {
                            data.put(required, hostile.string()); // an id that is no ORI or UUID
                            if (VALID_ORI.matcher(data.get(required).asText()).matches()) {
                                data.remove(required);
                            }
                        } else {
                            data.remove(required);
                        }
                        String body = body(hostile, data.toString(), "sequence", "id", "decidedBy");
                        Upstream.send(example.topic, key, example.type, body, Upstream.nextSequence(), now,
                                UUID.randomUUID().toString());
                        deadLetterKeys.put(key, what + " hostile data without " + required + ": " + abbreviate(body));
                    }
                }
            }
        }

        // every poison record reaches grants-service.dead-letter.v1 with a reason
        try (TopicProbe deadLetters = TopicProbe.of(DEAD_LETTER)) {
            for (Map.Entry<String, String> sent : deadLetterKeys.entrySet()) {
                ConsumerRecord<String, String> parked = deadLetters.await(r -> sent.getKey().equals(r.key()),
                        Duration.ofSeconds(60));
                String reason = TopicProbe.header(parked, "dead-letter-reason");
                assertTrue(reason != null && !reason.isBlank(), sent.getValue() + ": dead-lettered without a reason");
            }
        }
        // every record of an unknown type was recorded as processed and skipped
        for (Map.Entry<String, String> sent : skippedIds.entrySet()) {
            db.awaitProcessed(sent.getKey());
        }
        // nothing of any of them was stored
        for (String ori : oris) {
            for (String table : List.of("agency_projection", "credential_projection", "reporting_projection",
                    "coresponder_program_projection", "training_projection", "agency_eligibility",
                    "eligibility_history", "program_eligibility")) {
                assertEquals(0, db.count("select count(*) from " + table + " where ori = ?", ori), table + " " + ori);
            }
            assertEquals(0, db.count("select count(*) from outbox_event where aggregate_key = ?", ori), "outbox " + ori);
        }
        for (String bodyId : bodies) {
            assertEquals(0, db.count("select count(*) from body_projection where body_id = ?", UUID.fromString(bodyId)));
        }
        for (String reportId : reports) {
            assertEquals(0, db.count("select count(*) from survey_report_projection where report_id = ?",
                    UUID.fromString(reportId)));
        }

        // and every topic is still consumed: one valid event each takes effect
        String ori = Upstream.randomOri();
        UUID bodyId = UUID.randomUUID();
        db.awaitProcessed(Upstream.certifiedBody(bodyId, "Body after hostile records", now));
        db.awaitProcessed(Upstream.agency(ori, AgencyType.LOCAL_MUNICIPAL, now));
        db.awaitProcessed(Upstream.reporting(ori, "2026-Q3", ReportingStatus.SUBMITTED, true, now));
        db.awaitProcessed(Upstream.coResponderProgram(UUID.randomUUID(), ori, ProgramStatus.ACTIVE, now));
        db.awaitProcessed(Upstream.trainingCoverage(ori, 5, 10, now));
        UUID reportId = UUID.randomUUID();
        // a state report (ranks nothing) of a version no earlier run took
        int version = java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 1_000_000_000);
        db.awaitProcessed(Upstream.surveyReport(reportId, version, 2026, "VA", List.of(), now));
        String sought = Upstream.credential(ori, bodyId, EventTypes.CREDENTIAL_SOUGHT, CredentialStatus.SOUGHT,
                now.plusSeconds(1));
        EligibilityApi.awaitEligibility(ori, a -> EligibilityApi.decidedBy(a, "PASS", sought) && a.getBoolean("eligible"));
        assertEquals(1, db.count("select count(*) from agency_projection where ori = ?", ori));
        assertEquals(1, db.count("select count(*) from reporting_projection where ori = ?", ori));
        assertEquals(1, db.count("select count(*) from coresponder_program_projection where ori = ?", ori));
        assertEquals(1, db.count("select count(*) from training_projection where ori = ?", ori));
        assertEquals(1, db.count("select count(*) from survey_report_projection where report_id = ?", reportId));
        assertTrue(db.count("select count(*) from processed_event where consumer = ?", ProjectionChannels.CONSUMER) > 0);
    }

    private record Example(String topic, String type, String keyField, Function<String, String> data, String... required) {
    }

    private static String[] wrongHeaders(HostileInput hostile, String type) {
        List<String> headers = new ArrayList<>(List.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(),
                "ce_type", type, "ce_source", "/test", "ce_time", Instant.now().toString(), "ce_sequence",
                Long.toString(Upstream.nextSequence()), "content-type", "application/json"));
        switch (hostile.string().length() % 5) {
            case 0 -> headers.clear(); // no headers at all
            case 1 -> headers.set(1, "0.3"); // another CloudEvents version
            case 2 -> headers.subList(2, 4).clear(); // no ce_id
            case 3 -> headers.set(11, "not-a-number" + hostile.string()); // ce_sequence not a number
            default -> headers.subList(4, 6).clear(); // no ce_type
        }
        return headers.toArray(String[]::new);
    }

    private static String brokenJson(HostileInput hostile, String valid) {
        String value = hostile.string();
        return switch (Math.abs(value.hashCode()) % 4) {
            case 0 -> valid.substring(0, valid.length() / 2);
            case 1 -> "[" + valid + "]";
            case 2 -> "\"" + value.replace("\"", "") + "\"";
            default -> "not json {" + value;
        };
    }

    private static String hostileToken(HostileInput hostile) {
        String value = hostile.string().replaceAll("[^A-Za-z0-9]", "");
        return "unknown" + (value.length() > 20 ? value.substring(0, 20) : value);
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return Upstream.JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String agencyJson(String ori, Instant time) {
        return Upstream.json(new org.safepolicing.contracts.events.AgencySnapshot(ori, "Agency " + ori, AgencyType.LOCAL_MUNICIPAL,
                ori.substring(0, 2), "Test County", 40, 25_000L, "URBAN", true, 1, time));
    }

    private static String bodyJson(UUID bodyId, Instant time) {
        return Upstream.json(new org.safepolicing.contracts.events.CredentialingBodyChanged(bodyId, "Body", 
                org.safepolicing.contracts.events.BodyStatus.CERTIFIED, org.safepolicing.contracts.events.BodyStatus.APPLIED,
                List.of("UOF_LAWFUL"), java.time.LocalDate.of(2026, 1, 1), java.time.LocalDate.of(2028, 12, 31), null, time));
    }

    private static String reportingJson(String ori, Instant time) {
        return Upstream.json(new org.safepolicing.contracts.events.ReportingStatusChanged(ori, "2026-Q3",
                ReportingStatus.SUBMITTED, ReportingStatus.OPEN, java.time.LocalDate.of(2026, 9, 30),
                java.time.LocalDate.of(2026, 10, 30), true, time));
    }

    private static String coResponderJson(String ori, Instant time) {
        return Upstream.json(new org.safepolicing.contracts.events.CoResponderProgramChanged(UUID.randomUUID(), ori,
                "County Behavioral Health", org.safepolicing.contracts.events.ProgramModel.CO_RESPONDER_RIDE_ALONG,
                ProgramStatus.ACTIVE, null, time));
    }

    private static String surveyJson(UUID reportId, Instant time) {
        return Upstream.surveyReportJson(reportId, 1, 2026, "VA", List.of(Upstream.recommended(
                org.safepolicing.contracts.events.ProgramModel.MOBILE_CRISIS_TEAM, 1, "EXPAND")), time);
    }

    private static String trainingJson(String ori, Instant time) {
        return Upstream.json(new org.safepolicing.contracts.events.TrainingCoverageChanged(ori, 5, 10, 0.5, time));
    }
}
