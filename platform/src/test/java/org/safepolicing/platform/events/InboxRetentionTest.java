package org.safepolicing.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.safepolicing.testing.SuiteServers;

/**
 * Old {@code processed_event} rows are forgotten and a floor per partition keeps what they proved: a replayed record
 * (at or below the floor, its {@code ce_time} not after the floor's) is skipped without a row, while a record above
 * the floor, one with a newer time at an old offset (a topic created again) and one without a time are applied; a row
 * within the retention still stops its duplicate.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "platform"))
@QuarkusTestResource(TestTopics.class)
class InboxRetentionTest {

    private static final Duration RETENTION = Duration.ofDays(30);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    InboxRetention retention;

    @Inject
    EventInbox inbox;

    @Test
    void oldRowsGoAndTheirFloorStillStopsAReplay() throws SQLException {
        String consumer = "test-floor-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = "platform-test.floor.v1";
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant processed = now.minus(Duration.ofDays(40));
        Instant eventTime = now.minus(Duration.ofDays(41));
        List<String> oldIds = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            // partition 0: offsets 0-9, processed 40 days ago; partition 1: one row stored without an event time
            for (int offset = 0; offset < 10; offset++) {
                oldIds.add(row(c, consumer, topic, 0, offset, eventTime, processed));
            }
            row(c, consumer, topic, 1, 7, null, processed);
            // partition 2: more than a slice of old rows
            try (PreparedStatement bulk = c.prepareStatement("""
                    insert into processed_event (consumer, event_id, event_type, topic, kafka_partition, kafka_offset,
                                                 event_time, processed_at)
                    select ?, gen_random_uuid()::text, 'org.safepolicing.test.thing', ?, 2, n, ?, ?
                      from generate_series(1, ?) as n""")) {
                bulk.setString(1, consumer);
                bulk.setString(2, topic);
                bulk.setTimestamp(3, Timestamp.from(eventTime));
                bulk.setTimestamp(4, Timestamp.from(processed));
                bulk.setInt(5, InboxRetention.SLICE);
                bulk.executeUpdate();
            }
            c.commit();
        }
        // a row within the retention, at offset 11 of partition 0
        String recent;
        try (Connection c = dataSource.getConnection()) {
            recent = row(c, consumer, topic, 0, 11, now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)));
        }

        long deleted = retention.forgetProcessedBefore(now.minus(RETENTION));

        assertTrue(deleted >= 11 + InboxRetention.SLICE, "this test's old rows, in more than one slice: " + deleted);
        assertEquals(0, count("select count(*) from processed_event where consumer = ? and processed_at < now() - interval '30 days'",
                consumer));
        assertEquals(1, count("select count(*) from processed_event where consumer = ?", consumer), "the recent row stays");
        assertEquals(9, floor(consumer, topic, 0, "floor_offset"));
        assertEquals(eventTime.toEpochMilli(), floor(consumer, topic, 0, "(extract(epoch from floor_time) * 1000)::bigint"));
        assertEquals(7, floor(consumer, topic, 1, "floor_offset"));
        assertEquals(processed.toEpochMilli(), floor(consumer, topic, 1, "(extract(epoch from floor_time) * 1000)::bigint"),
                "a row without an event time: its processing time");
        assertEquals(InboxRetention.SLICE, floor(consumer, topic, 2, "floor_offset"));

        List<String> applied = new ArrayList<>();
        // replays: the old records again, at their offsets with their times, under their ids or another
        assertFalse(inbox.process(consumer, record(topic, 0, 3, oldIds.get(3), eventTime), e -> applied.add(e.id())));
        assertFalse(inbox.process(consumer, record(topic, 0, 9, "another-" + UUID.randomUUID(), eventTime),
                e -> applied.add(e.id())));
        assertFalse(inbox.process(consumer, record(topic, 1, 7, UUID.randomUUID().toString(), processed.minusSeconds(1)),
                e -> applied.add(e.id())));
        assertEquals(List.of(), applied, "nothing below a floor is applied twice");
        // the row within the retention still stops a copy of its event under a new offset
        assertFalse(inbox.process(consumer, record(topic, 0, 12, recent, now), e -> applied.add(e.id())));
        assertEquals(List.of(), applied);

        String above = UUID.randomUUID().toString();
        String newer = UUID.randomUUID().toString();
        String untimed = UUID.randomUUID().toString();
        String otherPartition = UUID.randomUUID().toString();
        assertTrue(inbox.process(consumer, record(topic, 0, 10, above, eventTime), e -> applied.add(e.id())),
                "above the floor");
        assertTrue(inbox.process(consumer, record(topic, 0, 4, newer, now), e -> applied.add(e.id())),
                "an old offset with a time after the floor's: a topic created again");
        assertTrue(inbox.process(consumer, record(topic, 0, 5, untimed, null), e -> applied.add(e.id())),
                "no ce_time: only its own row decides");
        assertTrue(inbox.process(consumer, record(topic, 3, 0, otherPartition, eventTime), e -> applied.add(e.id())),
                "a partition without a floor");
        assertEquals(List.of(above, newer, untimed, otherPartition), applied);
        assertEquals(0, retention.forgetProcessedBefore(now.minus(RETENTION)), "a second run forgets nothing more");
        assertEquals(9, floor(consumer, topic, 0, "floor_offset"), "and leaves the floor where it was");
    }

    private static String row(Connection c, String consumer, String topic, int partition, long offset, Instant eventTime,
                              Instant processedAt) throws SQLException {
        String id = UUID.randomUUID().toString();
        try (PreparedStatement insert = c.prepareStatement("""
                insert into processed_event (consumer, event_id, event_type, topic, kafka_partition, kafka_offset,
                                             event_time, processed_at)
                values (?, ?, 'org.safepolicing.test.thing', ?, ?, ?, ?, ?)""")) {
            insert.setString(1, consumer);
            insert.setString(2, id);
            insert.setString(3, topic);
            insert.setInt(4, partition);
            insert.setLong(5, offset);
            insert.setTimestamp(6, eventTime == null ? null : Timestamp.from(eventTime));
            insert.setTimestamp(7, Timestamp.from(processedAt));
            insert.executeUpdate();
        }
        return id;
    }

    private static ConsumerRecord<String, String> record(String topic, int partition, long offset, String id, Instant time) {
        ConsumerRecord<String, String> r = new ConsumerRecord<>(topic, partition, offset, "key-" + partition, "{\"seq\":1}");
        r.headers().add(CloudEventHeaders.SPEC_VERSION, TestEvents.bytes("1.0"));
        r.headers().add(CloudEventHeaders.ID, TestEvents.bytes(id));
        r.headers().add(CloudEventHeaders.SOURCE, TestEvents.bytes("/platform-test"));
        r.headers().add(CloudEventHeaders.TYPE, TestEvents.bytes("org.safepolicing.test.thing"));
        if (time != null) {
            r.headers().add(CloudEventHeaders.TIME, TestEvents.bytes(time.toString()));
        }
        return r;
    }

    private long floor(String consumer, String topic, int partition, String column) throws SQLException {
        return count("select " + column + " from inbox_floor where consumer = ? and topic = ? and kafka_partition = ?",
                consumer, topic, partition);
    }

    private long count(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                select.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                assertTrue(rs.next(), "a row for " + sql);
                return rs.getLong(1);
            }
        }
    }
}
