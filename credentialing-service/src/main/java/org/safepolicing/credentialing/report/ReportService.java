package org.safepolicing.credentialing.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.contracts.events.BodyStatus;
import org.safepolicing.contracts.events.CredentialStatus;
import org.safepolicing.credentialing.agency.Agency;
import org.safepolicing.credentialing.body.BodyService;
import org.safepolicing.credentialing.body.CredentialingBody;
import org.safepolicing.credentialing.credential.AgencyCredential;
import org.safepolicing.credentialing.credential.TopicFindings;

/** Reports for bodies and DOJ, read from the current state. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ReportService {

    private final EntityManager em;
    private final BodyService bodies;

    ReportService(EntityManager em, BodyService bodies) {
        this.em = em;
        this.bodies = bodies;
    }

    public EligibleAgenciesReport eligibleAgencies(UUID bodyId, LocalDate asOf) {
        CredentialingBody body = bodies.get(bodyId);
        List<EligibleAgenciesReport.Entry> entries = new ArrayList<>();
        boolean standing = body.status == BodyStatus.CERTIFIED && body.termEnd != null && !body.termEnd.isBefore(asOf);
        if (standing) {
            List<Object[]> rows = em.createQuery("""
                            select c, a from AgencyCredential c, Agency a
                            where a.ori = c.ori and c.bodyId = :body and a.active = true
                            and (c.status = :sought or (c.status = :credentialed and c.supersededBy is null and c.validUntil >= :asOf))
                            order by a.state, a.ori""", Object[].class)
                    .setParameter("body", bodyId).setParameter("sought", CredentialStatus.SOUGHT)
                    .setParameter("credentialed", CredentialStatus.CREDENTIALED).setParameter("asOf", asOf).getResultList();
            for (Object[] row : rows) {
                AgencyCredential c = (AgencyCredential) row[0];
                Agency a = (Agency) row[1];
                entries.add(new EligibleAgenciesReport.Entry(a.ori, a.name, a.type, a.state, a.county, c.id, c.status,
                        c.standardsVersion, c.soughtAt, c.validFrom, c.validUntil, TopicFindings.of(c)));
            }
        }
        return new EligibleAgenciesReport(body.id, body.name, body.status, body.termEnd, asOf, entries.size(), List.copyOf(entries));
    }

    @SuppressWarnings("unchecked")
    public CredentialCounts counts(String state, AgencyType type, LocalDate asOf) {
        List<Object[]> rows = em.createNativeQuery("""
                        select a.state, a.agency_type, coalesce(c.status, 'NONE') as status, count(*)
                        from agency a
                        left join lateral (
                            select ac.status from agency_credential ac where ac.ori = a.ori
                            order by (ac.status = 'CREDENTIALED' and ac.superseded_by is null) desc, ac.sought_at desc limit 1
                        ) c on true
                        where a.active and (cast(:state as text) is null or a.state = cast(:state as text))
                          and (cast(:type as text) is null or a.agency_type = cast(:type as text))
                        group by 1, 2, 3 order by 1, 2, 3""")
                .setParameter("state", state).setParameter("type", type == null ? null : type.name()).getResultList();
        List<CredentialCounts.Row> out = new ArrayList<>();
        Map<String, Long> byStatus = new TreeMap<>();
        long total = 0;
        for (Object[] r : rows) {
            long count = ((Number) r[3]).longValue();
            out.add(new CredentialCounts.Row((String) r[0], (String) r[1], (String) r[2], count));
            byStatus.merge((String) r[2], count, Long::sum);
            total += count;
        }
        return new CredentialCounts(asOf, total, byStatus, List.copyOf(out));
    }
}
