package org.safepolicing.grants;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import org.junit.jupiter.api.Test;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/**
 * Issue 7 controls of grants-service: rate limits on the eligibility look-ups, the searches and the report (one
 * caller is cut off with 429 and Retry-After, another still served); exactly one audit row for each privileged action;
 * no request type takes a field the server owns.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "grants"))
class SecurityControlsTest {

    private static final String PROBLEM = GrantsApi.PROBLEM;

    @Inject
    AgroalDataSource dataSource;

    // --- rate limits ---

    @Test
    void eligibilityLookUpsAreLimitedPerCaller() {
        String ori = EligibilityApi.knownAgency();
        UUID programId = GrantsApi.program("10.00");
        // the general answer and the answer per program share the caller's "eligibility" bucket (300 a minute)
        assertLimited(300, token -> given().auth().oauth2(token).get("/api/v1/agencies/{ori}/eligibility", ori),
                token -> given().auth().oauth2(token).get("/api/v1/agencies/{ori}/eligibility/programs/{id}", ori,
                        programId));
    }

    @Test
    void searchesAreLimitedPerCaller() {
        UUID programId = GrantsApi.program("10.00");
        // programs, a program's applications and awards share the caller's "grants-search" bucket (300 a minute)
        assertLimited(300, token -> given().auth().oauth2(token).get("/api/v1/grant-programs?fiscalYear=2027&size=1"),
                token -> given().auth().oauth2(token).get("/api/v1/grant-programs/{id}/applications", programId),
                token -> given().auth().oauth2(token).get("/api/v1/grant-awards?flagged=true&size=1"));
    }

    @Test
    void theEligibilityReportIsLimitedPerCaller() {
        UUID programId = GrantsApi.program("10.00");
        assertLimited(30, token -> given().auth().oauth2(token).queryParam("size", 1)
                .get("/api/v1/grant-programs/{id}/eligibility-report", programId));
    }

    /**
     * One subject calls (the calls taking turns) until 429; it must come after {@code limit} calls at the earliest
     * (the bucket refills evenly, so a few more may pass) and before twice the limit. Another subject is still served.
     */
    @SafeVarargs
    private static void assertLimited(int limit, Function<String, Response>... calls) {
        String token = TestTokens.as("grant-officer").subject("x-" + UUID.randomUUID()).sign();
        int served = 0;
        Response refused = null;
        for (int i = 0; i < 2 * limit && refused == null; i++) {
            Response r = calls[i % calls.length].apply(token);
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertEquals(200, r.statusCode(), r.asString());
                served++;
            }
        }
        assertNotNull(refused, "no 429 after " + served + " calls");
        assertTrue(served >= limit, "cut off after " + served + " calls, the limit is " + limit);
        refused.then().contentType(PROBLEM).header("Retry-After", notNullValue())
                .body("type", equalTo("urn:safe-policing:problem:rate-limited"));
        assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1);
        String other = TestTokens.as("grant-officer").subject("x-" + UUID.randomUUID()).sign();
        for (Function<String, Response> call : calls) {
            call.apply(other).then().statusCode(200);
        }
    }

    // --- audit: exactly one row per privileged action, none for a refusal ---

    @Test
    void everyPrivilegedActionWritesExactlyOneAuditRow() {
        GrantsDatabase db = new GrantsDatabase(dataSource);
        String ori = Upstream.randomOri();
        GrantsApi.eligibleAgency(db, ori, Instant.now());

        UUID programId = GrantsApi.program("1000.00");
        assertEquals(1, auditRows(db, "grant-program.created", programId));

        given().auth().oauth2(GrantsApi.admin()).contentType(ContentType.JSON).body(GrantsApi.terms("2000.00", ""))
                .put("/api/v1/grant-programs/{id}", programId).then().statusCode(200);
        assertEquals(1, auditRows(db, "grant-program.changed", programId));

        UUID applicationId = GrantsApi.applied(programId, ori, "600.00");
        assertEquals(1, auditRows(db, "grant-application.submitted", applicationId));
        // applying again is refused (409) and writes nothing
        GrantsApi.apply(TestTokens.agencyUser(ori), programId, ori, "600.00").then().statusCode(409);
        assertEquals(0, db.count("select count(*) from audit_entry where action = 'grant-application.submitted'"
                + " and object_id in (select id::text from grant_application where grant_program_id = ? and id <> ?)",
                programId, applicationId));

        UUID awardId = GrantsApi.awarded(applicationId, "500.00");
        assertEquals(1, auditRows(db, "grant-award.made", awardId));
        // awarding twice is refused (409) and writes no second row
        GrantsApi.award(GrantsApi.officer(), applicationId, "100.00").then().statusCode(409);
        assertEquals(1, db.count("select count(*) from audit_entry where action = 'grant-award.made' and object_id in"
                + " (select id::text from grant_award where application_id = ?)", applicationId));

        long reportRows = auditRows(db, "grant-eligibility-report.read", programId);
        given().auth().oauth2(GrantsApi.officer()).get("/api/v1/grant-programs/{id}/eligibility-report", programId)
                .then().statusCode(200);
        assertEquals(reportRows + 1, auditRows(db, "grant-eligibility-report.read", programId));
        given().auth().oauth2(GrantsApi.officer()).accept("text/csv")
                .get("/api/v1/grant-programs/{id}/eligibility-report", programId).then().statusCode(200);
        assertEquals(reportRows + 2, auditRows(db, "grant-eligibility-report.read", programId));

        // the auditor reads the program's rows through the platform's API: created, changed, two report reads
        given().auth().oauth2(TestTokens.as("auditor").sign()).queryParam("objectId", programId.toString())
                .get("/api/v1/audit/entries").then().statusCode(200)
                .body("items", hasSize(4))
                .body("items.findAll { it.action == 'grant-program.created' }", hasSize(1))
                .body("items.findAll { it.action == 'grant-program.changed' }", hasSize(1))
                .body("items.findAll { it.action == 'grant-program.changed' }[0].actorRoles",
                        org.hamcrest.Matchers.containsString("doj-admin"));
        given().auth().oauth2(TestTokens.as("auditor").sign()).queryParam("objectId", awardId.toString())
                .get("/api/v1/audit/entries").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].action", equalTo("grant-award.made"))
                .body("items[0].outcome", equalTo("SUCCESS"));
    }

    private static long auditRows(GrantsDatabase db, String action, UUID objectId) {
        return db.count("select count(*) from audit_entry where action = ? and object_id = ?", action,
                objectId.toString());
    }

    // --- mass assignment: fields the server owns are refused, nothing stored ---

    @Test
    void programTermsTakeNoServerOwnedField() {
        GrantsDatabase db = new GrantsDatabase(dataSource);
        UUID programId = GrantsApi.program("1000.00");
        String valid = GrantsApi.terms("1000.00", "");
        String updatedAt = "select (extract(epoch from updated_at) * 1000000)::bigint from grant_program where id = ?";
        long changed = db.count(updatedAt, programId);
        for (String field : new String[] {"\"id\":\"" + UUID.randomUUID() + "\"", "\"awarded\":999.00",
                "\"remaining\":0.00", "\"createdAt\":\"2020-01-01T00:00:00Z\"", "\"updatedAt\":\"2020-01-01T00:00:00Z\""}) {
            String body = valid.substring(0, valid.lastIndexOf('}')) + "," + field + "}";
            long programs = db.count("select count(*) from grant_program");
            GrantsApi.createProgram(GrantsApi.admin(), body).then().statusCode(400).contentType(PROBLEM);
            assertEquals(programs, db.count("select count(*) from grant_program"), field);
            given().auth().oauth2(GrantsApi.admin()).contentType(ContentType.JSON).body(body)
                    .put("/api/v1/grant-programs/{id}", programId).then().statusCode(400).contentType(PROBLEM);
            assertEquals(changed, db.count(updatedAt, programId), field);
        }
    }

    @Test
    void applicationsTakeNoServerOwnedField() {
        GrantsDatabase db = new GrantsDatabase(dataSource);
        String ori = Upstream.randomOri();
        GrantsApi.eligibleAgency(db, ori, Instant.now());
        UUID programId = GrantsApi.program("1000.00");
        for (String field : new String[] {"\"id\":\"" + UUID.randomUUID() + "\"", "\"status\":\"AWARDED\"",
                "\"grantProgramId\":\"" + UUID.randomUUID() + "\"", "\"submittedAt\":\"2020-01-01T00:00:00Z\"",
                "\"submittedBy\":\"someone-else\"", "\"eligibilityAtSubmission\":[]"}) {
            given().auth().oauth2(TestTokens.agencyUser(ori)).contentType(ContentType.JSON)
                    .body("{\"ori\":\"" + ori + "\",\"requestedAmount\":10.00,\"purpose\":\"pilot\"," + field + "}")
                    .post("/api/v1/grant-programs/{id}/applications", programId)
                    .then().statusCode(400).contentType(PROBLEM);
        }
        assertEquals(0, db.count("select count(*) from grant_application where ori = ?", ori));
        // the same request without them is taken: the server sets id, status and time
        UUID applicationId = GrantsApi.applied(programId, ori, "10.00");
        assertEquals(1, db.count("select count(*) from grant_application where id = ? and status = 'SUBMITTED'",
                applicationId));
    }

    @Test
    void awardsTakeNoServerOwnedField() {
        GrantsDatabase db = new GrantsDatabase(dataSource);
        String ori = Upstream.randomOri();
        GrantsApi.eligibleAgency(db, ori, Instant.now());
        UUID programId = GrantsApi.program("1000.00");
        UUID applicationId = GrantsApi.applied(programId, ori, "100.00");
        for (String field : new String[] {"\"id\":\"" + UUID.randomUUID() + "\"", "\"ori\":\"" + Upstream.randomOri() + "\"",
                "\"applicationId\":\"" + UUID.randomUUID() + "\"", "\"grantProgramId\":\"" + UUID.randomUUID() + "\"",
                "\"awardedAt\":\"2020-01-01T00:00:00Z\"", "\"awardedBy\":\"someone-else\"", "\"flagged\":false",
                "\"flagReason\":null", "\"eligibilityAtAward\":[]"}) {
            given().auth().oauth2(GrantsApi.officer()).contentType(ContentType.JSON)
                    .body("{\"amount\":50.00," + field + "}")
                    .post("/api/v1/grant-applications/{id}/award", applicationId)
                    .then().statusCode(400).contentType(PROBLEM);
        }
        assertEquals(0, db.count("select count(*) from grant_award where application_id = ?", applicationId));
        UUID awardId = GrantsApi.awarded(applicationId, "50.00");
        assertEquals(1, db.count("select count(*) from grant_award where id = ? and ori = ? and not flagged", awardId, ori));
    }
}
