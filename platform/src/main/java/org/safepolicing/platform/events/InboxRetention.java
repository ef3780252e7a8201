package org.safepolicing.platform.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;

import org.jboss.logging.Logger;

/**
 * Forgets {@code processed_event} rows of events processed more than {@code platform.inbox.retention} ago (default 30
 * days), hourly, and keeps what they proved as a floor per consumer, topic and partition ({@code inbox_floor}).
 * <p>Why a floor is enough: a partition's records are processed in offset order, so when the record at offset N was
 * processed, every record before it had been handled (applied, or dead-lettered). The floor is the highest offset among
 * the forgotten rows and the latest {@code ce_time} among them (the processing time for rows stored before event times
 * were); {@link EventInbox} skips a record at or below the offset whose {@code ce_time} is at or before that time. So a
 * consumer group that lost its offsets (Kafka expires a group's offsets after it was empty for
 * {@code offsets.retention.minutes}, 7 days by default) and re-reads a topic that keeps its events for years applies
 * nothing twice, and a topic deleted and created again (offsets from 0, new event times) is not taken for a replay. A
 * record without {@code ce_time} is never skipped by the floor, only by its own row.
 * <p>What the retention bounds: a second copy of an event under a <em>new</em> offset is recognised by its row alone,
 * so only while the row is kept. Such copies come from a producer's relay that crashed between the Kafka commit and the
 * database commit of a batch, and re-sends it when the service runs again; see {@link InboxConfig#retention()}.
 * <p>The floors commit first, then the rows are deleted in slices of {@value #SLICE} ({@link SlicedDelete}), so a row
 * is never gone before the floor that covers it. Safe on every replica at once (floors only rise; deleting what is old
 * changes nothing the second time). One window stays open: a replayed record whose insert began before the floor
 * committed and met its old row while a slice was deleting it would be applied again (both within the same
 * milliseconds, for an event older than the retention).
 */
@ApplicationScoped
public class InboxRetention {

    static final int SLICE = 10_000;
    private static final Logger LOG = Logger.getLogger(InboxRetention.class);
    private static final String FLOOR_SQL = """
            insert into inbox_floor (consumer, topic, kafka_partition, floor_offset, floor_time)
            select consumer, topic, kafka_partition, max(kafka_offset), max(coalesce(event_time, processed_at))
              from processed_event where processed_at < ?
             group by consumer, topic, kafka_partition
            on conflict (consumer, topic, kafka_partition) do update
               set floor_offset = greatest(inbox_floor.floor_offset, excluded.floor_offset),
                   floor_time = greatest(inbox_floor.floor_time, excluded.floor_time)""";
    private static final String DELETE_SQL = """
            delete from processed_event where (consumer, event_id) in (
              select consumer, event_id from processed_event where processed_at < ? limit ?)""";

    private final AgroalDataSource dataSource;
    private final InboxConfig config;
    private final Clock clock = Clock.systemUTC();

    InboxRetention(AgroalDataSource dataSource, InboxConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "15m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() throws SQLException {
        forgetProcessedBefore(clock.instant().minus(config.retention()));
    }

    /** Raises the floors over the rows processed before {@code before}, then deletes those rows; returns how many. */
    long forgetProcessedBefore(Instant before) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement floor = c.prepareStatement(FLOOR_SQL)) {
            c.setAutoCommit(true);
            floor.setTimestamp(1, Timestamp.from(before));
            floor.executeUpdate();
        }
        long deleted = SlicedDelete.olderThan(dataSource, DELETE_SQL, before, SLICE);
        if (deleted > 0) {
            LOG.infof("inbox retention: %d processed event row(s) older than %s forgotten, floors raised", deleted,
                    config.retention());
        }
        return deleted;
    }
}
