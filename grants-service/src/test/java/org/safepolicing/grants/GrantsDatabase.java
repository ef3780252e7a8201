package org.safepolicing.grants;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import static org.awaitility.Awaitility.await;

import org.safepolicing.grants.projection.ProjectionChannels;

/** Direct reads of the service's database, for facts the API does not show (history rows, the inbox, the outbox). */
final class GrantsDatabase {

    private final DataSource dataSource;

    GrantsDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    long count(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    String text(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void execute(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long historyRows(String ori) {
        return count("select count(*) from eligibility_history where ori = ?", ori);
    }

    long eligibilityEventsWritten(String ori) {
        return count("select count(*) from outbox_event where aggregate_key = ? and topic = 'grants.eligibility.v1'", ori);
    }

    /** Waits until the projection's inbox has taken the event (applied, ignored as late, or skipped as unknown). */
    void awaitProcessed(String eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from processed_event where consumer = ? and event_id = ?",
                ProjectionChannels.CONSUMER, eventId) == 1);
    }
}
