package org.safepolicing.records;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safepolicing.records.RecordsApi.as;
import static org.safepolicing.records.RecordsApi.finalProcess;
import static org.safepolicing.records.RecordsApi.officerJson;
import static org.safepolicing.records.RecordsApi.officerToken;
import static org.safepolicing.records.RecordsApi.pendingProcess;
import static org.safepolicing.records.RecordsApi.randomCert;
import static org.safepolicing.records.RecordsApi.randomOri;
import static org.safepolicing.records.RecordsApi.submission;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/**
 * Issue 7, the parts the authorization matrix does not show: one audit row per officer-level object read, per-caller
 * rate limits on checks and the reporting search, bounded paging on every list, and mass assignment refused for every
 * writable request type.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "records"))
class SecurityControlsTest {

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "platform.rate-limit.check.per-minute")
    int checksPerMinute;

    @ConfigProperty(name = "platform.rate-limit.reporting-search.per-minute")
    int searchesPerMinute;

    private long auditRows(String action, String objectId) {
        return new Db(dataSource).count("select count(*) from audit_entry where action = ? and object_id = ?", action, objectId);
    }

    // ---------------------------------------------------------------- audit

    @Test
    void everyOfficerLevelObjectReadWritesExactlyOneAuditRow() {
        String submitter = randomOri("OH");
        String checker = randomOri("PA");
        String cert = randomCert();
        LocalDate dob = LocalDate.of(1977, 2, 3);
        String officer = officerJson("OH", cert, "Lena", "Hart", dob);
        String first = submit(submitter, submission(officer, "TERMINATION", finalProcess()));
        String officerId = as(TestTokens.dojAdmin()).get("/api/v1/agencies/{ori}/records/{id}", submitter, first).then()
                .statusCode(200).extract().path("record.officerId");
        String second = submit(submitter, submission(officer, "CIVIL_JUDGMENT", finalProcess()));

        // the agency's list: one row per record shown
        as(TestTokens.agencyUser(submitter)).get("/api/v1/agencies/{ori}/records", submitter).then().statusCode(200)
                .body("items.size()", equalTo(2));
        assertEquals(1, auditRows("record.list-read", first));
        assertEquals(1, auditRows("record.list-read", second));

        // a check by another agency: one row per matched officer (and, as before, per disclosed record)
        String checkerUser = TestTokens.agencyUser(checker);
        List<String> disclosures = as(checkerUser).body("{\"purpose\":\"HIRING\",\"state\":\"OH\",\"certificationNumber\":\""
                        + cert + "\"}").post("/api/v1/agencies/{ori}/checks", checker).then().statusCode(200)
                .extract().path("matches[0].records.disclosureId");
        assertEquals(2, disclosures.size());
        assertEquals(1, auditRows("check.officer-match", officerId));

        // the officer's own records and the accounting of disclosures: one row per record, per disclosure
        String self = officerToken(officerId);
        as(self).get("/api/v1/officers/{id}/records", officerId).then().statusCode(200).body("size()", equalTo(2));
        assertEquals(1, auditRows("officer.record.read", first));
        assertEquals(1, auditRows("officer.record.read", second));
        as(self).get("/api/v1/officers/{id}/disclosures", officerId).then().statusCode(200).body("size()", equalTo(2));
        for (String disclosure : disclosures) {
            assertEquals(1, auditRows("disclosure.read", disclosure));
        }

        // disputes, read by the officer and by DOJ's open list: one row per dispute per read
        String disputeId = as(self).body("{\"statement\":\"Not me\"}")
                .post("/api/v1/officers/{o}/records/{r}/disputes", officerId, first).then().statusCode(201).extract().path("id");
        as(self).get("/api/v1/officers/{id}/disputes", officerId).then().statusCode(200).body("id", hasItem(disputeId));
        assertEquals(1, auditRows("dispute.read", disputeId));
        long open = as(TestTokens.dojAdmin()).get("/api/v1/disputes?size=500").then().statusCode(200).extract()
                .jsonPath().getList("items.id").stream().filter(disputeId::equals).count();
        assertEquals(1 + open, auditRows("dispute.read", disputeId));

        // continuous checks: the enrollment list and the feed, one row per enrollment and per notice
        String enrollmentId = as(checkerUser).body("{\"officerId\":\"" + officerId + "\"}")
                .post("/api/v1/agencies/{ori}/enrollments", checker).then().statusCode(201).extract().path("id");
        as(checkerUser).get("/api/v1/agencies/{ori}/enrollments", checker).then().statusCode(200).body("id", hasItem(enrollmentId));
        assertEquals(1, auditRows("continuous-check.enrollment.read", enrollmentId));
        submit(submitter, submission(officer, "CRIMINAL_CONVICTION", finalProcess()));
        List<String> notices = as(checkerUser).get("/api/v1/agencies/{ori}/notifications", checker).then().statusCode(200)
                .body("items.kind", hasItem("NEW_RECORD")).extract().path("items.id");
        assertEquals(2, notices.size()); // NEW_RECORD, and DISPUTED for the record the checker saw and the officer disputed
        for (String notice : notices) {
            assertEquals(1, auditRows("feed.notification.read", notice));
        }

        // and auditors find them through the API, with who read them
        given().auth().oauth2(TestTokens.as("auditor").sign())
                .get("/api/v1/audit/entries?objectId={id}&objectType=misconduct-record", second).then().statusCode(200)
                .body("items.action", hasItem("officer.record.read"))
                .body("items.findAll { it.action == 'record.list-read' }.actorAgency", equalTo(List.of(submitter)));
    }

    // ---------------------------------------------------------------- rate limits

    @Test
    void checksAreLimitedPerCaller() {
        String ori = randomOri("KY");
        String body = "{\"purpose\":\"HIRING\",\"state\":\"KY\",\"certificationNumber\":\"" + randomCert() + "\"}";
        assertLimited("check", checksPerMinute,
                subject -> TestTokens.as("agency-user").claim("ori", ori).subject(subject).sign(),
                token -> as(token).body(body).post("/api/v1/agencies/{ori}/checks", ori));
    }

    @Test
    void theReportingSearchIsLimitedPerCaller() {
        assertLimited("reporting-search", searchesPerMinute,
                subject -> TestTokens.as("grant-officer").subject(subject).sign(),
                token -> as(token).get("/api/v1/reporting/agencies?current=false&size=1"));
    }

    /** One fixed subject calls until 429; a token of another subject is still served. */
    private static void assertLimited(String name, int perMinute, Function<String, String> tokenOf,
                                      Function<String, Response> call) {
        String token = tokenOf.apply("x-" + UUID.randomUUID());
        long started = System.nanoTime();
        int allowed = 0;
        Response refused = null;
        for (int i = 0; i < perMinute * 3 && refused == null; i++) {
            Response r = call.apply(token);
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertEquals(200, r.statusCode(), r.asString());
                allowed++;
            }
        }
        assertNotNull(refused, name + ": never limited");
        double seconds = (System.nanoTime() - started) / 1e9;
        // the bucket holds perMinute and refills perMinute/60 a second while the loop runs
        assertTrue(allowed >= perMinute && allowed <= perMinute + seconds * perMinute / 60 + 2,
                name + ": " + allowed + " allowed in " + seconds + " s");
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
        assertEquals("urn:safe-policing:problem:rate-limited", refused.path("type"));
        assertTrue(Long.parseLong(refused.header("Retry-After")) >= 1);
        // another caller of the same agency is still served
        assertEquals(200, call.apply(tokenOf.apply("x-" + UUID.randomUUID())).statusCode());
    }

    // ---------------------------------------------------------------- paging

    @Test
    void everyListRefusesAPageBeyondThePlatformsBoundWith400() {
        String ori = randomOri("ME");
        String recordId = submit(ori, submission(officerJson("ME", randomCert(), "Owen", "Tate", LocalDate.of(1983, 4, 5)),
                "TERMINATION", finalProcess()));
        String officerId = as(TestTokens.dojAdmin()).get("/api/v1/agencies/{ori}/records/{id}", ori, recordId).then()
                .statusCode(200).extract().path("record.officerId");
        record Paged(String path, String token) {
        }
        List<Paged> lists = List.of(
                new Paged("/api/v1/agencies/" + ori + "/records", TestTokens.agencyUser(ori)),
                new Paged("/api/v1/agencies/" + ori + "/notifications", TestTokens.agencyUser(ori)),
                new Paged("/api/v1/states/ME/notifications", TestTokens.stateBoard("ME")),
                new Paged("/api/v1/officers/" + officerId + "/notices", officerToken(officerId)),
                new Paged("/api/v1/disputes", TestTokens.dojAdmin()),
                new Paged("/api/v1/reporting/agencies", TestTokens.dojAdmin()),
                new Paged("/api/v1/audit/entries", TestTokens.as("auditor").sign()));
        for (Paged list : lists) {
            // page * size overflows an int offset: refused by the platform's PageRequest before any query runs
            Response far = as(list.token()).get(list.path() + "?page=2147483647&size=500");
            assertEquals(400, far.statusCode(), list.path() + ": " + far.asString());
            assertTrue(far.contentType().startsWith("application/problem+json"), list.path() + " " + far.contentType());
            assertEquals("urn:safe-policing:problem:invalid-input", far.path("type"), list.path());
            assertEquals(List.of("page"), far.path("errors.field"), list.path());
            // the deepest page the platform allows is answered, empty
            as(list.token()).get(list.path() + "?page=100000&size=500").then().statusCode(200)
                    .body("page", equalTo(100_000)).body("size", equalTo(500)).body("items.size()", equalTo(0));
        }
    }

    // ---------------------------------------------------------------- mass assignment

    @Test
    void serverOwnedFieldsAreRefusedInEveryWritableRequestType() {
        String ori = randomOri("NV");
        Db db = new Db(dataSource);
        String officer = officerJson("NV", randomCert(), "Rita", "Vance", LocalDate.of(1981, 6, 7));
        String record = submission(officer, "TERMINATION", finalProcess());
        String recordId = submit(ori, record);
        String officerId = as(TestTokens.dojAdmin()).get("/api/v1/agencies/{ori}/records/{id}", ori, recordId).then()
                .statusCode(200).extract().path("record.officerId");
        String held = submit(ori, submission(officer, "TERMINATION", pendingProcess()));
        String disputed = submit(ori, submission(officer, "CIVIL_JUDGMENT", finalProcess()));
        String disputeId = as(officerToken(officerId)).body("{\"statement\":\"No\"}")
                .post("/api/v1/officers/{o}/records/{r}/disputes", officerId, disputed).then().statusCode(201).extract().path("id");
        String agency = TestTokens.agencyUser(ori);
        String doj = TestTokens.dojAdmin();
        Supplier<Long> stored = () -> db.count("select count(*) from misconduct_record where submitting_ori = ?", ori)
                + db.count("select count(*) from bulk_submission where ori = ?", ori)
                + db.count("select count(*) from background_check where ori = ?", ori)
                + db.count("select count(*) from continuous_enrollment where ori = ?", ori)
                + db.count("select count(*) from reporting_report where ori = ?", ori)
                + db.count("select count(*) from dispute") + db.count("select count(*) from public_release")
                + db.count("select count(*) from outbox_event");

        record Writable(String what, String token, String method, String path, String validBody, List<String> serverOwned) {
        }
        List<Writable> writables = List.of(
                new Writable("Submission", agency, "POST", "/api/v1/agencies/" + ori + "/records", record,
                        List.of("id", "officerId", "submittingOri", "status", "officerStatement", "submittedAt", "updatedAt",
                                "version", "bulkSubmissionId")),
                new Writable("Submission.officer", agency, "POST", "/api/v1/agencies/" + ori + "/records",
                        record.replace("\"state\":\"NV\"", "\"id\":\"" + UUID.randomUUID() + "\",\"state\":\"NV\""), List.of()),
                new Writable("BulkSubmission", agency, "POST", "/api/v1/agencies/" + ori + "/records/bulk",
                        "{\"clientKey\":\"k-" + UUID.randomUUID() + "\",\"records\":[" + record + "]}",
                        List.of("submissionId", "recordIds", "replayed", "ori")),
                new Writable("FairProcess", agency, "PUT", "/api/v1/agencies/" + ori + "/records/" + held + "/fair-process",
                        finalProcess(), List.of("isFinal", "status", "id")),
                new Writable("Dispute filing", officerToken(officerId), "POST",
                        "/api/v1/officers/" + officerId + "/records/" + recordId + "/disputes", "{\"statement\":\"x\"}",
                        List.of("id", "recordId", "officerId", "status", "filedAt", "acknowledgedAt", "responseDue",
                                "decidedAt", "decisionReason")),
                new Writable("Decision", doj, "POST", "/api/v1/disputes/" + disputeId + "/decision",
                        "{\"outcome\":\"EXPUNGE\",\"reason\":\"r\"}", List.of("id", "status", "decidedAt", "decidedBy")),
                new Writable("CheckRequest", agency, "POST", "/api/v1/agencies/" + ori + "/checks",
                        "{\"purpose\":\"HIRING\",\"state\":\"NV\",\"certificationNumber\":\"X1\"}",
                        List.of("checkId", "ori", "performedAt", "matches", "requestedBy")),
                new Writable("EnrollmentRequest", agency, "POST", "/api/v1/agencies/" + ori + "/enrollments",
                        "{\"officerId\":\"" + officerId + "\"}", List.of("id", "ori", "enrolledBy", "enrolledAt")),
                new Writable("ReportRequest", agency, "POST", "/api/v1/agencies/" + ori + "/reports",
                        "{\"period\":\"2026-Q3\",\"zeroReport\":true}",
                        List.of("ori", "status", "recordCount", "submittedAt", "current")),
                new Writable("PublishRequest", doj, "POST", "/api/v1/statistics/releases", "{\"year\":2026,\"title\":\"t\"}",
                        List.of("releaseId", "version", "coverage", "methodology", "publishedAt", "tables")),
                new Writable("DelinquencyCheckRequest", doj, "POST", "/api/v1/reporting/delinquency-checks",
                        "{\"asOf\":\"2026-07-01\"}", List.of("periodsPastDue", "markedDelinquent")),
                new Writable("ScheduleRunRequest", doj, "POST", "/api/v1/statistics/release-schedule-runs",
                        "{\"asOf\":\"2026-07-01\"}", List.of("due", "decided")));
        int refusals = 0;
        for (Writable w : writables) {
            List<String> fields = w.serverOwned().isEmpty() ? List.of("") : w.serverOwned();
            for (String field : fields) {
                String body = w.validBody();
                if (!field.isEmpty()) {
                    ObjectNode node = (ObjectNode) readTree(body);
                    node.put(field, field.endsWith("Id") || field.equals("id") ? UUID.randomUUID().toString() : "2026-01-01");
                    body = node.toString();
                }
                long before = stored.get();
                Response r = as(w.token()).body(body).request(w.method(), w.path());
                assertEquals(400, r.statusCode(), w.what() + " with " + field + ": " + r.asString());
                assertEquals("urn:safe-policing:problem:unreadable-body", r.path("type"), w.what() + " " + field);
                assertEquals(before, stored.get(), w.what() + " with " + field + " stored something");
                refusals++;
            }
        }
        assertTrue(refusals >= 40, "refusals: " + refusals);
        // the objects the refused writes named are as they were
        as(agency).get("/api/v1/agencies/{ori}/records/{id}", ori, held).then().statusCode(200)
                .body("record.status", equalTo("PENDING_FAIR_PROCESS"));
        as(agency).get("/api/v1/agencies/{ori}/records/{id}", ori, recordId).then().statusCode(200)
                .body("record.status", equalTo("ACTIVE"));
        as(doj).get("/api/v1/disputes?size=500").then().statusCode(200).body("items.id", hasItem(disputeId));
        // and the valid bodies are accepted, so the 400s above came from the injected fields
        as(agency).body(finalProcess()).put("/api/v1/agencies/{ori}/records/{id}/fair-process", ori, held).then()
                .statusCode(200).body("status", equalTo("ACTIVE"));
        as(doj).body("{\"outcome\":\"EXPUNGE\",\"reason\":\"r\"}").post("/api/v1/disputes/{id}/decision", disputeId).then()
                .statusCode(200).body("status", equalTo("EXPUNGED"));
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return RecordsApi.JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String submit(String ori, String body) {
        return as(TestTokens.agencyUser(ori)).body(body).post("/api/v1/agencies/{ori}/records", ori).then().statusCode(201)
                .extract().path("id");
    }
}
