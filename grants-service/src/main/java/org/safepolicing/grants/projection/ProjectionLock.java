package org.safepolicing.grants.projection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

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
 * A transaction takes at most one agency lock, so agency changes cannot deadlock each other.
 */
@ApplicationScoped
public class ProjectionLock {

    private static final String ALL_SHARED = "select 1 from pg_advisory_xact_lock_shared(hashtext('safe-policing.grants-projection'))";
    private static final String ALL_EXCLUSIVE = "select 1 from pg_advisory_xact_lock(hashtext('safe-policing.grants-projection'))";
    /** The two-key form is a key space of its own, apart from the one-key projection lock. */
    private static final String AGENCY = "select 1 from pg_advisory_xact_lock(20261, hashtext(?1))";

    private final EntityManager em;

    ProjectionLock(EntityManager em) {
        this.em = em;
    }

    /** Held until the current transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forAgency(String ori) {
        em.createNativeQuery(ALL_SHARED).getSingleResult();
        em.createNativeQuery(AGENCY).setParameter(1, ori).getSingleResult();
    }

    /** Held until the current transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forAll() {
        em.createNativeQuery(ALL_EXCLUSIVE).getSingleResult();
    }

    /** Held until the current transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forSurveyReport() {
        em.createNativeQuery(ALL_SHARED).getSingleResult();
    }
}
