package org.safepolicing.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.response.Response;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.stack.KafkaTopics;

/**
 * The grant conditions of Sec. 2(b) and 3(d) across the running suite: an agency's answer follows its credential, its
 * body's standing and its reporting, each rule naming the event (from credentialing-service or records-service) that
 * decided it; an award is flagged while its agency is not eligible and unflagged when it is again; the history
 * answers for every moment in between; and two grant officers awarding the last of an appropriation at once get one
 * award and one 409.
 */
class GrantConditionsIT {

    private static final String SEC_3D = Suite.SEC_3D;

    private static Suite suite;

    @BeforeAll
    static void stack() {
        suite = new Suite();
    }

    @Test
    void eligibilityFollowsCredentialBodyAndReportingAndFlagsTheAward() {
        Suite.Agency agency = suite.newAgency("OR");
        String ori = agency.ori();
        String token = suite.token(agency);
        String body = suite.certifiedBody("Conditions Body");
        String program = createProgram("Conditions", new BigDecimal("1000000.00"));
        Map<String, Instant> moments = new LinkedHashMap<>();

        // records publishes the agency's first standing when it registers (OPEN, current): Sec. 3(d) PASS
        ConsumerRecord<String, String> open = reportingEvent(ori, "OPEN");
        // credential sought: Sec. 2(b) PASS
        String credential = suite.seek(agency, body);
        ConsumerRecord<String, String> sought = suite.credentialEvent(ori, EventTypes.CREDENTIAL_SOUGHT, credential);
        suite.awaitAnswer(token, ori, Suite.SEC_2B, "PASS", Suite.ceId(sought), true);
        JsonNode answer = suite.awaitAnswer(token, ori, SEC_3D, "PASS", Suite.ceId(open), true);
        assertEquals(Suite.ceId(sought), Suite.sec2b(answer).path("decidedBy").path("eventId").asText(), answer.toString());
        moments.put("sought", Instant.now());

        // body suspended: FAIL, with that reason
        suite.suspendBody(body, "assessor conflict of interest under review");
        ConsumerRecord<String, String> suspended = suite.bodyEvent(body, EventTypes.BODY_SUSPENDED);
        answer = suite.awaitAnswer(token, ori, Suite.SEC_2B, "FAIL", Suite.ceId(suspended), false);
        assertTrue(Suite.sec2b(answer).path("reason").asText().toLowerCase().contains("suspended"),
                "the reason names the suspension: " + answer);
        moments.put("suspended", Instant.now());

        // body reinstated: PASS again
        suite.reinstateBody(body);
        ConsumerRecord<String, String> reinstated = suite.bodyEvent(body, EventTypes.BODY_REINSTATED);
        suite.awaitAnswer(token, ori, Suite.SEC_2B, "PASS", Suite.ceId(reinstated), true);
        moments.put("reinstated", Instant.now());

        // the agency applies and a grant officer awards
        String application = apply(agency, program, "150000.00");
        Response awarded = suite.as(suite.demoToken("grant.officer")).body(Map.of("amount", "150000.00"))
                .post(grants() + "/api/v1/grant-applications/" + application + "/award");
        Suite.expect(awarded, 201, "award on application " + application);
        String award = awarded.path("id");
        assertFalse(Suite.json(awarded.asString()).path("flagged").asBoolean(), "a new award is not flagged: " + awarded.asString());

        // the agency misses its first reporting period: records-service marks it DELINQUENT, Sec. 3(d) FAIL
        suite.awaitConsumed(Topics.RECORDS_SERVICE, suite.kafka.nextOffsets(Topics.AGENCY_REGISTRY));
        Response check = suite.as(suite.admin()).body(Map.of("asOf", SystemStack.FIRST_PERIOD_LATE.toString()))
                .post(records() + "/api/v1/reporting/delinquency-checks");
        Suite.expectSuccess(check, "delinquency check as of " + SystemStack.FIRST_PERIOD_LATE);
        ConsumerRecord<String, String> delinquent = reportingEvent(ori, "DELINQUENT");
        answer = suite.awaitAnswer(token, ori, SEC_3D, "FAIL", Suite.ceId(delinquent), false);
        assertEquals("PASS", Suite.sec2b(answer).path("outcome").asText(), "the credential still stands: " + answer);
        assertTrue(Suite.rule(answer, SEC_3D).path("reason").asText().contains(SystemStack.FIRST_REPORTING_PERIOD),
                "the reason names the late period: " + answer);
        JsonNode flagged = awaitAward(award, true);
        assertTrue(flagged.path("flagReason").asText().contains(SEC_3D), "the flag says why: " + flagged);
        assertTrue(listAwards(program, true).contains(award), "listed among the flagged awards of the program");
        moments.put("delinquent", Instant.now());

        // it reports (nothing to report): PASS, the flag cleared
        Response report = suite.as(token).body(Map.of("period", SystemStack.FIRST_REPORTING_PERIOD, "zeroReport", true))
                .post(records() + "/api/v1/agencies/" + ori + "/reports");
        Suite.expect(report, 201, "zero report of " + ori);
        ConsumerRecord<String, String> submitted = reportingEvent(ori, "SUBMITTED");
        suite.awaitAnswer(token, ori, SEC_3D, "PASS", Suite.ceId(submitted), true);
        JsonNode cleared = awaitAward(award, false);
        assertTrue(cleared.path("flagReason").isNull() || cleared.path("flagReason").isMissingNode(),
                "no reason once unflagged: " + cleared);
        assertFalse(listAwards(program, true).contains(award), "no longer among the flagged awards");
        moments.put("reported", Instant.now());

        // the history answers for each moment in between
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("sought", "true SEC_2B_CREDENTIAL=PASS/" + Suite.ceId(sought) + " SEC_3D_REPORTING=PASS/" + Suite.ceId(open));
        expected.put("suspended", "false SEC_2B_CREDENTIAL=FAIL/" + Suite.ceId(suspended) + " SEC_3D_REPORTING=PASS/" + Suite.ceId(open));
        expected.put("reinstated", "true SEC_2B_CREDENTIAL=PASS/" + Suite.ceId(reinstated) + " SEC_3D_REPORTING=PASS/" + Suite.ceId(open));
        expected.put("delinquent", "false SEC_2B_CREDENTIAL=PASS/" + Suite.ceId(reinstated)
                + " SEC_3D_REPORTING=FAIL/" + Suite.ceId(delinquent));
        expected.put("reported", "true SEC_2B_CREDENTIAL=PASS/" + Suite.ceId(reinstated)
                + " SEC_3D_REPORTING=PASS/" + Suite.ceId(submitted));
        Map<String, String> actual = new LinkedHashMap<>();
        moments.forEach((moment, at) -> {
            Response past = suite.as(token).queryParam("at", at.toString()).get(suite.eligibilityUrl(ori));
            Suite.expect(past, 200, "eligibility of " + ori + " at " + at);
            actual.put(moment, summary(Suite.json(past.asString())));
        });
        assertEquals(expected, actual, "the answer that held at each moment");

        // and grants.eligibility.v1 told subscribers each change of the answer, once
        suite.awaitGrantsCaughtUp();
        assertEquals(List.of("false", "true", "false", "true", "false", "true"),
                suite.eligibilityEvents(ori).stream().map(e -> e.path("eligible").asText()).toList(),
                "registered, sought, suspended, reinstated, delinquent, reported");
    }

    @Test
    void twoOfficersAwardingTheLastOfAnAppropriationAtOnceGetOneAwardAndOneConflict() throws Exception {
        String body = suite.certifiedBody("Appropriation Body");
        String program = createProgram("Appropriation", new BigDecimal("1000.00"));
        List<String> applications = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Suite.Agency agency = suite.newAgency("NV");
            String credential = suite.seek(agency, body);
            ConsumerRecord<String, String> sought = suite.credentialEvent(agency.ori(), EventTypes.CREDENTIAL_SOUGHT,
                    credential);
            suite.awaitAnswer(suite.token(agency), agency.ori(), Suite.SEC_2B, "PASS", Suite.ceId(sought), true);
            applications.add(apply(agency, program, "600.00"));
        }
        List<String> officers = List.of(suite.newGrantOfficer(), suite.newGrantOfficer());

        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String officer = officers.get(i);
            String application = applications.get(i);
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                return suite.as(officer).body(Map.of("amount", "600.00"))
                        .post(grants() + "/api/v1/grant-applications/" + application + "/award");
            }));
        }
        start.countDown();
        List<Response> answers = calls.stream().map(CompletableFuture::join).toList();
        List<Integer> statuses = answers.stream().map(Response::statusCode).sorted().toList();
        assertEquals(List.of(201, 409), statuses, "one award, one conflict: "
                + answers.stream().map(Response::asString).toList());
        Response conflict = answers.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
        assertTrue(conflict.contentType().startsWith("application/problem+json"), conflict.contentType());
        assertTrue(conflict.asString().contains("appropriation"), "the conflict says why: " + conflict.asString());

        Response awards = suite.as(suite.demoToken("grant.officer")).queryParam("programId", program)
                .get(grants() + "/api/v1/grant-awards");
        Suite.expect(awards, 200, "awards of program " + program);
        List<String> amounts = new ArrayList<>();
        Suite.json(awards.asString()).path("items").forEach(a -> amounts.add(a.path("amount").asText()));
        assertEquals(1, amounts.size(), "exactly one award stored: " + awards.asString());
        assertEquals(0, new BigDecimal(amounts.get(0)).compareTo(new BigDecimal("600.00")));
    }

    // ------------------------------------------------------------------ helpers

    private static String grants() {
        return suite.stack.url(SystemStack.GRANTS);
    }

    private static String records() {
        return suite.stack.url(SystemStack.RECORDS);
    }

    /** A program of the general conditions (Sec. 2(b), 3(d)) open for applications today; returns its id. */
    private static String createProgram(String name, BigDecimal appropriation) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, Object> terms = new LinkedHashMap<>();
        terms.put("name", name + " program " + java.util.UUID.randomUUID().toString().substring(0, 8));
        terms.put("area", "CREDENTIALING_ASSISTANCE");
        terms.put("fiscalYear", today.getYear() + 1);
        terms.put("appropriation", appropriation.toPlainString());
        terms.put("applicationOpens", today.minusDays(1).toString());
        terms.put("applicationCloses", today.plusDays(30).toString());
        Response created = suite.as(suite.admin()).body(terms).post(grants() + "/api/v1/grant-programs");
        Suite.expect(created, 201, "grant program " + name);
        return created.path("id");
    }

    private static String apply(Suite.Agency agency, String program, String amount) {
        Response applied = suite.as(suite.token(agency))
                .body(Map.of("ori", agency.ori(), "requestedAmount", amount, "purpose", "accreditation fees and training"))
                .post(grants() + "/api/v1/grant-programs/" + program + "/applications");
        Suite.expect(applied, 201, "application of " + agency.ori() + " to " + program);
        return applied.path("id");
    }

    /** The ReportingStatusChanged of {@code status} about {@code ori} on records.reporting.v1. */
    private static ConsumerRecord<String, String> reportingEvent(String ori, String status) {
        return suite.awaitRecord(Topics.RECORDS_REPORTING, "a " + status + " reporting event of " + ori,
                r -> ori.equals(r.key()) && EventTypes.REPORTING_STATUS_CHANGED.equals(KafkaTopics.header(r, "ce_type"))
                        && status.equals(Suite.jsonOrEmpty(r.value()).path("status").asText()));
    }

    private static JsonNode awaitAward(String award, boolean flagged) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Suite.EVENTUALLY).pollInterval(Duration.ofMillis(250)).until(() -> {
            Response r = suite.as(suite.demoToken("grant.officer")).get(grants() + "/api/v1/grant-awards/" + award);
            Suite.expect(r, 200, "award " + award);
            last[0] = Suite.json(r.asString());
            return last[0].path("flagged").asBoolean() == flagged;
        });
        return last[0];
    }

    private static List<String> listAwards(String program, boolean flagged) {
        Response r = suite.as(suite.demoToken("grant.officer")).queryParam("programId", program)
                .queryParam("flagged", flagged).get(grants() + "/api/v1/grant-awards");
        Suite.expect(r, 200, "awards of " + program);
        List<String> ids = new ArrayList<>();
        Suite.json(r.asString()).path("items").forEach(a -> ids.add(a.path("id").asText()));
        return ids;
    }

    /** {@code eligible RULE=OUTCOME/deciding event ...}, rules by name. */
    private static String summary(JsonNode answer) {
        StringBuilder s = new StringBuilder(answer.path("eligible").asText());
        for (String code : List.of(Suite.SEC_2B, SEC_3D)) {
            JsonNode rule = Suite.rule(answer, code);
            String decidedBy = rule.path("decidedBy").path("eventId").asText(null);
            s.append(' ').append(code).append('=').append(rule.path("outcome").asText()).append('/')
                    .append(decidedBy == null ? "-" : decidedBy);
        }
        return s.toString();
    }
}
