package org.safepolicing.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.safepolicing.testing.SuiteServers;

/**
 * The batch inbox on the real broker and database: every event once, in order per key, duplicates dropped, poison
 * parked in the dead-letter topic with the failure strategy's headers while the rest of its batch is applied, a
 * passing failure retried, offsets committed after the transactions.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "platform"))
@QuarkusTestResource(TestTopics.class)
class BatchInboxTest {

    private static final String TOPIC = "platform-test.batch.v1";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyEventOnceInOrderPerKeyAndPoisonIsParkedAlone() throws Exception {
        String run = "k" + UUID.randomUUID().toString().substring(0, 8) + "-";
        int keys = 16;
        int perKey = 100;
        List<String[]> sent = new ArrayList<>();
        try (TestEvents events = new TestEvents()) {
            for (int seq = 1; seq <= perKey; seq++) {
                for (int k = 0; k < keys; k++) {
                    String key = run + k;
                    // one event in the middle fails its first attempt: retried, applied once
                    String extra = seq == 40 && k == 3 ? "\"flaky\":true" : null;
                    String id = events.event(TOPIC, key, seq, extra);
                    sent.add(new String[] {id, key, Long.toString(seq)});
                    if (seq == 50 && k == 1) {
                        events.event(TOPIC, key, 0, "\"poison\":true"); // the effect refuses it
                    }
                    if (seq == 60 && k == 2) {
                        events.raw(TOPIC, key, "{\"not\":\"a cloud event\"}");
                    }
                    if (seq == 70 && k == 5) {
                        events.event(TOPIC, UUID.randomUUID().toString(), "org.safepolicing.test.thing", key, 1L, "not json {");
                    }
                }
            }
            // 40 events delivered again with their ids: duplicates, no second effect
            for (int i = 0; i < 40; i++) {
                String[] again = sent.get(i * 37 % sent.size());
                events.event(TOPIC, again[0], "org.safepolicing.test.thing", again[1], Long.valueOf(again[2]),
                        "{\"seq\":" + again[2] + "}");
            }
            events.flush();
        }
        int expected = keys * perKey;
        TestEvents.await("all events applied", WAIT, () -> TestEvents.count(dataSource,
                "select count(*) from applied_event where consumer = 'test-batch' and event_key like ?", run + "%") >= expected);

        assertEquals(expected, TestEvents.count(dataSource,
                "select count(distinct event_id) from applied_event where consumer = 'test-batch' and event_key like ?", run + "%"));
        assertEquals(expected, TestEvents.count(dataSource,
                "select count(*) from applied_event where consumer = 'test-batch' and event_key like ?", run + "%"),
                "one effect per event id: the duplicates and the retried event applied once");
        Map<String, List<Long>> byKey = new HashMap<>();
        for (Map.Entry<String, Long> row : TestEvents.rows(dataSource,
                "select event_key, seq from applied_event where consumer = 'test-batch' and event_key like ? order by id", run + "%")) {
            byKey.computeIfAbsent(row.getKey(), k -> new ArrayList<>()).add(row.getValue());
        }
        assertEquals(keys, byKey.size());
        for (Map.Entry<String, List<Long>> key : byKey.entrySet()) {
            List<Long> order = key.getValue();
            for (int i = 0; i < order.size(); i++) {
                assertEquals(i + 1, order.get(i), "events of " + key.getKey() + " applied in offset order");
            }
        }

        List<ConsumerRecord<String, String>> parked = TestEvents.deadLetters(TOPIC, 3, WAIT).stream()
                .filter(r -> r.key() != null && r.key().startsWith(run)).collect(Collectors.toList());
        assertEquals(3, parked.size(), "each poison record parked once, nothing else: " + parked);
        for (ConsumerRecord<String, String> r : parked) {
            assertNotNull(TestEvents.header(r, "dead-letter-reason"), "the reason");
            assertNotNull(TestEvents.header(r, "dead-letter-exception-class-name"));
            assertNotNull(TestEvents.header(r, "dead-letter-partition"));
            assertNotNull(TestEvents.header(r, "dead-letter-offset"));
        }
        String reasons = parked.stream().map(r -> TestEvents.header(r, "dead-letter-reason")).collect(Collectors.joining(" | "));
        assertTrue(reasons.contains("is marked poison") && reasons.contains("not a CloudEvent")
                && reasons.contains("not valid JSON"), reasons);

        // offsets are committed (after the transactions) up to the end of every partition
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestTopics.bootstrap());
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int i = 0; i < TestTopics.PARTITIONS; i++) {
                latest.put(new TopicPartition(TOPIC, i), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            TestEvents.await("offsets committed to the end", WAIT, () -> {
                try {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("platform-test")
                            .partitionsToOffsetAndMetadata().get();
                    // a partition none of the run's random keys fell on (end 0) has nothing to commit
                    return ends.entrySet().stream().allMatch(e -> e.getValue() == 0 || (committed.get(e.getKey()) != null
                            && committed.get(e.getKey()).offset() == e.getValue()));
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    @Test
    void singleRecordPathStillParksPoisonAndGoesOn() {
        String single = "platform-test.single.v1";
        String run = "s" + UUID.randomUUID().toString().substring(0, 8) + "-";
        try (TestEvents events = new TestEvents()) {
            for (int seq = 1; seq <= 20; seq++) {
                events.event(single, run + (seq % 3), seq, null);
                if (seq == 10) {
                    events.event(single, run + "x", 0, "\"poison\":true");
                }
            }
            events.flush();
        }
        TestEvents.await("20 events applied", WAIT, () -> TestEvents.count(dataSource,
                "select count(*) from applied_event where consumer = 'test-single' and event_key like ?", run + "%") == 20);
        List<ConsumerRecord<String, String>> parked = TestEvents.deadLetters(single, 1, WAIT).stream()
                .filter(r -> r.key() != null && r.key().startsWith(run)).toList();
        assertEquals(1, parked.size());
        assertTrue(TestEvents.header(parked.get(0), "dead-letter-reason").contains("is marked poison"));
    }
}
