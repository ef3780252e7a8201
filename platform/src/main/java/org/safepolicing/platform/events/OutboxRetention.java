package org.safepolicing.platform.events;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;

import org.jboss.logging.Logger;

/**
 * Deletes outbox rows Kafka acknowledged more than {@code platform.outbox.retention} ago (default 7 days), hourly.
 * Once PUBLISHED a row is read by nothing (the relay reads PENDING rows, readiness counts PENDING and PARKED ones): the
 * event lives on in its topic. Kept forever, the table grew by every event the service ever published (573,493 rows,
 * 386 MB in credentialing's after a few days of benches) and pushed the hot rows out of PostgreSQL's buffers. PENDING
 * and PARKED rows are never deleted. Deletes in slices of {@value #SLICE} rows, each its own transaction, so no long
 * lock is held; safe on every replica at once (a delete of what is old changes nothing the second time).
 */
@ApplicationScoped
public class OutboxRetention {

    static final int SLICE = 10_000;
    private static final Logger LOG = Logger.getLogger(OutboxRetention.class);
    private static final String DELETE_SQL = """
            delete from outbox_event where id in (
              select id from outbox_event where status = 'PUBLISHED' and published_at < ? limit ?)""";

    private final AgroalDataSource dataSource;
    private final OutboxConfig config;
    private final Clock clock = Clock.systemUTC();

    OutboxRetention(AgroalDataSource dataSource, OutboxConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() throws SQLException {
        forgetPublishedBefore(clock.instant().minus(config.retention()));
    }

    /** Deletes the rows published before {@code before}; returns how many. */
    long forgetPublishedBefore(Instant before) throws SQLException {
        long deleted = SlicedDelete.olderThan(dataSource, DELETE_SQL, before, SLICE);
        if (deleted > 0) {
            LOG.infof("outbox retention: %d published row(s) older than %s deleted", deleted, config.retention());
        }
        return deleted;
    }
}
