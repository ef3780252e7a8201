package org.safepolicing.grants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safepolicing.grants.EligibilityApi.awaitEligibility;
import static org.safepolicing.grants.EligibilityApi.decidedBy;
import static org.safepolicing.grants.EligibilityApi.eligibility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
import org.safepolicing.contracts.Sec2bCoverage;
import org.safepolicing.contracts.Topics;
import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.contracts.events.BodyStatus;
import org.safepolicing.contracts.events.CredentialStatus;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TopicProbe;

/** Sec. 2(b) eligibility as it follows credentialing events on the real broker. */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "grants"))
class EligibilityFromEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource dataSource;

    GrantsDatabase db;

    @BeforeEach
    void database() {
        db = new GrantsDatabase(dataSource);
    }

    @Test
    void credentialSoughtFromCertifiedBodyPassesAndIsPublished() throws Exception {
        String ori = Upstream.randomOri();
        UUID bodyId = UUID.randomUUID();
        Instant t0 = Instant.parse("2026-03-01T09:00:00Z");
        Upstream.certifiedBody(bodyId, "Virginia Law Enforcement Accreditation Commission", t0);
        db.awaitProcessed(Upstream.reportingCurrent(ori, t0));
        String sought = Upstream.credential(ori, bodyId, EventTypes.CREDENTIAL_SOUGHT, CredentialStatus.SOUGHT,
                t0.plusSeconds(3600));

        JsonPath answer = awaitEligibility(ori, a -> decidedBy(a, "PASS", sought));
        assertTrue(answer.getBoolean("eligible"));
        assertEquals("SEC_2B_CREDENTIAL", answer.getString("rules[0].rule"));
        assertEquals("credential sought from certified credentialing body Virginia Law Enforcement Accreditation Commission",
                answer.getString("rules[0].reason"));
        assertEquals(EventTypes.CREDENTIAL_SOUGHT, answer.getString("rules[0].decidedBy.eventType"));
        assertEquals(t0.plusSeconds(3600), Instant.parse(answer.getString("rules[0].decidedBy.eventTime")));

        try (TopicProbe probe = TopicProbe.of(Topics.GRANTS_ELIGIBILITY)) {
            ConsumerRecord<String, String> published = probe.await(r -> ori.equals(r.key()) && eligible(r), WAIT);
            assertEquals(EventTypes.ELIGIBILITY_CHANGED, TopicProbe.header(published, "ce_type"));
            JsonNode event = Upstream.JSON.readTree(published.value());
            assertEquals(ori, event.get("ori").asText());
            assertTrue(event.get("grantProgramId").isNull());
            assertEquals("PASS", event.get("rules").get(0).get("outcome").asText());
            assertEquals(sought, event.get("rules").get(0).get("decidedByEventId").asText());
        }
    }

    @Test
    void withdrawnCredentialFailsWithTheWithdrawal() throws Exception {
        String ori = Upstream.randomOri();
        UUID bodyId = UUID.randomUUID();
        Instant t0 = Instant.parse("2026-06-01T09:00:00Z");
        Upstream.certifiedBody(bodyId, "Accreditation Body W", t0);
        db.awaitProcessed(Upstream.reportingCurrent(ori, t0));
        String sought = Upstream.credential(ori, bodyId, EventTypes.CREDENTIAL_SOUGHT, CredentialStatus.SOUGHT,
                t0.plusSeconds(60));
        awaitEligibility(ori, a -> decidedBy(a, "PASS", sought));

        String withdrawn = Upstream.credential(ori, bodyId, EventTypes.CREDENTIAL_WITHDRAWN, CredentialStatus.WITHDRAWN,
                Instant.parse("2026-11-22T15:30:00Z"));

        JsonPath answer = awaitEligibility(ori, a -> decidedBy(a, "FAIL", withdrawn));
        assertFalse(answer.getBoolean("eligible"));
        assertEquals("credential withdrawn by the agency on 2026-11-22", answer.getString("rules[0].reason"));
        assertEquals(EventTypes.CREDENTIAL_WITHDRAWN, answer.getString("rules[0].decidedBy.eventType"));

        try (TopicProbe probe = TopicProbe.of(Topics.GRANTS_ELIGIBILITY)) {
            ConsumerRecord<String, String> lost = probe.await(r -> ori.equals(r.key()) && !eligible(r)
                    && r.value().contains(withdrawn), WAIT);
            JsonNode event = Upstream.JSON.readTree(lost.value());
            assertTrue(event.get("previouslyEligible").asBoolean());
            assertEquals(withdrawn, event.get("rules").get(0).get("decidedByEventId").asText());
        }
    }

    @Test
    void suspendedBodyFailsEveryAgencyItCredentialsAndNoOther() {
        UUID suspendedBody = UUID.randomUUID();
        UUID otherBody = UUID.randomUUID();
        Instant t0 = Instant.parse("2026-02-01T09:00:00Z");
        // bodies first, so each agency's answer is decided once, not first against a body not yet seen
        db.awaitProcessed(Upstream.certifiedBody(suspendedBody, "Body To Be Suspended", t0));
        db.awaitProcessed(Upstream.certifiedBody(otherBody, "Body In Good Standing", t0));
        String first = Upstream.randomOri();
        String second = Upstream.randomOri();
        String elsewhere = Upstream.randomOri();
        String firstSought = Upstream.credential(first, suspendedBody, EventTypes.CREDENTIAL_SOUGHT,
                CredentialStatus.SOUGHT, t0.plusSeconds(60));
        String secondGranted = Upstream.credential(second, suspendedBody, EventTypes.CREDENTIAL_GRANTED,
                CredentialStatus.CREDENTIALED, t0.plusSeconds(120));
        String elsewhereSought = Upstream.credential(elsewhere, otherBody, EventTypes.CREDENTIAL_SOUGHT,
                CredentialStatus.SOUGHT, t0.plusSeconds(180));
        awaitEligibility(first, a -> decidedBy(a, "PASS", firstSought));
        awaitEligibility(second, a -> decidedBy(a, "PASS", secondGranted));
        awaitEligibility(elsewhere, a -> decidedBy(a, "PASS", elsewhereSought));

        String suspension = Upstream.body(suspendedBody, "Body To Be Suspended", EventTypes.BODY_SUSPENDED,
                BodyStatus.SUSPENDED, BodyStatus.CERTIFIED, "assessments not independent of the agencies assessed",
                t0.plusSeconds(86_400));

        for (String ori : List.of(first, second)) {
            JsonPath answer = awaitEligibility(ori, a -> decidedBy(a, "FAIL", suspension));
            assertFalse(answer.getBoolean("eligible"));
            assertEquals("credentialing body Body To Be Suspended is SUSPENDED:"
                    + " assessments not independent of the agencies assessed", answer.getString("rules[0].reason"));
            assertEquals(EventTypes.BODY_SUSPENDED, answer.getString("rules[0].decidedBy.eventType"));
        }
        JsonPath unaffected = eligibility(elsewhere);
        assertTrue(decidedBy(unaffected, "PASS", elsewhereSought));
        // its first answer: one row per rule (Sec. 2(b) and Sec. 3(d)), nothing since
        assertEquals(2L, db.historyRows(elsewhere));
    }

    @Test
    void sec2bIsNotApplicableToTribalTerritorialAndFederalAgencies() throws Exception {
        Map<String, AgencyType> agencies = new java.util.LinkedHashMap<>();
        for (AgencyType type : List.of(AgencyType.TRIBAL, AgencyType.TERRITORIAL, AgencyType.FEDERAL)) {
            String ori = Upstream.randomOri();
            agencies.put(ori, type);
            String registered = Upstream.agency(ori, type, Instant.parse("2026-01-15T12:00:00Z"));
            JsonPath answer = awaitEligibility(ori, a -> decidedBy(a, "NOT_APPLICABLE", registered));
            // the reason is the one table's (Sec2bCoverage), never a silent PASS
            assertEquals(Sec2bCoverage.of(type).reason(), answer.getString("rules[0].reason"));
            assertEquals(EventTypes.AGENCY_REGISTERED, answer.getString("rules[0].decidedBy.eventType"));
            assertFalse(answer.getBoolean("eligible")); // no reporting standing yet: Sec. 3(d) fails
            assertEquals(List.of("SEC_3D_REPORTING"), answer.getList("whatMustChange.rule"));

            String current = Upstream.reportingCurrent(ori, Instant.parse("2026-01-16T12:00:00Z"));
            answer = awaitEligibility(ori, a -> a.getBoolean("eligible"));
            assertEquals("NOT_APPLICABLE", answer.getString("rules[0].outcome"), "NOT_APPLICABLE does not block");
            assertEquals(current, answer.getString("rules[1].decidedBy.eventId"));
            assertEquals("NOT_APPLICABLE", EligibilityApi.eligibilityAt(ori, "2026-01-17")
                    .getString("rules[0].outcome"), "the history keeps NOT_APPLICABLE");
        }
        // published as NOT_APPLICABLE with the table's reason (rule-outcome, event-contracts 1.2.0)
        try (TopicProbe probe = TopicProbe.of(Topics.GRANTS_ELIGIBILITY)) {
            for (Map.Entry<String, AgencyType> agency : agencies.entrySet()) {
                ConsumerRecord<String, String> published =
                        probe.await(r -> agency.getKey().equals(r.key()) && eligible(r), WAIT);
                JsonNode rule = Upstream.JSON.readTree(published.value()).get("rules").get(0);
                assertEquals("SEC_2B_CREDENTIAL", rule.get("rule").asText());
                assertEquals("NOT_APPLICABLE", rule.get("outcome").asText());
                assertEquals(Sec2bCoverage.of(agency.getValue()).reason(), rule.get("reason").asText());
            }
        }
    }

    @Test
    void sec2bStillAppliesToStateLocalAndUniversityAgencies() {
        for (AgencyType type : List.of(AgencyType.STATE, AgencyType.UNIVERSITY)) {
            String ori = Upstream.randomOri();
            String registered = Upstream.agency(ori, type, Instant.parse("2026-01-15T12:00:00Z"));
            db.awaitProcessed(registered);
            JsonPath answer = awaitEligibility(ori, a -> "FAIL".equals(a.getString("rules[0].outcome")));
            assertEquals("no credential sought", answer.getString("rules[0].reason"));
        }
    }

    @Test
    void registeredAgencyWithoutCredentialFailsWithNoDecidingEvent() {
        String ori = Upstream.randomOri();
        String registered = Upstream.agency(ori, AgencyType.COUNTY_SHERIFF, Instant.parse("2026-01-15T12:00:00Z"));
        db.awaitProcessed(registered);

        JsonPath answer = eligibility(ori);
        assertFalse(answer.getBoolean("eligible"));
        assertEquals("FAIL", answer.getString("rules[0].outcome"));
        assertEquals("no credential sought", answer.getString("rules[0].reason"));
        assertTrue(answer.getMap("rules[0]").containsKey("decidedBy"));
        assertNull(answer.getString("rules[0].decidedBy"));
        assertEquals(1L, db.eligibilityEventsWritten(ori));
    }

    @Test
    void theSameEventDeliveredTwiceCountsOnce() {
        String ori = Upstream.randomOri();
        UUID bodyId = UUID.randomUUID();
        Instant t0 = Instant.parse("2026-04-01T09:00:00Z");
        db.awaitProcessed(Upstream.certifiedBody(bodyId, "Body D", t0));
        String data = Upstream.credentialJson(ori, bodyId, CredentialStatus.SOUGHT, t0.plusSeconds(60));
        String id = UUID.randomUUID().toString();
        long sequence = Upstream.nextSequence();
        Upstream.send(Topics.CREDENTIALING_EVENTS, ori, EventTypes.CREDENTIAL_SOUGHT, data, sequence, t0.plusSeconds(60), id);
        awaitEligibility(ori, a -> decidedBy(a, "PASS", id));

        Upstream.send(Topics.CREDENTIALING_EVENTS, ori, EventTypes.CREDENTIAL_SOUGHT, data, sequence, t0.plusSeconds(60), id);
        // an event grants does not know, on the agency's partition behind the duplicate: once it is in, so is the duplicate
        String marker = Upstream.send(Topics.CREDENTIALING_EVENTS, ori, "org.safepolicing.test.marker", "{}",
                Upstream.nextSequence(), t0.plusSeconds(120));
        db.awaitProcessed(marker);

        assertEquals(2L, db.historyRows(ori));
        assertEquals(1L, db.eligibilityEventsWritten(ori));
        try (TopicProbe probe = TopicProbe.of(Topics.GRANTS_ELIGIBILITY)) {
            probe.await(r -> ori.equals(r.key()), WAIT);
            assertEquals(1, probe.all(r -> ori.equals(r.key()), Duration.ofSeconds(2)).size());
        }
    }

    @Test
    void anOlderEventArrivingAfterANewerOneIsIgnored() {
        String ori = Upstream.randomOri();
        UUID bodyId = UUID.randomUUID();
        Instant t0 = Instant.parse("2026-05-01T09:00:00Z");
        db.awaitProcessed(Upstream.certifiedBody(bodyId, "Body O", t0));
        long sought = Upstream.nextSequence();
        long granted = Upstream.nextSequence();
        long withdrawnSequence = Upstream.nextSequence();
        String soughtId = Upstream.credential(ori, bodyId, EventTypes.CREDENTIAL_SOUGHT, CredentialStatus.SOUGHT,
                t0.plusSeconds(60), sought);
        String withdrawn = Upstream.credential(ori, bodyId, EventTypes.CREDENTIAL_WITHDRAWN, CredentialStatus.WITHDRAWN,
                t0.plusSeconds(180), withdrawnSequence);
        awaitEligibility(ori, a -> decidedBy(a, "FAIL", withdrawn));

        // the grant was decided before the withdrawal (lower sequence) but arrives after it
        String late = Upstream.credential(ori, bodyId, EventTypes.CREDENTIAL_GRANTED, CredentialStatus.CREDENTIALED,
                t0.plusSeconds(120), granted);
        db.awaitProcessed(late);

        JsonPath answer = eligibility(ori);
        assertTrue(decidedBy(answer, "FAIL", withdrawn));
        assertTrue(answer.getString("rules[0].reason").startsWith("credential withdrawn by the agency"));
        // the first answer (both rules), then the withdrawal; nothing for the late grant
        assertEquals(3L, db.historyRows(ori));
        assertEquals(1L, db.count("select count(*) from eligibility_history where ori = ? and decided_by_event_id = ?",
                ori, soughtId));
    }

    @Test
    void eventsOfOneAgencyInOnePollEachKeepTheirAnswerInTheHistory() {
        String ori = Upstream.randomOri();
        UUID bodyId = UUID.randomUUID();
        Instant t0 = Instant.parse("2026-06-01T09:00:00Z");
        db.awaitProcessed(Upstream.certifiedBody(bodyId, "Body P", t0));
        db.awaitProcessed(Upstream.reportingCurrent(ori, t0));
        String[] ids = new String[2];
        // one batch of grants' consumer: its decisions wait for the batch's end, but not across the agency's second event
        Upstream.inOnePoll(() -> {
            ids[0] = Upstream.credential(ori, bodyId, EventTypes.CREDENTIAL_SOUGHT, CredentialStatus.SOUGHT,
                    t0.plusSeconds(60));
            ids[1] = Upstream.credential(ori, bodyId, EventTypes.CREDENTIAL_WITHDRAWN, CredentialStatus.WITHDRAWN,
                    t0.plusSeconds(120));
        });
        awaitEligibility(ori, a -> decidedBy(a, "FAIL", ids[1]));

        assertTrue(decidedBy(EligibilityApi.eligibilityAt(ori, t0.plusSeconds(90).toString()), "PASS", ids[0]));
        assertTrue(decidedBy(EligibilityApi.eligibilityAt(ori, t0.plusSeconds(150).toString()), "FAIL", ids[1]));
        assertEquals(1L, db.count("select count(*) from eligibility_history where ori = ? and decided_by_event_id = ?",
                ori, ids[0]));
        try (TopicProbe probe = TopicProbe.of(Topics.GRANTS_ELIGIBILITY)) {
            probe.await(r -> ori.equals(r.key()) && !eligible(r), WAIT);
            // the reporting's answer (no credential), the credential's (eligible), the withdrawal's, in that order
            assertEquals(List.of(false, true, false), probe.all(r -> ori.equals(r.key()), Duration.ofSeconds(2)).stream()
                    .map(EligibilityFromEventsTest::eligible).toList());
        }
    }

    private static boolean eligible(ConsumerRecord<String, String> published) {
        try {
            return Upstream.JSON.readTree(published.value()).get("eligible").asBoolean();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
