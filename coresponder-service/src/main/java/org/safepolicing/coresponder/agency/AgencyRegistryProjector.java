package org.safepolicing.coresponder.agency;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.safepolicing.contracts.Ori;
import org.safepolicing.coresponder.training.CoverageService;
import org.safepolicing.platform.events.AgencyRegistryCopy;

/**
 * Applies the newest snapshots of a batch ({@link AgencyRegistryCopy} checked them against the contract and dropped
 * older ones) to the local agency table in one statement, then lets training coverage follow the agencies that are new
 * or whose sworn count changed.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AgencyRegistryProjector {

    private final EntityManager em;
    private final CoverageService coverage;

    AgencyRegistryProjector(EntityManager em, CoverageService coverage) {
        this.em = em;
        this.coverage = coverage;
    }

    public void upsert(List<AgencyRegistryCopy.Snapshot> snapshots) {
        String[] oris = snapshots.stream().map(AgencyRegistryCopy.Snapshot::ori).toArray(String[]::new);
        @SuppressWarnings("unchecked")
        List<Object[]> stored = em.createNativeQuery("select ori, sworn_officers from agency where ori = any(?1)")
                .setParameter(1, oris).getResultList();
        Map<String, Integer> swornBefore = new HashMap<>();
        stored.forEach(row -> swornBefore.put((String) row[0], row[1] == null ? null : ((Number) row[1]).intValue()));
        em.createNativeQuery("""
                        insert into agency (ori, name, agency_type, state, sworn_officers, population_served, active,
                                            last_event_id, last_sequence, updated_at)
                        select a.ori, a.name, a.agency_type, a.state, a.sworn_officers, a.population_served, a.active,
                               a.last_event_id, a.last_sequence, now()
                          from unnest(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                               as a(ori, name, agency_type, state, sworn_officers, population_served, active,
                                    last_event_id, last_sequence)
                        on conflict (ori) do update set name = excluded.name, agency_type = excluded.agency_type,
                            state = excluded.state, sworn_officers = excluded.sworn_officers,
                            population_served = excluded.population_served, active = excluded.active,
                            last_event_id = excluded.last_event_id, last_sequence = excluded.last_sequence,
                            updated_at = excluded.updated_at""")
                .setParameter(1, oris)
                .setParameter(2, snapshots.stream().map(s -> s.agency().name()).toArray(String[]::new))
                // a type this build does not know yet is kept as text
                .setParameter(3, snapshots.stream().map(s -> s.event().data().get("type").asText()).toArray(String[]::new))
                .setParameter(4, snapshots.stream().map(s -> Ori.state(s.ori())).toArray(String[]::new))
                .setParameter(5, snapshots.stream().map(s -> s.agency().swornOfficers()).toArray(Integer[]::new))
                .setParameter(6, snapshots.stream().map(s -> s.agency().populationServed()).toArray(Long[]::new))
                .setParameter(7, snapshots.stream().map(s -> s.agency().active()).toArray(Boolean[]::new))
                .setParameter(8, snapshots.stream().map(s -> s.event().id()).toArray(String[]::new))
                .setParameter(9, snapshots.stream().map(s -> s.event().sequence()).toArray(Long[]::new))
                .executeUpdate();
        List<String> changed = snapshots.stream()
                .filter(s -> !swornBefore.containsKey(s.ori())
                        || !Objects.equals(swornBefore.get(s.ori()), s.agency().swornOfficers()))
                .map(AgencyRegistryCopy.Snapshot::ori).toList();
        coverage.refreshAll(changed);
    }
}
