package org.safepolicing.records.reporting;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.contracts.events.ReportingStatus;
import org.safepolicing.contracts.events.ReportingStatusChanged;
import org.safepolicing.platform.audit.AuditTrail;
import org.safepolicing.platform.events.EventPublisher;
import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

/**
 * Reporting compliance (Sec. 3(d)): each agency reports each period its new records or a zero report; a period is
 * due some days after it ends; past due without a report is DELINQUENT. Each change of an agency's standing for a
 * period is a ReportingStatusChanged on records.reporting.v1, keyed by ORI.
 */
@ApplicationScoped
@Transactional
public class ReportingService {

    public record ReportRequest(String period, Boolean zeroReport) {
    }

    public record ReportView(String ori, String period, boolean zeroReport, int recordCount, Instant submittedAt,
                             ReportingStatus status, boolean current) {
    }

    /** One period; {@code revisions} is the report's history (a zero report amended by later records, ...). */
    public record PeriodStanding(String period, LocalDate periodEnd, LocalDate dueDate, ReportingStatus status,
                                 Boolean zeroReport, Integer recordCount, Instant reportedAt, Integer revision,
                                 Instant amendedAt, List<Revision> revisions) {
    }

    public record Revision(int revision, boolean zeroReport, int recordCount, String reason, Instant recordedAt) {
    }

    public record AgencyStanding(String ori, String name, String agencyType, boolean active, boolean current,
                                 List<String> delinquentPeriods) {
    }

    public record AgencyReporting(String ori, boolean current, List<PeriodStanding> periods) {
    }

    public record DelinquencyCheck(LocalDate asOf, List<String> periodsPastDue, int markedDelinquent) {
    }

    private final EntityManager em;
    private final EventPublisher events;
    private final AuditTrail audit;
    private final Caller caller;
    private final ReportingConfig config;
    private final Clock clock;

    ReportingService(EntityManager em, EventPublisher events, AuditTrail audit, Caller caller, ReportingConfig config,
                     Clock clock) {
        this.em = em;
        this.events = events;
        this.audit = audit;
        this.caller = caller;
        this.config = config;
        this.clock = clock;
    }

    ReportingPeriod firstPeriod() {
        return ReportingPeriod.parse(config.firstPeriod(), config.periodMonths());
    }

    public ReportView report(String ori, ReportRequest request) {
        if (request == null || request.period() == null || request.zeroReport() == null) {
            throw ProblemException.badRequest("a report names its period and whether it is a zero report");
        }
        ReportingPeriod period = ReportingPeriod.parse(request.period(), config.periodMonths());
        requireKnown(ori);
        LocalDate today = LocalDate.now(clock);
        if (period.start().isBefore(firstPeriod().start())) {
            throw ProblemException.unprocessable("period-not-required", "reporting starts with " + firstPeriod().name());
        }
        if (period.start().isAfter(today)) {
            throw ProblemException.unprocessable("period-not-started", "period " + period.name() + " has not started");
        }
        long records = ((Number) em.createNativeQuery(
                        "select count(*) from misconduct_record where submitting_ori = ?1 and reporting_period = ?2")
                .setParameter(1, ori).setParameter(2, period.name()).getSingleResult()).longValue();
        if (request.zeroReport() && records > 0) {
            throw ProblemException.unprocessable("records-exist", "agency " + ori + " submitted " + records
                    + " record(s) for " + period.name() + ": a zero report would be false").with("recordCount", records);
        }
        if (!request.zeroReport() && records == 0) {
            throw ProblemException.unprocessable("no-records", "agency " + ori + " submitted no record for "
                    + period.name() + ": submit the records first, or a zero report");
        }
        Instant now = clock.instant();
        int inserted = em.createNativeQuery("""
                insert into reporting_report (ori, period, zero_report, record_count, submitted_at, submitted_by)
                values (?1, ?2, ?3, ?4, ?5, ?6) on conflict do nothing""")
                .setParameter(1, ori).setParameter(2, period.name()).setParameter(3, request.zeroReport())
                .setParameter(4, (int) records).setParameter(5, now).setParameter(6, caller.name()).executeUpdate();
        if (inserted == 0) {
            throw ProblemException.alreadyExists("report of " + ori + " for period", period.name());
        }
        em.createNativeQuery("""
                insert into reporting_report_revision (ori, period, revision, zero_report, record_count, reason,
                                                       recorded_at, recorded_by)
                values (?1, ?2, 1, ?3, ?4, ?5, ?6, ?7)""")
                .setParameter(1, ori).setParameter(2, period.name()).setParameter(3, request.zeroReport())
                .setParameter(4, (int) records).setParameter(5, request.zeroReport() ? "zero report" : "report")
                .setParameter(6, now).setParameter(7, caller.name()).executeUpdate();
        List<?> previousRow = em.createNativeQuery(
                        "select status from reporting_status where ori = ?1 and period = ?2 for update")
                .setParameter(1, ori).setParameter(2, period.name()).getResultList();
        ReportingStatus previous = previousRow.isEmpty() ? ReportingStatus.OPEN : ReportingStatus.valueOf((String) previousRow.get(0));
        em.createNativeQuery("""
                insert into reporting_status (ori, period, status, period_end, due_date, changed_at)
                values (?1, ?2, 'SUBMITTED', ?3, ?4, ?5)
                on conflict (ori, period) do update set status = 'SUBMITTED', changed_at = excluded.changed_at""")
                .setParameter(1, ori).setParameter(2, period.name()).setParameter(3, period.end())
                .setParameter(4, period.dueDate(config.dueDays())).setParameter(5, now).executeUpdate();
        boolean current = isCurrent(ori);
        events.publish(Topics.RECORDS_REPORTING, EventTypes.REPORTING_STATUS_CHANGED, "agency-reporting", ori,
                new ReportingStatusChanged(ori, period.name(), ReportingStatus.SUBMITTED, previous, period.end(),
                        period.dueDate(config.dueDays()), current, now));
        audit.record(request.zeroReport() ? "reporting.zero-report" : "reporting.report", "reporting-period",
                ori + "/" + period.name(), AuditTrail.SUCCESS);
        return new ReportView(ori, period.name(), request.zeroReport(), (int) records, now, ReportingStatus.SUBMITTED, current);
    }

    /**
     * Marks every active agency without a report for a period whose due date is before {@code asOf} DELINQUENT, with
     * one event each, and publishes the first standing of every active agency that has none yet. Running it again
     * changes nothing. Call inside {@code ClusterJobs.runExclusively}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public DelinquencyCheck markDelinquent(LocalDate asOf) {
        List<String> pastDue = new ArrayList<>();
        int marked = markPastDue(asOf, null, pastDue).size();
        List<?> without = em.createNativeQuery("select ori from agency where active and standing_published_at is null")
                .getResultList();
        publishFirstStandings(without.stream().map(String.class::cast).toList(), asOf);
        // the caller when a DOJ admin asked over HTTP, the actor "system" when the timer ran it
        audit.record("reporting.delinquency-check", "reporting", asOf.toString(), AuditTrail.SUCCESS);
        return new DelinquencyCheck(asOf, pastDue, marked);
    }

    /**
     * Marks past-due unreported periods DELINQUENT, for every active agency or only those of {@code only}; one event
     * each. Returns the agency of each period marked (an agency once per period).
     */
    private List<String> markPastDue(LocalDate asOf, Collection<String> only, List<String> pastDue) {
        Instant now = clock.instant();
        List<String> marked = new ArrayList<>();
        for (ReportingPeriod p = firstPeriod(); p.dueDate(config.dueDays()).isBefore(asOf); p = p.next()) {
            pastDue.add(p.name());
            LocalDate due = p.dueDate(config.dueDays());
            // No result class: with String.class every call missed Hibernate 7.2's query plan cache and added another
            // entry under the same hash code, so each lookup compared against ever more colliding entries: 60 % of
            // records-service's CPU while agencies were registered (JFR during bin/suite bench's writes).
            var query = em.createNativeQuery("""
                    insert into reporting_status (ori, period, status, period_end, due_date, changed_at)
                    select a.ori, ?1, 'DELINQUENT', ?2, ?3, ?4 from agency a
                    where a.active and not exists (select 1 from reporting_report r where r.ori = a.ori and r.period = ?1)
                    %s
                    on conflict (ori, period) do nothing
                    returning ori""".formatted(only == null ? "" : "and a.ori = any(?5)"))
                    .setParameter(1, p.name()).setParameter(2, p.end()).setParameter(3, due).setParameter(4, now);
            if (only != null) {
                query.setParameter(5, only.toArray(String[]::new));
            }
            List<?> oris = query.getResultList();
            for (Object ori : oris) {
                events.publish(Topics.RECORDS_REPORTING, EventTypes.REPORTING_STATUS_CHANGED, "agency-reporting",
                        (String) ori, new ReportingStatusChanged((String) ori, p.name(), ReportingStatus.DELINQUENT,
                                ReportingStatus.OPEN, p.end(), due, false, now));
            }
            oris.forEach(ori -> marked.add((String) ori));
        }
        return marked;
    }

    /**
     * Sec. 3(d) conditions grants on reporting, so a grant decision must never guess an agency's standing: as soon as
     * records-service learns of an active agency (from agency-registry.v1) it publishes one. Periods already past due
     * without a report are DELINQUENT at once (the same rule as the delinquency check); when nothing is past due the
     * standing is the first period still to report, OPEN, with its due date and {@code current: true}. Once per
     * agency; in the transaction that stored the agencies. One statement claims those of {@code oris} that need it (a
     * registry batch's agencies are mostly known already), one per past-due period marks them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishFirstStandings(List<String> oris, LocalDate asOf) {
        if (oris.isEmpty()) {
            return;
        }
        List<?> claimedRows = em.createNativeQuery("""
                        update agency set standing_published_at = ?2
                         where ori = any(?1) and active and standing_published_at is null returning ori""")
                .setParameter(1, oris.toArray(String[]::new)).setParameter(2, clock.instant()).getResultList();
        if (claimedRows.isEmpty()) {
            return;
        }
        Set<String> claimed = new HashSet<>();
        claimedRows.forEach(ori -> claimed.add((String) ori));
        List<String> first = oris.stream().filter(claimed::contains).distinct().toList();
        Set<String> delinquent = new HashSet<>(markPastDue(asOf, first, new ArrayList<>()));
        for (String ori : first) {
            if (delinquent.contains(ori)) {
                continue;
            }
            ReportingPeriod p = firstPeriod();
            while (!p.dueDate(config.dueDays()).isAfter(asOf) || reported(ori, p.name())) {
                p = p.next();
            }
            events.publish(Topics.RECORDS_REPORTING, EventTypes.REPORTING_STATUS_CHANGED, "agency-reporting", ori,
                    new ReportingStatusChanged(ori, p.name(), ReportingStatus.OPEN, null, p.end(),
                            p.dueDate(config.dueDays()), isCurrent(ori), clock.instant()));
        }
    }

    private boolean reported(String ori, String period) {
        return !em.createNativeQuery("select 1 from reporting_report where ori = ?1 and period = ?2")
                .setParameter(1, ori).setParameter(2, period).getResultList().isEmpty();
    }

    /** An ORI records-service has never heard of (not in its copy of the registry) is a 404 naming that. */
    void requireKnown(String ori) {
        if (em.createNativeQuery("select 1 from agency where ori = ?1").setParameter(1, ori).getResultList().isEmpty()) {
            throw new ProblemException(404, "unknown-agency", "Unknown agency", "agency " + ori
                    + " is not in the agency registry records-service has received (agency-registry.v1): it has no"
                    + " reporting standing");
        }
    }

    /**
     * Records submitted for a period the agency already reported change that report: a zero report becomes an
     * amended report with the records, a records report gets the new count. The report keeps its SUBMITTED standing
     * (the agency did report, on time or not) and every revision is kept in reporting_report_revision.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordsArrived(String ori, java.util.Collection<String> periods) {
        Instant now = clock.instant();
        for (String period : new java.util.TreeSet<>(periods)) {
            List<Object[]> rows = em.createNativeQuery("""
                    update reporting_report r set zero_report = false, revision = r.revision + 1, amended_at = ?3,
                        record_count = (select count(*) from misconduct_record m
                                        where m.submitting_ori = ?1 and m.reporting_period = ?2)
                    from reporting_report old where old.ori = r.ori and old.period = r.period
                      and r.ori = ?1 and r.period = ?2
                    returning r.revision, r.record_count, old.zero_report""")
                    .setParameter(1, ori).setParameter(2, period).setParameter(3, now).getResultList();
            if (rows.isEmpty()) {
                continue;
            }
            Object[] r = rows.get(0);
            int count = ((Number) r[1]).intValue();
            String reason = Boolean.TRUE.equals(r[2])
                    ? "records submitted after a zero report: the zero report is amended to a report of " + count + " record(s)"
                    : "records submitted after the report: it now reports " + count + " record(s)";
            em.createNativeQuery("""
                    insert into reporting_report_revision (ori, period, revision, zero_report, record_count, reason,
                                                           recorded_at, recorded_by)
                    values (?1, ?2, ?3, false, ?4, ?5, ?6, ?7)""")
                    .setParameter(1, ori).setParameter(2, period).setParameter(3, ((Number) r[0]).intValue())
                    .setParameter(4, count).setParameter(5, reason).setParameter(6, now).setParameter(7, caller.name())
                    .executeUpdate();
            audit.record("reporting.report-amended", "reporting-period", ori + "/" + period, AuditTrail.SUCCESS);
        }
    }

    boolean isCurrent(String ori) {
        return em.createNativeQuery("select 1 from reporting_status where ori = ?1 and status = 'DELINQUENT'")
                .setParameter(1, ori).setMaxResults(1).getResultList().isEmpty();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public AgencyReporting standing(String ori) {
        requireKnown(ori);
        LocalDate today = LocalDate.now(clock);
        Map<String, PeriodStanding> periods = new LinkedHashMap<>();
        for (ReportingPeriod p = firstPeriod(); !p.start().isAfter(today); p = p.next()) {
            periods.put(p.name(), new PeriodStanding(p.name(), p.end(), p.dueDate(config.dueDays()), ReportingStatus.OPEN,
                    null, null, null, null, null, List.of()));
        }
        List<Object[]> rows = em.createNativeQuery("""
                select s.period, s.period_end, s.due_date, s.status, r.zero_report, r.record_count, r.submitted_at,
                       r.revision, r.amended_at
                from reporting_status s left join reporting_report r on r.ori = s.ori and r.period = s.period
                where s.ori = ?1""").setParameter(1, ori).getResultList();
        Map<String, List<Revision>> revisions = new LinkedHashMap<>();
        List<Object[]> revisionRows = em.createNativeQuery("""
                select period, revision, zero_report, record_count, reason, recorded_at from reporting_report_revision
                where ori = ?1 order by period, revision""").setParameter(1, ori).getResultList();
        for (Object[] v : revisionRows) {
            revisions.computeIfAbsent((String) v[0], k -> new ArrayList<>()).add(new Revision(((Number) v[1]).intValue(),
                    (Boolean) v[2], ((Number) v[3]).intValue(), (String) v[4], toInstant(v[5])));
        }
        for (Object[] r : rows) {
            periods.put((String) r[0], new PeriodStanding((String) r[0], toDate(r[1]), toDate(r[2]),
                    ReportingStatus.valueOf((String) r[3]), (Boolean) r[4], r[5] == null ? null : ((Number) r[5]).intValue(),
                    toInstant(r[6]), r[7] == null ? null : ((Number) r[7]).intValue(), toInstant(r[8]),
                    revisions.getOrDefault((String) r[0], List.of())));
        }
        return new AgencyReporting(ori, isCurrent(ori), new ArrayList<>(periods.values()));
    }

    /** Who is current and who is late: every agency of the registry copy, optionally only the late ones. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AgencyStanding> agencies(Boolean current, PageRequest paging) {
        String filter = current == null ? "" : current
                ? "where not exists (select 1 from reporting_status s where s.ori = a.ori and s.status = 'DELINQUENT')"
                : "where exists (select 1 from reporting_status s where s.ori = a.ori and s.status = 'DELINQUENT')";
        List<Object[]> rows = em.createNativeQuery("""
                select a.ori, a.name, a.agency_type, a.active,
                       (select string_agg(s.period, ',' order by s.period) from reporting_status s
                        where s.ori = a.ori and s.status = 'DELINQUENT')
                from agency a %s order by a.ori""".formatted(filter))
                .setFirstResult(paging.offset()).setMaxResults(paging.size).getResultList();
        long total = ((Number) em.createNativeQuery("select count(*) from agency a " + filter).getSingleResult()).longValue();
        List<AgencyStanding> items = rows.stream().map(r -> {
            String late = (String) r[4];
            List<String> delinquent = late == null ? List.of() : List.of(late.split(","));
            return new AgencyStanding((String) r[0], (String) r[1], (String) r[2], (Boolean) r[3], delinquent.isEmpty(), delinquent);
        }).toList();
        return Page.of(items, paging, total);
    }

    static LocalDate toDate(Object v) {
        return v == null ? null : v instanceof LocalDate d ? d : ((java.sql.Date) v).toLocalDate();
    }

    static Instant toInstant(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) v).toInstant();
    }
}
