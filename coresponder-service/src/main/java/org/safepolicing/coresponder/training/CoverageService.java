package org.safepolicing.coresponder.training;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.contracts.events.TrainingCoverageChanged;
import org.safepolicing.platform.events.EventPublisher;

/**
 * Computes an agency's coverage and publishes TrainingCoverageChanged when it differs from what was last published.
 * An agency that has never recorded a completion publishes nothing (18,000 registry entries do not become 18,000
 * zero-coverage events).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class CoverageService {

    private final EntityManager em;
    private final EventPublisher events;

    CoverageService(EntityManager em, EventPublisher events) {
        this.em = em;
        this.events = events;
    }

    /** The coverage as it is now. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Coverage current(String ori) {
        return Coverage.of(ori, trained(ori), sworn(ori));
    }

    /** Recomputes the agency's coverage and publishes it if it changed; returns it. */
    public Coverage refresh(String ori) {
        // one agency's coverage is decided by one transaction at a time, so two batches cannot both publish a stale count
        em.createNativeQuery("select 1 from pg_advisory_xact_lock(hashtext(?1))").setParameter(1, "coresponder.coverage." + ori)
                .getSingleResult();
        Coverage now = current(ori);
        @SuppressWarnings("unchecked")
        List<Object[]> last = em.createNativeQuery("select trained_officers, sworn_officers from training_coverage where ori = ?1")
                .setParameter(1, ori).getResultList();
        Coverage published = last.isEmpty() ? null
                : Coverage.of(ori, ((Number) last.get(0)[0]).intValue(), ((Number) last.get(0)[1]).intValue());
        if (!now.toPublishAfter(published)) {
            return now;
        }
        Instant at = Instant.now();
        em.createNativeQuery("""
                        insert into training_coverage (ori, trained_officers, sworn_officers, coverage, changed_at)
                        values (?1, ?2, ?3, ?4, ?5)
                        on conflict (ori) do update set trained_officers = excluded.trained_officers,
                            sworn_officers = excluded.sworn_officers, coverage = excluded.coverage, changed_at = excluded.changed_at""")
                .setParameter(1, ori).setParameter(2, now.trainedOfficers()).setParameter(3, now.swornOfficers())
                .setParameter(4, now.coverage()).setParameter(5, at).executeUpdate();
        events.publish(Topics.CORESPONDER_EVENTS, EventTypes.TRAINING_COVERAGE_CHANGED, "agency", ori,
                new TrainingCoverageChanged(ori, now.trainedOfficers(), now.swornOfficers(), now.coverage(), at));
        return now;
    }

    private int trained(String ori) {
        return ((Number) em.createNativeQuery("select count(distinct officer_ref) from training_completion where ori = ?1")
                .setParameter(1, ori).getSingleResult()).intValue();
    }

    private int sworn(String ori) {
        @SuppressWarnings("unchecked")
        List<Object> sworn = em.createNativeQuery("select sworn_officers from agency where ori = ?1").setParameter(1, ori)
                .getResultList();
        return sworn.isEmpty() || sworn.get(0) == null ? 0 : ((Number) sworn.get(0)).intValue();
    }
}
