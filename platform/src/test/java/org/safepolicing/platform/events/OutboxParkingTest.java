package org.safepolicing.platform.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TopicProbe;

/**
 * Rows Kafka refuses for good are parked with their reason, and the rows behind them, of the same key, go out: one
 * over {@code platform.outbox.max-record-bytes} (3 MB here), one the producer refuses as over its 1 MiB request size,
 * one whose topic name Kafka cannot have.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "platform"))
@QuarkusTestResource(TestTopics.class)
class OutboxParkingTest {

    static final String TOPIC = "platform-test.outbox.v1";
    /** A topic whose broker limit (200 kB) is below the producer's (1 MiB): the broker refuses, for a whole request. */
    static final String SMALL_TOPIC = "platform-test.outbox-small.v1";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxRelay relay;

    @Test
    void aRowKafkaRefusesForGoodIsParkedAndTheRowsBehindItGoOn() throws Exception {
        String key = "park-" + UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID overOurLimit = UUID.randomUUID();
        UUID overKafkasLimit = UUID.randomUUID();
        UUID badTopic = UUID.randomUUID();
        UUID last = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            insert(c, first, TOPIC, key, "{\"n\":1}");
            insert(c, overOurLimit, TOPIC, key, "{\"text\":\"" + "x".repeat(4_000_000) + "\"}");
            insert(c, overKafkasLimit, TOPIC, key, "{\"text\":\"" + "y".repeat(2_000_000) + "\"}");
            insert(c, badTopic, "not a topic name!", key, "{\"n\":2}");
            insert(c, last, TOPIC, key, "{\"n\":3}");
            c.commit();
        }
        relay.wake();

        try (TopicProbe probe = TopicProbe.on(TestTopics.bootstrap(), TOPIC)) {
            probe.await(r -> last.toString().equals(TopicProbe.header(r, CloudEventHeaders.ID)), Duration.ofSeconds(60));
            List<String> ids = probe.all(r -> key.equals(r.key()), Duration.ofSeconds(1)).stream()
                    .map(r -> TopicProbe.header(r, CloudEventHeaders.ID)).distinct().toList();
            // the rows that could go out did, in order; the refused ones never reached the topic
            assertEquals(List.of(first.toString(), last.toString()), ids);
        }
        assertEquals("PUBLISHED", status(first));
        assertEquals("PUBLISHED", status(last));
        assertEquals("PARKED", status(overOurLimit));
        assertTrue(lastError(overOurLimit).contains("more than platform.outbox.max-record-bytes (3000000)"),
                lastError(overOurLimit));
        assertEquals("PARKED", status(overKafkasLimit));
        assertTrue(lastError(overKafkasLimit).startsWith("Kafka refused it for good: RecordTooLargeException"),
                lastError(overKafkasLimit));
        assertEquals("PARKED", status(badTopic));
        assertTrue(lastError(badTopic).startsWith("a topic name Kafka cannot have"), lastError(badTopic));

        // still in service, and readiness says why the outbox is not right
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'event-backbone' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'event-backbone' }.data.outboxParked", greaterThanOrEqualTo(3))
                .body("checks.find { it.name == 'event-backbone' }.data.outbox", equalTo("DEGRADED"))
                .body("checks.find { it.name == 'event-backbone' }.data.status", equalTo("DEGRADED"));
        assertTrue(relay.backlog().parked() >= 3);
        given().when().get("/q/health/ready").then()
                .body("checks.find { it.name == 'event-backbone' }.data.relay", equalTo("UP")); // the relay goes on
    }

    @Test
    void aRecordTheBrokerRefusesIsFoundAmongItsBatchAndParkedAlone() throws Exception {
        String key = "broker-" + UUID.randomUUID();
        UUID before = UUID.randomUUID();
        UUID tooLarge = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            insert(c, before, SMALL_TOPIC, key, "{\"n\":1}");
            insert(c, tooLarge, SMALL_TOPIC, key, "{\"text\":\"" + "z".repeat(500_000) + "\"}");
            insert(c, after, SMALL_TOPIC, key, "{\"n\":2}");
            c.commit();
        }
        relay.wake();

        try (TopicProbe probe = TopicProbe.on(TestTopics.bootstrap(), SMALL_TOPIC)) {
            probe.await(r -> after.toString().equals(TopicProbe.header(r, CloudEventHeaders.ID)), Duration.ofSeconds(60));
            List<String> ids = probe.all(r -> key.equals(r.key()), Duration.ofSeconds(1)).stream()
                    .map(r -> TopicProbe.header(r, CloudEventHeaders.ID)).distinct().toList();
            assertEquals(List.of(before.toString(), after.toString()), ids);
        }
        assertEquals("PUBLISHED", status(before));
        assertEquals("PUBLISHED", status(after));
        assertEquals("PARKED", status(tooLarge));
        assertTrue(lastError(tooLarge).startsWith("Kafka refused it for good: RecordTooLargeException"),
                lastError(tooLarge));
    }

    private static void insert(Connection c, UUID id, String topic, String key, String payload) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                insert into outbox_event (id, topic, event_type, aggregate_type, aggregate_key, payload, occurred_at)
                values (?, ?, 'org.safepolicing.test.parking', 'test', ?, cast(? as jsonb), now())""")) {
            insert.setObject(1, id);
            insert.setString(2, topic);
            insert.setString(3, key);
            insert.setString(4, payload);
            insert.executeUpdate();
        }
    }

    private String status(UUID id) throws SQLException {
        return column("status", id);
    }

    private String lastError(UUID id) throws SQLException {
        return column("last_error", id);
    }

    private String column(String name, UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("select " + name + " from outbox_event where id = ?")) {
            select.setObject(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
