package org.safepolicing.grants.projection;

import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

/**
 * Orders projection updates and eligibility decisions across channels and replicas, with PostgreSQL advisory locks
 * held until the transaction ends.
 * <ul>
 * <li>{@link #forAgency}: a change that concerns one agency (its registry entry, credential, reporting, co-responder
 * programs, training, an application or award) takes the shared projection lock and that agency's own lock. Changes
 * of different agencies run in parallel; two of the same agency take turns.</li>
 * <li>{@link #forAll}: a change that re-decides many agencies at once (a body's standing, a program's terms, a
 * rebuild) takes the projection lock exclusively, so it waits for every agency change in flight and each decision
 * sees every committed fact.</li>
 * <li>{@link #forSurveyReport}: a survey report concerns no agency; it takes the shared projection lock only, so a
 * rebuild does not empty the projection under it.</li>
 * </ul>
 * A single agency change takes at most one agency lock. A batch of events ({@link #forBatch}) takes every lock it will
 * need at its start, in one fixed order (the exclusive projection lock when it holds a body change, else the shared
 * one; then the agencies' locks in sorted order), so two batches, or a batch and an agency change, cannot deadlock.
 */
@ApplicationScoped
public class ProjectionLock {

    private static final String ALL_SHARED = "select 1 from pg_advisory_xact_lock_shared(hashtext('safe-policing.grants-projection'))";
    private static final String ALL_EXCLUSIVE = "select 1 from pg_advisory_xact_lock(hashtext('safe-policing.grants-projection'))";
    /** The two-key form is a key space of its own, apart from the one-key projection lock. */
    private static final String AGENCY = "select 1 from pg_advisory_xact_lock(20261, hashtext(?1))";
    /** Many agencies' locks in one statement, in sorted order. */
    private static final String AGENCIES = """
            select count(*) from (select pg_advisory_xact_lock(20261, hashtext(k))
              from (select distinct k from unnest(?::text[]) k order by k) keys) locked""";

    private final EntityManager em;
    private final HeldLocks held;

    ProjectionLock(EntityManager em, HeldLocks held) {
        this.em = em;
        this.held = held;
    }

    /** Held until the current transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forAgency(String ori) {
        if (!held.projection()) {
            em.createNativeQuery(ALL_SHARED).getSingleResult();
            held.heldShared();
        }
        if (held.add(ori)) {
            em.createNativeQuery(AGENCY).setParameter(1, ori).getSingleResult();
        }
    }

    /** Held until the current transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forAll() {
        if (!held.exclusive()) {
            em.createNativeQuery(ALL_EXCLUSIVE).getSingleResult();
            held.heldExclusive();
        }
    }

    /**
     * The locks of a batch of events, taken before the first is applied: the projection lock (exclusive when
     * {@code exclusive}, because an event of the batch re-decides many agencies), then each key's agency lock in sorted
     * order. The projectors' own calls later in the same transaction find them held (advisory locks are re-entrant).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forBatch(boolean exclusive, Collection<String> keys) {
        if (exclusive) {
            forAll();
        } else if (!held.projection()) {
            em.createNativeQuery(ALL_SHARED).getSingleResult();
            held.heldShared();
        }
        String[] fresh = keys.stream().filter(Objects::nonNull).distinct().filter(held::add).toArray(String[]::new);
        if (fresh.length > 0) {
            em.unwrap(Session.class).doWork(c -> {
                try (PreparedStatement lock = c.prepareStatement(AGENCIES)) {
                    lock.setArray(1, c.createArrayOf("text", fresh));
                    lock.executeQuery().close();
                }
            });
        }
    }

    /** Held until the current transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forSurveyReport() {
        if (!held.projection()) {
            em.createNativeQuery(ALL_SHARED).getSingleResult();
            held.heldShared();
        }
    }
}
