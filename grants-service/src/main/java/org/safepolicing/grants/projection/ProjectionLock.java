package org.safepolicing.grants.projection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Serializes projection updates across both channels and all replicas. A body event re-decides agencies whose
 * credential events arrive on other partitions; holding one lock per transaction means each decision sees every
 * committed fact, and no two transactions decide the same agency at once.
 */
@ApplicationScoped
public class ProjectionLock {

    private static final String LOCK_SQL = "select 1 from pg_advisory_xact_lock(hashtext('safe-policing.grants-projection'))";

    private final EntityManager em;

    ProjectionLock(EntityManager em) {
        this.em = em;
    }

    /** Held until the current transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void hold() {
        em.createNativeQuery(LOCK_SQL).getSingleResult();
    }
}
