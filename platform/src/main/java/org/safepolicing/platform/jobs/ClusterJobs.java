package org.safepolicing.platform.jobs;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

/**
 * The one way a service runs a scheduled job that must run on one replica at a time (expiring credentials and
 * certification terms, marking delinquent reporting periods, ...).
 *
 * <p>The job runs inside one database transaction that first takes a PostgreSQL transaction-level advisory lock
 * named after the job. A replica that finds the lock taken skips this round; the lock goes with the transaction, so
 * a crashed replica never holds it. Because the job's effects (state changes, outbox rows, audit rows) commit with
 * the same transaction, a job that fails half-way leaves nothing behind and the next round does the work again.
 * Write jobs so that running them twice changes nothing the second time (select what is due, change it, done).
 *
 * <pre>{@code
 * @Scheduled(every = "{credentials.expiry.every:1m}", concurrentExecution = SKIP)
 * void expire() { jobs.runExclusively("credentials.expiry", () -> credentials.expireDue(LocalDate.now(clock))); }
 * }</pre>
 */
@ApplicationScoped
public class ClusterJobs {

    private static final Logger LOG = Logger.getLogger(ClusterJobs.class);
    private static final String LOCK_SQL = "select pg_try_advisory_xact_lock(hashtext(:name))";

    private final EntityManager em;

    ClusterJobs(EntityManager em) {
        this.em = em;
    }

    /**
     * Runs {@code job} if no other replica is running the job of this name, in one transaction.
     *
     * @return the job's result, or {@code null} when another replica holds the job this round
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public <T> T runExclusively(String jobName, Supplier<T> job) {
        Boolean locked = (Boolean) em.createNativeQuery(LOCK_SQL).setParameter("name", "safe-policing.job." + jobName)
                .getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            LOG.debugf("job %s is running on another replica; skipped this round", jobName);
            return null;
        }
        return job.get();
    }

    /** Like {@link #runExclusively(String, Supplier)} for a job without a result; {@code true} when it ran here. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean runExclusively(String jobName, Runnable job) {
        Boolean locked = (Boolean) em.createNativeQuery(LOCK_SQL).setParameter("name", "safe-policing.job." + jobName)
                .getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            LOG.debugf("job %s is running on another replica; skipped this round", jobName);
            return false;
        }
        job.run();
        return true;
    }
}
