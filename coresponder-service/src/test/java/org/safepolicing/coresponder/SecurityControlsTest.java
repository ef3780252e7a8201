package org.safepolicing.coresponder;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safepolicing.coresponder.CoresponderApi.activeProgram;
import static org.safepolicing.coresponder.CoresponderApi.as;
import static org.safepolicing.coresponder.CoresponderApi.randomOri;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/**
 * Rate limits on the list, search and survey endpoints (429 problem+json with Retry-After, per caller), page sizes,
 * and the audit trail: exactly one row per privileged action or encounter read, read back as an auditor.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "coresponder"))
class SecurityControlsTest {

    /** Calls as one fixed subject until 429; returns how many were allowed. */
    private static int callUntilLimited(Function<String, Integer> call, String subject, int atMost) {
        int allowed = 0;
        int status = 200;
        while (status == 200 && allowed < atMost) {
            status = call.apply(subject);
            if (status == 200) {
                allowed++;
            }
        }
        assertEquals(429, status, "the limit was never reached after " + allowed + " calls");
        return allowed;
    }

    /**
     * A caller whose bucket was just emptied is refused again on {@code path} at once or after the token or two that
     * refilled meanwhile (the bucket refills evenly over the minute; under load calls are slow).
     */
    /**
     * The emptied bucket's answer: 429 problem+json with Retry-After. The bucket refills evenly, so on a slow machine a
     * token may come back between two calls: up to 3 such refills are allowed before the 429 must show.
     */
    private static void refused(String token, String path) {
        io.restassured.response.Response answer = given().auth().oauth2(token).get(path);
        for (int refills = 0; answer.statusCode() == 200 && refills < 3; refills++) {
            answer = given().auth().oauth2(token).get(path);
        }
        answer.then().statusCode(429).contentType("application/problem+json").header("Retry-After", notNullValue())
                .body("type", equalTo("urn:safe-policing:problem:rate-limited"));
    }

    private static void stillLimited(String token, String path) {
        int allowed = 0;
        while (given().auth().oauth2(token).get(path).then().extract().statusCode() == 200) {
            assertTrue(++allowed <= 3, path + " shares the emptied bucket, yet answered " + allowed + " times");
        }
    }

    @Test
    void oneCallerSearchingTooOftenIsToldToWaitAndOthersAreNot() {
        String subject = "x-" + UUID.randomUUID();
        int allowed = callUntilLimited(s -> given().auth().oauth2(TestTokens.as("hhs-analyst").subject(s).sign())
                .get("/api/v1/programs?size=1").then().extract().statusCode(), subject, 2_000);
        assertTrue(allowed >= 295 && allowed <= 400, "about 300 searches a minute (coresponder-search), were " + allowed);
        String busy = TestTokens.as("hhs-analyst").subject(subject).sign();
        refused(busy, "/api/v1/programs");
        // every list and search endpoint shares the bucket
        stillLimited(busy, "/api/v1/capacity/states");
        stillLimited(busy, "/api/v1/agencies/" + randomOri("IA") + "/programs");
        // reads that are not searches are not limited by it
        given().auth().oauth2(busy).get("/api/v1/capacity/agencies/{ori}", randomOri("IA")).then().statusCode(200);
        // another caller is not affected
        given().auth().oauth2(TestTokens.as("hhs-analyst").subject("x-" + UUID.randomUUID()).sign())
                .get("/api/v1/programs?size=1").then().statusCode(200);
    }

    @Test
    void oneCallerReadingTheSurveyTooOftenIsToldToWaitAndOthersAreNot() {
        String subject = "x-" + UUID.randomUUID();
        int allowed = callUntilLimited(s -> given().auth().oauth2(TestTokens.as("grant-officer").subject(s).sign())
                .get("/api/v1/survey.csv?state=IA").then().extract().statusCode(), subject, 1_000);
        assertTrue(allowed >= 118 && allowed <= 170, "about 120 survey reads a minute, were " + allowed);
        String busy = TestTokens.as("grant-officer").subject(subject).sign();
        refused(busy, "/api/v1/survey");
        stillLimited(busy, "/api/v1/survey.html");
        given().auth().oauth2(TestTokens.as("grant-officer").subject("x-" + UUID.randomUUID()).sign())
                .get("/api/v1/survey").then().statusCode(200);
    }

    @Test
    void listsTakeAtMost500PerPage() {
        String ori = randomOri("IA");
        String program = activeProgram(ori, "TELEHEALTH");
        for (String path : List.of("/api/v1/agencies/" + ori + "/programs", "/api/v1/programs",
                "/api/v1/agencies/" + ori + "/programs/" + program + "/encounters", "/api/v1/community-providers",
                "/api/v1/survey/reports")) {
            as(CoresponderApi.hhs()).get(path + "?size=500").then().statusCode(200).body("size", equalTo(500));
            as(CoresponderApi.hhs()).get(path + "?size=501").then().statusCode(400).contentType("application/problem+json");
            as(CoresponderApi.hhs()).get(path + "?size=0").then().statusCode(400);
            // the deepest page is an empty answer; one page further, or one whose offset would overflow, is invalid input
            as(CoresponderApi.hhs()).get(path + "?page=100000&size=500").then().statusCode(200)
                    .body("page", equalTo(100_000)).body("items", hasSize(0));
            for (String page : List.of("100001", "100000000")) {
                as(CoresponderApi.hhs()).get(path + "?page=" + page + "&size=500").then().statusCode(400)
                        .contentType("application/problem+json")
                        .body("type", equalTo("urn:safe-policing:problem:invalid-input"))
                        .body("errors.field", contains("page")).body("errors[0].message", equalTo("page is at most 100000"));
            }
        }
    }

    private static List<String> actions(String objectId) {
        return given().auth().oauth2(TestTokens.as("auditor").sign())
                .get("/api/v1/audit/entries?objectId={id}&size=500", objectId).then().statusCode(200)
                .extract().jsonPath().getList("items.action", String.class);
    }

    private static long count(List<String> actions, String action) {
        return actions.stream().filter(action::equals).count();
    }

    @Test
    void everyPrivilegedActionAndEncounterReadWritesExactlyOneAuditRow() {
        String ori = randomOri("IA");
        String program = activeProgram(ori, "MOBILE_CRISIS_TEAM");
        String agency = TestTokens.agencyUser(ori);

        Encounters.submitBulk(ori, program, Encounters.batch(5, 11)).then().statusCode(200);
        as(agency).header("Idempotency-Key", "audit-1").body(Encounters.batch(4, 12))
                .post("/api/v1/agencies/{ori}/programs/{id}/encounters/bulk", ori, program).then().statusCode(200);
        as(agency).header("Idempotency-Key", "audit-1").body(Encounters.batch(4, 12))
                .post("/api/v1/agencies/{ori}/programs/{id}/encounters/bulk", ori, program).then().statusCode(200)
                .header("Idempotent-Replayed", "true");
        as(CoresponderApi.hhs()).get("/api/v1/agencies/{ori}/programs/{id}/encounters", ori, program).then().statusCode(200);
        CoresponderApi.status(ori, program, "SUSPENDED").then().statusCode(200);
        // a refused change leaves no row (its transaction is rolled back)
        CoresponderApi.status(ori, program, "PLANNED").then().statusCode(409);

        List<String> actions = actions(program);
        assertEquals(1, count(actions, "program.create"), actions.toString());
        assertEquals(1, count(actions, "program.status.active"), actions.toString());
        assertEquals(1, count(actions, "program.status.suspended"), actions.toString());
        assertEquals(2, count(actions, "encounter.submit-batch"), "two stored batches: " + actions);
        assertEquals(1, count(actions, "encounter.submit-batch.replay"), actions.toString());
        assertEquals(1, count(actions, "encounter.list"), actions.toString());
        assertEquals(7, actions.size(), "nothing else, nothing for the refused change: " + actions);

        // a budget reported and corrected: one row each; a refused one (invalid) none
        String budget = "{\"annualBudgetUsd\":250000,\"fundingSource\":\"MEDICAID\"}";
        as(agency).body(budget).put("/api/v1/agencies/{ori}/programs/{id}/costs/2025", ori, program).then().statusCode(200);
        as(agency).body(budget).put("/api/v1/agencies/{ori}/programs/{id}/costs/2025", ori, program).then().statusCode(200);
        as(agency).body("{\"annualBudgetUsd\":0,\"fundingSource\":\"MEDICAID\"}")
                .put("/api/v1/agencies/{ori}/programs/{id}/costs/2025", ori, program).then().statusCode(400);
        assertEquals(2, count(actions(program), "program.cost"), actions(program).toString());
        assertEquals(9, actions(program).size());
        // a report to the President: one row, on the report
        String report = as(CoresponderApi.hhs()).body("{\"year\":2025,\"state\":\"IA\"}").post("/api/v1/survey/reports")
                .then().statusCode(201).extract().path("id");
        assertEquals(List.of("survey.report.publish"), actions(report));

        String code = "AUDIT_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        as(TestTokens.dojAdmin()).body("{\"code\":\"" + code + "\",\"title\":\"Audit course\",\"hours\":3}")
                .post("/api/v1/training/courses").then().statusCode(201);
        as(TestTokens.dojAdmin()).body("{\"code\":\"" + code + "\",\"title\":\"Audit course\",\"hours\":3}")
                .post("/api/v1/training/courses").then().statusCode(409);
        assertEquals(List.of("training.course.add"), actions(code));

        as(agency).body(TrainingCoverageTest.completions("A-1", "CIT_40H", "A-2", code))
                .post("/api/v1/agencies/{ori}/training/completions", ori).then().statusCode(200);
        assertEquals(List.of("training.completions"), actions(ori));
        // the trail still verifies
        given().auth().oauth2(TestTokens.as("auditor").sign()).get("/api/v1/audit/verification").then().statusCode(200);
    }
}
