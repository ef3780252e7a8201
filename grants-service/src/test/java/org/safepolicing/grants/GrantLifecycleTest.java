package org.safepolicing.grants;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;
import static org.safepolicing.grants.EligibilityApi.awaitEligibility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.contracts.events.BodyStatus;
import org.safepolicing.contracts.events.CredentialStatus;
import org.safepolicing.contracts.events.ReportingStatus;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;
import org.safepolicing.testing.TopicProbe;

/**
 * The lead's walk-through, in this module: credential sought, body suspended and reinstated, reporting delinquent and
 * current again; the general answer, the program answer and the award's review flag follow each step, and the history
 * answers for every moment in between.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "grants"))
class GrantLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SEC_2B = "SEC_2B_CREDENTIAL";
    private static final String SEC_3D = "SEC_3D_REPORTING";

    @Inject
    AgroalDataSource dataSource;

    GrantsDatabase db;

    @BeforeEach
    void database() {
        db = new GrantsDatabase(dataSource);
    }

    @Test
    void eligibilityAndTheAwardFollowEveryStepAndTheHistoryAnswersForEachMoment() {
        String ori = Upstream.randomOri();
        UUID bodyId = UUID.randomUUID();
        db.awaitProcessed(Upstream.certifiedBody(bodyId, "Lifecycle Body", Instant.now()));
        // records-service's first standing, published at registration: the first period OPEN, current (Sec. 3(d))
        String registered = Upstream.reporting(ori, "2026-Q3", ReportingStatus.OPEN, true, Instant.now());
        awaitRule(ori, SEC_3D, "PASS", registered);
        Instant beforeAnything = Instant.now();

        // credential sought: PASS
        String sought = Upstream.credential(ori, bodyId, EventTypes.CREDENTIAL_SOUGHT, CredentialStatus.SOUGHT, Instant.now());
        awaitRule(ori, SEC_2B, "PASS", sought);
        Instant afterSought = Instant.now();

        UUID programId = GrantsApi.program("500000.00");
        UUID awardId = GrantsApi.awarded(GrantsApi.applied(programId, ori, "120000.00"), "120000.00");
        assertFalse(GrantsApi.awardView(awardId).getBoolean("flagged"));

        // body suspended: FAIL with the suspension's reason; the award is flagged with it
        String suspended = Upstream.body(bodyId, "Lifecycle Body", EventTypes.BODY_SUSPENDED, BodyStatus.SUSPENDED,
                BodyStatus.CERTIFIED, "reviews not independent", Instant.now());
        JsonPath fail = awaitRule(ori, SEC_2B, "FAIL", suspended);
        assertFalse(fail.getBoolean("eligible"));
        assertEquals("credentialing body Lifecycle Body is SUSPENDED: reviews not independent", reason(fail, SEC_2B));
        JsonPath flagged = awaitAward(awardId, true);
        assertEquals("SEC_2B_CREDENTIAL: credentialing body Lifecycle Body is SUSPENDED: reviews not independent",
                flagged.getString("flagReason"));
        assertNotNull(flagged.getString("flaggedAt"));
        assertProgramEventPublished(ori, programId, false);
        Instant afterSuspension = Instant.now();

        // reinstated: PASS, flag cleared
        String reinstated = Upstream.body(bodyId, "Lifecycle Body", EventTypes.BODY_REINSTATED, BodyStatus.CERTIFIED,
                BodyStatus.SUSPENDED, null, Instant.now());
        awaitRule(ori, SEC_2B, "PASS", reinstated);
        awaitAward(awardId, false);
        Instant afterReinstated = Instant.now();

        // delinquent in reporting: FAIL on Sec. 3(d), award flagged with that reason
        String delinquent = Upstream.reporting(ori, "2026-Q3", ReportingStatus.DELINQUENT, false, Instant.now());
        JsonPath late = awaitRule(ori, SEC_3D, "FAIL", delinquent);
        assertFalse(late.getBoolean("eligible"));
        assertEquals("PASS", outcome(late, SEC_2B));
        assertEquals("reporting delinquent: period 2026-Q3 is past due without a report (due 2026-10-30)",
                reason(late, SEC_3D));
        assertEquals(SEC_3D, late.getString("whatMustChange[0].rule"));
        JsonPath flaggedAgain = awaitAward(awardId, true);
        assertTrue(flaggedAgain.getString("flagReason").startsWith("SEC_3D_REPORTING: reporting delinquent"));
        Instant afterDelinquent = Instant.now();

        // it reports: PASS, flag cleared
        String current = Upstream.reporting(ori, "2026-Q3", ReportingStatus.SUBMITTED, true, Instant.now());
        JsonPath back = awaitRule(ori, SEC_3D, "PASS", current);
        assertTrue(back.getBoolean("eligible"));
        assertEquals("reporting current (period 2026-Q3 is SUBMITTED)", reason(back, SEC_3D));
        JsonPath cleared = awaitAward(awardId, false);
        assertNull(cleared.getString("flagReason"));
        assertNotNull(cleared.getString("flagClearedAt"));
        Instant afterCurrent = Instant.now();

        // the history, moment by moment
        JsonPath before = at(ori, beforeAnything);
        assertFalse(before.getBoolean("eligible"));
        assertEquals("no credential sought", reason(before, SEC_2B));
        assertEquals("reporting current (period 2026-Q3 is OPEN)", reason(before, SEC_3D));
        assertHeld(at(ori, afterSought), true, SEC_2B, sought);
        assertHeld(at(ori, afterSuspension), false, SEC_2B, suspended);
        assertHeld(at(ori, afterReinstated), true, SEC_2B, reinstated);
        JsonPath whileDelinquent = at(ori, afterDelinquent);
        assertHeld(whileDelinquent, false, SEC_3D, delinquent);
        assertEquals(reinstated, decidedBy(whileDelinquent, SEC_2B));
        assertHeld(at(ori, afterCurrent), true, SEC_3D, current);

        // and the program's own history, kept from the application on
        JsonPath programWhileSuspended = given().auth().oauth2(GrantsApi.officer())
                .queryParam("at", afterSuspension.toString())
                .when().get("/api/v1/agencies/{ori}/eligibility/programs/{id}", ori, programId)
                .then().statusCode(200).extract().jsonPath();
        assertFalse(programWhileSuspended.getBoolean("eligible"));
        assertEquals(programId.toString(), programWhileSuspended.getString("grantProgramId"));
        given().auth().oauth2(GrantsApi.officer()).queryParam("at", beforeAnything.toString())
                .when().get("/api/v1/agencies/{ori}/eligibility/programs/{id}", ori, programId)
                .then().statusCode(404).contentType(GrantsApi.PROBLEM);
    }

    private static JsonPath awaitRule(String ori, String rule, String outcome, String eventId) {
        return awaitEligibility(ori, a -> outcome.equals(outcome(a, rule)) && eventId.equals(decidedBy(a, rule)));
    }

    private static JsonPath awaitAward(UUID awardId, boolean flagged) {
        return await().atMost(WAIT).until(() -> GrantsApi.awardView(awardId), a -> a.getBoolean("flagged") == flagged);
    }

    private static JsonPath at(String ori, Instant moment) {
        return given().auth().oauth2(TestTokens.agencyUser(ori)).queryParam("at", moment.toString())
                .when().get("/api/v1/agencies/{ori}/eligibility", ori)
                .then().statusCode(200).extract().jsonPath();
    }

    private static void assertHeld(JsonPath answer, boolean eligible, String rule, String eventId) {
        assertEquals(eligible, answer.getBoolean("eligible"), answer.prettify());
        assertEquals(eventId, decidedBy(answer, rule), answer.prettify());
    }

    static String outcome(JsonPath answer, String rule) {
        return answer.getString("rules.find { it.rule == '" + rule + "' }.outcome");
    }

    static String reason(JsonPath answer, String rule) {
        return answer.getString("rules.find { it.rule == '" + rule + "' }.reason");
    }

    static String decidedBy(JsonPath answer, String rule) {
        return answer.getString("rules.find { it.rule == '" + rule + "' }.decidedBy.eventId");
    }

    private static void assertProgramEventPublished(String ori, UUID programId, boolean eligible) {
        try (TopicProbe probe = TopicProbe.of(Topics.GRANTS_ELIGIBILITY)) {
            ConsumerRecord<String, String> published = probe.await(r -> ori.equals(r.key())
                    && programId.toString().equals(field(r, "grantProgramId")) && !eligible == "false".equals(field(r, "eligible")), WAIT);
            assertEquals(EventTypes.ELIGIBILITY_CHANGED, TopicProbe.header(published, "ce_type"));
        }
    }

    private static String field(ConsumerRecord<String, String> record, String name) {
        try {
            JsonNode node = Upstream.JSON.readTree(record.value()).get(name);
            return node == null || node.isNull() ? null : node.asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
