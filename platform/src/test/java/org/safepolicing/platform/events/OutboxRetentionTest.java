package org.safepolicing.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.testing.SuiteServers;

/**
 * Published rows older than the retention go, in slices; a recent published row, a parked one and the rows of the
 * relay's own work stay.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "platform"))
@QuarkusTestResource(TestTopics.class)
class OutboxRetentionTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxRetention retention;

    @Test
    void publishedRowsOlderThanTheRetentionAreDeletedAndNothingElse() throws SQLException {
        String key = "retention-" + UUID.randomUUID();
        int old = OutboxRetention.SLICE + 1; // more than one slice
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            insert(c, key, "PUBLISHED", old, "now() - interval '8 days'");
            insert(c, key, "PUBLISHED", 1, "now() - interval '1 day'");
            insert(c, key, "PARKED", 1, "null");
            c.commit();
        }

        long deleted = retention.forgetPublishedBefore(Instant.now().minus(Duration.ofDays(7)));

        assertEquals(old, deleted, "only the old published rows (the other tests' rows are recent)");
        assertEquals(0, count(key, "PUBLISHED", "published_at < now() - interval '7 days'"));
        assertEquals(1, count(key, "PUBLISHED", "published_at >= now() - interval '7 days'"));
        assertEquals(1, count(key, "PARKED", "true"));
        assertEquals(0, retention.forgetPublishedBefore(Instant.now().minus(Duration.ofDays(7))), "a second run: nothing");
    }

    private static void insert(Connection c, String key, String status, int rows, String publishedAt) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                insert into outbox_event (id, topic, event_type, aggregate_type, aggregate_key, payload, occurred_at, status,
                                          published_at)
                select gen_random_uuid(), 'platform-test.retention.v1', 'org.safepolicing.test.retention', 'test', ?,
                       '{}'::jsonb, now() - interval '9 days', ?, %s
                  from generate_series(1, ?)""".formatted(publishedAt))) {
            insert.setString(1, key);
            insert.setString(2, status);
            insert.setInt(3, rows);
            insert.executeUpdate();
        }
    }

    private long count(String key, String status, String condition) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "select count(*) from outbox_event where aggregate_key = ? and status = ? and " + condition)) {
            select.setString(1, key);
            select.setString(2, status);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
