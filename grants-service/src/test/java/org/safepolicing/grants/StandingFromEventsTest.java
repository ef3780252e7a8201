package org.safepolicing.grants;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;
import static org.safepolicing.grants.EligibilityApi.awaitEligibility;
import static org.safepolicing.grants.GrantLifecycleTest.decidedBy;
import static org.safepolicing.grants.GrantLifecycleTest.outcome;
import static org.safepolicing.grants.GrantLifecycleTest.reason;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.contracts.events.ProgramStatus;
import org.safepolicing.contracts.events.ReportingStatus;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TopicProbe;

/** Reporting standing (records.reporting.v1), co-responder programs and training coverage (coresponder.events.v1). */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "grants"))
class StandingFromEventsTest {

    private static final String SEC_3D = "SEC_3D_REPORTING";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource dataSource;

    GrantsDatabase db;

    @BeforeEach
    void database() {
        db = new GrantsDatabase(dataSource);
    }

    @Test
    void delinquentReportingFailsAndTheChangeIsPublished() {
        String ori = Upstream.randomOri();
        GrantsApi.eligibleAgency(db, ori, Instant.parse("2026-09-01T09:00:00Z"));
        String delinquent = Upstream.reporting(ori, "2026-Q3", ReportingStatus.DELINQUENT, false,
                Instant.parse("2026-10-31T00:00:00Z"));
        JsonPath answer = awaitEligibility(ori, a -> delinquent.equals(decidedBy(a, SEC_3D)));
        assertFalse(answer.getBoolean("eligible"));
        assertEquals("FAIL", outcome(answer, SEC_3D));
        assertEquals(EventTypes.REPORTING_STATUS_CHANGED,
                answer.getString("rules.find { it.rule == 'SEC_3D_REPORTING' }.decidedBy.eventType"));
        try (TopicProbe probe = TopicProbe.of(Topics.GRANTS_ELIGIBILITY)) {
            ConsumerRecord<String, String> published = probe.await(r -> ori.equals(r.key())
                    && r.value().contains(delinquent) && "false".equals(Upstream.field(r, "eligible")), WAIT);
            assertNull(Upstream.field(published, "grantProgramId"));
        }
    }

    @Test
    void aDuplicateOrALateReportingEventChangesNothing() {
        String ori = Upstream.randomOri();
        long older = Upstream.nextSequence();
        long newer = Upstream.nextSequence();
        String id = UUID.randomUUID().toString();
        Instant time = Instant.parse("2026-11-01T00:00:00Z");
        String data = Upstream.json(new org.safepolicing.contracts.events.ReportingStatusChanged(ori, "2026-Q3",
                ReportingStatus.SUBMITTED, ReportingStatus.DELINQUENT, null, null, true, time));
        Upstream.send(Topics.RECORDS_REPORTING, ori, EventTypes.REPORTING_STATUS_CHANGED, data, newer, time, id);
        awaitEligibility(ori, a -> id.equals(decidedBy(a, SEC_3D)));
        long history = db.historyRows(ori);
        long events = db.eligibilityEventsWritten(ori);

        Upstream.send(Topics.RECORDS_REPORTING, ori, EventTypes.REPORTING_STATUS_CHANGED, data, newer, time, id);
        String late = Upstream.reporting(ori, "2026-Q3", ReportingStatus.DELINQUENT, false,
                Instant.parse("2026-10-31T00:00:00Z"), older);
        db.awaitProcessed(late);

        JsonPath answer = EligibilityApi.eligibility(ori);
        assertEquals("PASS", outcome(answer, SEC_3D));
        assertEquals(id, decidedBy(answer, SEC_3D));
        assertEquals(history, db.historyRows(ori));
        assertEquals(events, db.eligibilityEventsWritten(ori));
        assertEquals(1L, db.count("select count(*) from processed_event where event_id = ?", id));
    }

    @Test
    void aReportingEventWithoutCurrentIsDeadLetteredAndTheNextTakesEffect() {
        String ori = Upstream.randomOri();
        Upstream.send(Topics.RECORDS_REPORTING, ori, EventTypes.REPORTING_STATUS_CHANGED,
                "{\"ori\":\"" + ori + "\",\"period\":\"2026-Q3\",\"status\":\"DELINQUENT\"}", Upstream.nextSequence(),
                Instant.now());
        try (TopicProbe probe = TopicProbe.of(Topics.deadLetter(Topics.GRANTS_SERVICE))) {
            ConsumerRecord<String, String> parked = probe.await(r -> ori.equals(r.key()), WAIT);
            assertTrue(TopicProbe.header(parked, "dead-letter-reason").contains("has no current"));
        }
        String delinquent = Upstream.reporting(ori, "2026-Q3", ReportingStatus.DELINQUENT, false, Instant.now());
        awaitEligibility(ori, a -> delinquent.equals(decidedBy(a, SEC_3D)));
    }

    @Test
    void aTrainingCoverageOutsideZeroToOneIsDeadLettered() {
        String ori = Upstream.randomOri();
        Upstream.send(Topics.CORESPONDER_EVENTS, ori, EventTypes.TRAINING_COVERAGE_CHANGED,
                "{\"ori\":\"" + ori + "\",\"trainedOfficers\":5,\"swornOfficers\":2,\"coverage\":2.5}",
                Upstream.nextSequence(), Instant.now());
        try (TopicProbe probe = TopicProbe.of(Topics.deadLetter(Topics.GRANTS_SERVICE))) {
            ConsumerRecord<String, String> parked = probe.await(r -> ori.equals(r.key()), WAIT);
            assertTrue(TopicProbe.header(parked, "dead-letter-reason").contains("outside 0..1"));
        }
    }

    @Test
    void programRulesFollowCoResponderProgramsTrainingAndAgencyType() {
        UUID programId = GrantsApi.program("50000.00", ",\"rules\":[\"CORESPONDER_PROGRAM\",\"TRAINING_COVERAGE\"],"
                + "\"minimumTrainingCoverage\":0.5,\"allowedAgencyTypes\":[\"LOCAL_MUNICIPAL\",\"COUNTY_SHERIFF\"]");
        String ori = Upstream.randomOri();
        db.awaitProcessed(Upstream.agency(ori, AgencyType.LOCAL_MUNICIPAL, Instant.now()));

        JsonPath none = forProgram(ori, programId);
        assertFalse(none.getBoolean("eligible"));
        assertEquals("agency type LOCAL_MUNICIPAL is funded by the program", reason(none, "AGENCY_TYPE"));
        assertEquals("no co-responder program reported", reason(none, "CORESPONDER_PROGRAM"));
        assertEquals("no training coverage reported (the program's minimum is 50%)", reason(none, "TRAINING_COVERAGE"));
        assertEquals("FAIL", outcome(none, "SEC_2B_CREDENTIAL"), "every program carries Sec. 2(b)");
        assertEquals("FAIL", outcome(none, SEC_3D), "no reporting standing received yet: Sec. 3(d) is not met");
        assertEquals("no reporting standing received yet", reason(none, SEC_3D));
        assertEquals(4, none.getList("whatMustChange").size());

        GrantsApi.eligibleAgency(db, ori, Instant.now());

        UUID coResponder = UUID.randomUUID();
        String planned = Upstream.coResponderProgram(coResponder, ori, ProgramStatus.PLANNED, Instant.now());
        String trained = Upstream.trainingCoverage(ori, 30, 40, Instant.now());
        JsonPath pass = await().atMost(WAIT).until(() -> forProgram(ori, programId), a -> a.getBoolean("eligible"));
        assertEquals("co-responder program with County Behavioral Health (CO_RESPONDER_RIDE_ALONG) is PLANNED",
                reason(pass, "CORESPONDER_PROGRAM"));
        assertEquals(planned, decidedBy(pass, "CORESPONDER_PROGRAM"));
        assertEquals("training coverage 75% (30 of 40 sworn officers trained) meets the program's minimum of 50%",
                reason(pass, "TRAINING_COVERAGE"));
        assertEquals(trained, decidedBy(pass, "TRAINING_COVERAGE"));

        String ended = Upstream.coResponderProgram(coResponder, ori, ProgramStatus.ENDED, Instant.now());
        Upstream.trainingCoverage(ori, 10, 40, Instant.now());
        JsonPath fail = await().atMost(WAIT).until(() -> forProgram(ori, programId),
                a -> ended.equals(decidedBy(a, "CORESPONDER_PROGRAM")) && "FAIL".equals(outcome(a, "TRAINING_COVERAGE")));
        assertEquals("no co-responder program active or planned: program with County Behavioral Health"
                + " (CO_RESPONDER_RIDE_ALONG) is ENDED", reason(fail, "CORESPONDER_PROGRAM"));
        assertEquals("training coverage 25% (10 of 40 sworn officers trained) is below the program's minimum of 50%",
                reason(fail, "TRAINING_COVERAGE"));

        String sheriff = Upstream.randomOri();
        db.awaitProcessed(Upstream.agency(sheriff, AgencyType.STATE, Instant.now()));
        assertEquals("agency type STATE is not funded by the program (it funds LOCAL_MUNICIPAL, COUNTY_SHERIFF)",
                reason(forProgram(sheriff, programId), "AGENCY_TYPE"));
    }

    private static JsonPath forProgram(String ori, UUID programId) {
        return given().auth().oauth2(GrantsApi.officer())
                .when().get("/api/v1/agencies/{ori}/eligibility/programs/{id}", ori, programId)
                .then().statusCode(200).extract().jsonPath();
    }
}
