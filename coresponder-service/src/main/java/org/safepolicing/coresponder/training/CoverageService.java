package org.safepolicing.coresponder.training;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
        return refreshAll(List.of(ori)).get(0);
    }

    /**
     * Recomputes the coverage of each agency and publishes those that changed (a registry batch's agencies: one
     * statement for the locks, one for all counts). Returns them in ORI order.
     */
    public List<Coverage> refreshAll(Collection<String> oris) {
        String[] sorted = oris.stream().distinct().sorted().toArray(String[]::new);
        if (sorted.length == 0) {
            return List.of();
        }
        // One agency's coverage is decided by one transaction at a time, so two batches cannot both publish a stale
        // count; the locks are taken in ORI order, so two transactions locking several cannot deadlock.
        em.createNativeQuery("""
                        select 1 from unnest(?1) as k(ori),
                               lateral pg_advisory_xact_lock(hashtext('coresponder.coverage.' || k.ori))""")
                .setParameter(1, sorted).getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select k.ori,
                               (select count(distinct t.officer_ref) from training_completion t where t.ori = k.ori),
                               (select a.sworn_officers from agency a where a.ori = k.ori),
                               c.trained_officers, c.sworn_officers
                          from unnest(?1) with ordinality as k(ori, n)
                          left join training_coverage c on c.ori = k.ori
                         order by k.n""")
                .setParameter(1, sorted).getResultList();
        List<Coverage> coverages = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            String ori = (String) row[0];
            Coverage now = Coverage.of(ori, ((Number) row[1]).intValue(), row[2] == null ? 0 : ((Number) row[2]).intValue());
            Coverage published = row[3] == null ? null
                    : Coverage.of(ori, ((Number) row[3]).intValue(), ((Number) row[4]).intValue());
            if (now.toPublishAfter(published)) {
                publish(now);
            }
            coverages.add(now);
        }
        return coverages;
    }

    private void publish(Coverage now) {
        Instant at = Instant.now();
        em.createNativeQuery("""
                        insert into training_coverage (ori, trained_officers, sworn_officers, coverage, changed_at)
                        values (?1, ?2, ?3, ?4, ?5)
                        on conflict (ori) do update set trained_officers = excluded.trained_officers,
                            sworn_officers = excluded.sworn_officers, coverage = excluded.coverage, changed_at = excluded.changed_at""")
                .setParameter(1, now.ori()).setParameter(2, now.trainedOfficers()).setParameter(3, now.swornOfficers())
                .setParameter(4, now.coverage()).setParameter(5, at).executeUpdate();
        events.publish(Topics.CORESPONDER_EVENTS, EventTypes.TRAINING_COVERAGE_CHANGED, "agency", now.ori(),
                new TrainingCoverageChanged(now.ori(), now.trainedOfficers(), now.swornOfficers(), now.coverage(), at));
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
