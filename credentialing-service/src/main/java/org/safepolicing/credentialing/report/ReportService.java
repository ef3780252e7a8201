package org.safepolicing.credentialing.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import org.safepolicing.platform.audit.AuditTrail;
import org.safepolicing.platform.problem.ProblemException;

/** Reports for bodies and DOJ: computed from the stored state, or read from a closed year's frozen rows. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ReportService {

    private final EntityManager em;
    private final BodyService bodies;
    private final AuditTrail audit;

    ReportService(EntityManager em, BodyService bodies, AuditTrail audit) {
        this.em = em;
        this.bodies = bodies;
        this.audit = audit;
    }

    /** The body's list on one day (the live view is today's). */
    public EligibleAgenciesReport eligibleAgencies(UUID bodyId, LocalDate asOf) {
        CredentialingBody body = bodies.get(bodyId);
        List<EligibleAgenciesReport.Entry> entries = compute(body, asOf, asOf);
        return new EligibleAgenciesReport(body.id, body.name, body.status, body.termEnd, null, asOf, asOf, false, null, null,
                entries.size(), entries);
    }

    /**
     * The body's list for a year: the frozen snapshot once DOJ closed the year, else computed live for January 1 to the
     * end of the year or {@code today}, whichever comes first.
     */
    public EligibleAgenciesReport eligibleAgenciesForYear(UUID bodyId, int year, LocalDate today) {
        CredentialingBody body = bodies.get(bodyId);
        checkYear(year, today);
        EligibleAgenciesReport closed = snapshot(body, year);
        if (closed != null) {
            return closed;
        }
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = yearEnd(year, today);
        List<EligibleAgenciesReport.Entry> entries = compute(body, from, to);
        return new EligibleAgenciesReport(body.id, body.name, body.status, body.termEnd, year, from, to, false, null, null,
                entries.size(), entries);
    }

    /**
     * DOJ closes a body's year: the year's list as of now is stored as a dated snapshot, never recomputed; a second
     * closure is a 409. A year that has not begun cannot be closed; the current year can (its list then runs to today,
     * stated policy), a past one runs to December 31.
     */
    @Transactional
    public EligibleAgenciesReport closeYear(UUID bodyId, int year, LocalDate today, String closedBy) {
        CredentialingBody body = em.find(CredentialingBody.class, bodyId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (body == null) {
            throw ProblemException.notFound("credentialing body", bodyId);
        }
        checkYear(year, today);
        if (snapshot(body, year) != null) {
            throw ProblemException.conflict("year-already-closed", "the eligible list of body " + bodyId + " for " + year
                    + " was already closed").with("year", year);
        }
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = yearEnd(year, today);
        List<EligibleAgenciesReport.Entry> entries = compute(body, from, to);
        Instant now = Instant.now();
        em.createNativeQuery("""
                        insert into eligible_list_closure (body_id, year, list_from, list_to, closed_at, closed_by, entries)
                        values (:b, :y, :f, :t, :at, :by, :n)""")
                .setParameter("b", bodyId).setParameter("y", year).setParameter("f", from).setParameter("t", to)
                .setParameter("at", java.sql.Timestamp.from(now)).setParameter("by", closedBy).setParameter("n", entries.size())
                .executeUpdate();
        int position = 0;
        for (EligibleAgenciesReport.Entry e : entries) {
            em.createNativeQuery("""
                            insert into eligible_list_entry (body_id, year, position, ori, name, agency_type, state, county,
                              credential_id, status, standards_version, sought_at, valid_from, valid_until, topics_not_met,
                              topics_not_assessed)
                            values (:b, :y, :p, :ori, :name, :type, :state, cast(:county as text), :c, :status, :v, :sought,
                              cast(cast(:vf as text) as date), cast(cast(:vu as text) as date),
                              cast(cast(:tnm as text) as text[]), cast(cast(:tna as text) as text[]))""")
                    .setParameter("b", bodyId).setParameter("y", year).setParameter("p", ++position)
                    .setParameter("ori", e.ori()).setParameter("name", e.name()).setParameter("type", e.type().name())
                    .setParameter("state", e.state()).setParameter("county", e.county()).setParameter("c", e.credentialId())
                    .setParameter("status", e.status().name()).setParameter("v", e.standardsVersion())
                    .setParameter("sought", java.sql.Timestamp.from(e.soughtAt()))
                    .setParameter("vf", e.validFrom() == null ? null : e.validFrom().toString())
                    .setParameter("vu", e.validUntil() == null ? null : e.validUntil().toString())
                    .setParameter("tnm", e.topicFindings() == null ? null : pgArray(e.topicFindings().notMet()))
                    .setParameter("tna", e.topicFindings() == null ? null : pgArray(e.topicFindings().notAssessed()))
                    .executeUpdate();
        }
        audit.record("report.eligible-agencies.close-year", "credentialing-body", bodyId + "/" + year, AuditTrail.SUCCESS);
        return snapshot(body, year);
    }

    private List<EligibleAgenciesReport.Entry> compute(CredentialingBody body, LocalDate from, LocalDate to) {
        List<EligibleAgenciesReport.Entry> entries = new ArrayList<>();
        if (EligibilityWindow.bodyUntil(body) == null) {
            return List.of();
        }
        List<Object[]> rows = em.createQuery("""
                        select c, a from AgencyCredential c, Agency a
                        where a.ori = c.ori and c.bodyId = :body and a.active = true and c.soughtAt < :before
                        order by a.state, a.ori, c.soughtAt""", Object[].class)
                .setParameter("body", body.id)
                .setParameter("before", to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()).getResultList();
        for (Object[] row : rows) {
            AgencyCredential c = (AgencyCredential) row[0];
            Agency a = (Agency) row[1];
            LocalDate last = EligibilityWindow.lastCommonDay(c, body, from, to);
            if (last != null) {
                entries.add(new EligibleAgenciesReport.Entry(a.ori, a.name, a.type, a.state, a.county, c.id,
                        EligibilityWindow.statusOn(c, last), c.standardsVersion, c.soughtAt, c.validFrom, c.validUntil,
                        TopicFindings.of(c)));
            }
        }
        return List.copyOf(entries);
    }

    @SuppressWarnings("unchecked")
    private EligibleAgenciesReport snapshot(CredentialingBody body, int year) {
        List<Object[]> head = em.createNativeQuery("""
                        select list_from, list_to, closed_at, closed_by from eligible_list_closure where body_id = :b and year = :y""")
                .setParameter("b", body.id).setParameter("y", year).getResultList();
        if (head.isEmpty()) {
            return null;
        }
        Object[] h = head.get(0);
        List<Object[]> rows = em.createNativeQuery("""
                        select ori, name, agency_type, state, county, credential_id, status, standards_version, sought_at,
                               valid_from, valid_until, topics_not_met, topics_not_assessed
                        from eligible_list_entry where body_id = :b and year = :y order by position""")
                .setParameter("b", body.id).setParameter("y", year).getResultList();
        List<EligibleAgenciesReport.Entry> entries = new ArrayList<>();
        for (Object[] r : rows) {
            TopicFindings topics = r[11] == null && r[12] == null ? null
                    : new TopicFindings(List.of(), strings(r[11]), List.of(), strings(r[12]));
            entries.add(new EligibleAgenciesReport.Entry((String) r[0], (String) r[1], AgencyType.valueOf((String) r[2]),
                    (String) r[3], (String) r[4], (UUID) r[5], CredentialStatus.valueOf((String) r[6]), (String) r[7],
                    instant(r[8]), localDate(r[9]), localDate(r[10]), topics));
        }
        return new EligibleAgenciesReport(body.id, body.name, body.status, body.termEnd, year, localDate(h[0]), localDate(h[1]),
                true, instant(h[2]), (String) h[3], entries.size(), List.copyOf(entries));
    }

    private static void checkYear(int year, LocalDate today) {
        if (year < 2020 || year > today.getYear()) {
            throw ProblemException.unprocessable("year-out-of-range", "year " + year + " is not between 2020 (the order) and "
                    + today.getYear() + " (the current year)").with("year", year);
        }
    }

    private static LocalDate yearEnd(int year, LocalDate today) {
        LocalDate end = LocalDate.of(year, 12, 31);
        return end.isAfter(today) ? today : end;
    }

    private static String pgArray(List<String> codes) {
        return "{" + String.join(",", codes) + "}";
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String[] a) {
            return List.of(a);
        }
        if (value instanceof Object[] a) {
            return java.util.Arrays.stream(a).map(String::valueOf).toList();
        }
        try {
            return List.of((String[]) ((java.sql.Array) value).getArray());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LocalDate localDate(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        throw new IllegalStateException("unexpected date type " + value.getClass());
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
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
