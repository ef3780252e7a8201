package org.safepolicing.coresponder.capacity;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Clinician capacity per agency and per state, from programs and the local agency registry. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CapacityService {

    private static final String CLINICIANS = """
            select count(distinct p.id), count(c.position),
                   count(c.position) filter (where c.clinician_type = 'SOCIAL_WORKER'), coalesce(sum(c.weekly_hours), 0)
            from coresponder_program p left join program_clinician c on c.program_id = p.id
            where p.status = 'ACTIVE' and p.ori = ?1""";
    private static final String STATES = """
            with clin as (
                select substring(p.ori, 1, 2) as state, count(distinct p.id) as programs, count(c.position) as clinicians,
                       count(c.position) filter (where c.clinician_type = 'SOCIAL_WORKER') as social_workers,
                       coalesce(sum(c.weekly_hours), 0) as hours
                from coresponder_program p left join program_clinician c on c.program_id = p.id
                where p.status = 'ACTIVE' and p.ori is not null group by 1),
            ag as (
                select state, count(*) as agencies, sum(sworn_officers) as sworn, sum(population_served) as population
                from agency where active group by state)
            select coalesce(ag.state, clin.state) as state, ag.agencies, ag.sworn, ag.population,
                   coalesce(clin.programs, 0), coalesce(clin.clinicians, 0), coalesce(clin.social_workers, 0),
                   coalesce(clin.hours, 0)
            from ag full join clin on ag.state = clin.state
            where cast(?1 as text) is null or coalesce(ag.state, clin.state) = cast(?1 as text)
            order by 1""";

    private final EntityManager em;

    CapacityService(EntityManager em) {
        this.em = em;
    }

    public Capacity agency(String ori) {
        Object[] c = (Object[]) em.createNativeQuery(CLINICIANS).setParameter(1, ori).getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> agency = em.createNativeQuery("select agency_type, sworn_officers, population_served from agency where ori = ?1")
                .setParameter(1, ori).getResultList();
        Object[] a = agency.isEmpty() ? new Object[3] : agency.get(0);
        return Capacity.of(ori, ori.substring(0, 2), (String) a[0], null, longOrNull(a[1]), longOrNull(a[2]),
                num(c[0]), num(c[1]), num(c[2]), ((Number) c[3]).longValue());
    }

    public List<Capacity> states(String state) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(STATES).setParameter(1, state).getResultList();
        return rows.stream().map(r -> Capacity.of(null, (String) r[0], null, r[1] == null ? 0 : num(r[1]),
                longOrNull(r[2]), longOrNull(r[3]), num(r[4]), num(r[5]), num(r[6]), ((Number) r[7]).longValue())).toList();
    }

    private static int num(Object o) {
        return o == null ? 0 : ((Number) o).intValue();
    }

    private static Long longOrNull(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }
}
