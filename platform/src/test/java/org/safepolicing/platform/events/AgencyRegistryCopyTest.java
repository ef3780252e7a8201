package org.safepolicing.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.testing.SuiteServers;

/**
 * The one copy of agency-registry.v1: newest ce_sequence per ORI wins, an older or equal one is skipped and counted,
 * the contract is checked once (a snapshot that breaks it is dead-lettered, the ORI's next one still applies).
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "platform"))
@QuarkusTestResource(TestTopics.class)
class AgencyRegistryCopyTest {

    private static final String TOPIC = "platform-test.registry.v1";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry meters;

    @Test
    void newestSnapshotPerOriWinsAndOlderOnesAreSkipped() {
        String ori = randomOri();
        double staleBefore = stale();
        try (TestEvents events = new TestEvents()) {
            snapshot(events, ori, ori, 5, "Five", true);
            snapshot(events, ori, ori, 3, "Three (older)", true);
            snapshot(events, ori, ori, 5, "Five again (equal)", true);
            snapshot(events, ori, ori, 7, "Seven", false);
            events.flush();
        }
        awaitName(ori, "Seven");
        // a later poll with an older snapshot changes nothing
        String older;
        try (TestEvents events = new TestEvents()) {
            older = snapshot(events, ori, ori, 6, "Six (older)", true);
            events.flush();
        }
        TestEvents.await("the older snapshot recorded", WAIT, () -> TestEvents.count(dataSource,
                "select count(*) from processed_event where consumer = 'test-registry' and event_id = ?", older) == 1);
        assertEquals("Seven", name(ori));
        assertEquals(7, TestEvents.count(dataSource, "select sequence from test_agency where ori = ?", ori));
        assertEquals(0, TestEvents.count(dataSource, "select count(*) from test_agency where ori = ? and active", ori));
        assertEquals(7, TestEvents.count(dataSource,
                "select sequence from snapshot_sequence where consumer = 'test-registry' and snapshot_key = ?", ori));
        assertTrue(stale() - staleBefore >= 3, "the three older or equal snapshots are counted as stale");
        assertTrue(TestEvents.count(dataSource, "select count(*) from audit_entry where action = 'agency.copied'"
                + " and object_id = ? and actor = 'system'", ori) >= 1, "the upsert ran with a request context");
    }

    @Test
    void aSnapshotThatBreaksTheContractIsParkedAndTheNextOneApplies() {
        String ori = randomOri();
        String other = randomOri();
        try (TestEvents events = new TestEvents()) {
            snapshot(events, ori, other, 1, "Keyed wrong", true); // key is not the ORI
            events.event(TOPIC, UUID.randomUUID().toString(), EventTypes.AGENCY_UPDATED, ori, 2L,
                    "{\"ori\":\"" + ori + "\",\"type\":\"STATE\",\"state\":\"VA\",\"active\":true,\"version\":1}"); // no name
            events.event(TOPIC, UUID.randomUUID().toString(), EventTypes.AGENCY_UPDATED, ori, null, json(ori, "No sequence", true));
            events.event(TOPIC, UUID.randomUUID().toString(), EventTypes.AGENCY_UPDATED, ori, 4L,
                    "{\"ori\":\"" + ori + "\",\"name\":\"x\",\"type\":\"STATE\",\"state\":\"VA\",\"version\":1}"); // no active
            events.event(TOPIC, UUID.randomUUID().toString(), "org.safepolicing.other.thing", ori, 5L, "{}"); // not a snapshot
            snapshot(events, ori, ori, 6, "Valid", true);
            events.flush();
        }
        awaitName(ori, "Valid");
        List<ConsumerRecord<String, String>> parked = TestEvents.deadLetters(TOPIC, 4, WAIT).stream()
                .filter(r -> ori.equals(r.key())).toList();
        assertEquals(4, parked.size(), "the four snapshots that break the contract, each once");
        String reasons = String.join(" | ", parked.stream().map(r -> TestEvents.header(r, "dead-letter-reason")).toList());
        assertTrue(reasons.contains("is keyed") && reasons.contains("no agency name") && reasons.contains("no ce_sequence")
                && reasons.contains("no active"), reasons);
        assertEquals(0, TestEvents.count(dataSource, "select count(*) from test_agency where ori = ?", other));
    }

    private String snapshot(TestEvents events, String key, String ori, long sequence, String name, boolean active) {
        return events.event(TOPIC, UUID.randomUUID().toString(), EventTypes.AGENCY_UPDATED, key, sequence,
                json(ori, name, active));
    }

    private static String json(String ori, String name, boolean active) {
        return "{\"ori\":\"" + ori + "\",\"name\":\"" + name + "\",\"type\":\"LOCAL_MUNICIPAL\",\"state\":\""
                + ori.substring(0, 2) + "\",\"county\":null,\"swornOfficers\":40,\"populationServed\":1000,"
                + "\"active\":" + active + ",\"version\":1,\"updatedAt\":\"2026-07-01T09:00:00Z\"}";
    }

    private void awaitName(String ori, String name) {
        TestEvents.await(ori + " named " + name, WAIT, () -> name.equals(name(ori)));
    }

    private String name(String ori) {
        List<java.util.Map.Entry<String, Long>> rows = TestEvents.rows(dataSource,
                "select name, sequence from test_agency where ori = ?", ori);
        return rows.isEmpty() ? null : rows.get(0).getKey();
    }

    private double stale() {
        var c = meters.find("inbox.snapshots").tag("consumer", "test-registry").tag("result", "stale").counter();
        return c == null ? 0 : c.count();
    }

    static String randomOri() {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder b = new StringBuilder("VA");
        for (int i = 0; i < 7; i++) {
            b.append(chars.charAt(ThreadLocalRandom.current().nextInt(chars.length())));
        }
        return b.toString();
    }
}
