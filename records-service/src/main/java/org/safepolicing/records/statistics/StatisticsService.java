package org.safepolicing.records.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.contracts.events.PublicReleasePublished;
import org.safepolicing.platform.audit.AuditTrail;
import org.safepolicing.platform.events.EventPublisher;
import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.records.record.RecordCategory;
import org.safepolicing.records.reporting.ReportingConfig;
import org.safepolicing.records.reporting.ReportingPeriod;

/**
 * Public statistics (Sec. 3(c): the Attorney General "shall regularly and periodically make available to the public
 * aggregated and anonymized data"), on demand and on a schedule ({@link ReleaseSchedule}, {@link ReleaseScheduleJob}),
 * each gated by two coverage figures (reports received / due, sworn officers covered): immutable, versioned releases of record counts for one year, by state and category
 * and by agency type and category, with small cells suppressed so that none can be shown or derived.
 */
@ApplicationScoped
@Transactional
public class StatisticsService {

    public static final String TOTAL = "TOTAL";
    static final String BY_STATE = "state-by-category";
    static final String BY_AGENCY_TYPE = "agency-type-by-category";
    static final String METHODOLOGY = """
            Counts of misconduct records whose fair process was final under their category's rule (termination and \
            de-certification: notice, response, final decision, no pending appeal; conviction and civil judgment: the \
            court's judgment, no pending appeal; resignation or retirement under investigation: notice and an \
            opportunity to respond) and that stand (ACTIVE, DISPUTED or AMENDED; expunged and held records are never \
            counted), by the year the process became final (decision, judgment or response date), the state of the submitting agency (from its ORI) or state POST board, the agency type (from the \
            agency registry; UNKNOWN when the agency is not in it; STATE_POST_BOARD for de-certifications a state board \
            submitted) and the record category. Two tables are published, \
            each with row totals, category totals and a grand total (the category and grand totals are the same in \
            both). Suppression: every count from 1 to 10 is withheld (primary); further counts are withheld \
            (complementary) until no published equation has a single withheld cell and no withheld count follows \
            from any combination of the published totals (checked by linear algebra over the withheld cells). \
            Withheld counts are null in JSON and empty in CSV, with suppressed=true. Zero is shown. Publication \
            requires that the share of (agency, period) reports received for the year's past-due periods reaches the \
            configured coverage, and that the share of sworn officers whose agency reported (weighted by the \
            registry's sworn officer counts) reaches the configured officer coverage. A year-to-date release counts \
            the processes final by the end of its quarter and measures coverage over the periods ending by then; an \
            annual or on-demand release counts the whole year. A release never changes; a later release of the same year is a new version,             suppressed together with every earlier version of the year: no withheld count of any version can be             recovered from all versions' published counts together, even by an attacker who solves integer programs             (counts are non-negative integers) and assumes that counts only grow between versions (unless they fell             through amended or expunged records). Every withheld count lies on a cycle of withheld counts that can move             by one in every version that withholds it while all published counts stay as published.""";

    public record Row(String label, Map<String, Long> counts, Long total) {
    }

    public record Table(String name, String rowDimension, List<String> columns, List<Row> rows,
                        Map<String, Long> columnTotals, Long grandTotal) {
    }

    public record ReleaseContent(List<Table> tables, List<String> suppressedCells) {
    }

    /** How a release came about: on demand (DOJ), or on the schedule (Sec. 3(c) "regularly and periodically"). */
    public enum ReleaseKind { ON_DEMAND, YEAR_TO_DATE, ANNUAL }

    /**
     * Why a scheduled release was not published: the reason ({@code coverage-too-low}, {@code no-period-due},
     * {@code no-agencies}, {@code release-not-protectable}), in words, and both coverage figures (null where they
     * could not be measured) with both thresholds.
     */
    public record Withheld(String reason, String detail, Double coverage, double requiredCoverage,
                           Double officerCoverage, double requiredOfficerCoverage, LocalDate asOf, Instant decidedAt) {
    }

    /**
     * A release, or in the release list also a scheduled release that was withheld ({@code status} WITHHELD, no
     * version, no tables, {@code withheld} says why). {@code schedule} names the scheduled release ({@code 2026-Q2}
     * year to date through Q2, {@code 2026} the annual release), null on demand; {@code officerCoverage} is null for
     * releases published before it was measured.
     */
    public record ReleaseView(String status, UUID releaseId, Integer version, int year, ReleaseKind kind, Integer quarter,
                              String schedule, LocalDate dueOn, String title, Double coverage, Double officerCoverage,
                              String methodology, Instant publishedAt, Integer suppressedCount, JsonNode tables,
                              JsonNode suppressedCells, Withheld withheld) {
    }

    public record PublishRequest(Integer year, String title) {
    }

    /** Both coverage figures of a release and the periods they were measured over. */
    public record Coverage(List<String> periods, double reports, double officers) {
        boolean below(double minReports, double minOfficers) {
            return reports < minReports || officers < minOfficers;
        }
    }

    /** A coverage gate or another reason that refuses a release; on demand a 422, on the schedule a WITHHELD row. */
    static final class Refused extends RuntimeException {
        final String reason;
        final Coverage coverage;

        Refused(String reason, String detail, Coverage coverage) {
            super(detail, null, false, false);
            this.reason = reason;
            this.coverage = coverage;
        }
    }

    /** One scheduled release decided by a run: published (with its version) or withheld (with why). */
    public record ScheduledDecision(String schedule, ReleaseKind kind, int year, Integer quarter, LocalDate dueOn,
                                    String status, Integer version, Withheld withheld) {
    }

    /** A run of the release schedule as of a day: the scheduled releases due, and those this run decided. */
    public record ScheduleRun(LocalDate asOf, List<String> due, List<ScheduledDecision> decided) {
    }

    /** A release's content and every count behind it (withheld ones too: kept, never published). */
    public record Computed(ReleaseContent content, Map<String, Long> counts) {
    }

    private final EntityManager em;
    private final EventPublisher events;
    private final AuditTrail audit;
    private final Caller caller;
    private final ReportingConfig reporting;
    private final Clock clock;
    private final ObjectMapper json;
    private final double minCoverage;
    private final double minOfficerCoverage;

    StatisticsService(EntityManager em, EventPublisher events, AuditTrail audit, Caller caller, ReportingConfig reporting,
                      Clock clock, ObjectMapper json,
                      @ConfigProperty(name = "records.statistics.min-coverage", defaultValue = "0.9") double minCoverage,
                      @ConfigProperty(name = "records.statistics.min-officer-coverage", defaultValue = "0.9")
                      double minOfficerCoverage) {
        this.em = em;
        this.events = events;
        this.audit = audit;
        this.caller = caller;
        this.reporting = reporting;
        this.clock = clock;
        this.json = json;
        this.minCoverage = minCoverage;
        this.minOfficerCoverage = minOfficerCoverage;
    }

    /** An on-demand release of a year by DOJ: 422 while either coverage figure is below its threshold. */
    public ReleaseView publish(PublishRequest request) {
        LocalDate today = LocalDate.now(clock);
        if (request == null || request.year() == null || request.year() < 2000 || request.year() > today.getYear()) {
            throw ProblemException.badRequest("a release names a year from 2000 to " + today.getYear());
        }
        int year = request.year();
        String title = request.title() == null || request.title().isBlank()
                ? "Law enforcement misconduct records, " + year : request.title().strip();
        if (title.length() > 200) {
            throw ProblemException.badRequest("title is at most 200 characters");
        }
        try {
            return get(publish(year, title, ReleaseKind.ON_DEMAND, null, null, LocalDate.of(year, 12, 31), today,
                    caller.name()));
        } catch (Refused r) {
            ProblemException problem = ProblemException.unprocessable(r.reason, r.getMessage());
            if (r.coverage != null) {
                problem.with("coverage", r.coverage.reports()).with("required", minCoverage)
                        .with("officerCoverage", r.coverage.officers()).with("requiredOfficerCoverage", minOfficerCoverage);
            }
            throw problem;
        }
    }

    /**
     * Publishes release version n+1 of {@code year}, counting the processes final by {@code through}, gated by both
     * coverage figures over the year's periods that end by {@code through} and are past due on {@code asOf}.
     *
     * @throws Refused when a coverage figure is below its threshold, nothing can be measured, or no suppression
     *                 protects the year's versions; nothing is written then
     */
    private int publish(int year, String title, ReleaseKind kind, Integer quarter, String schedule, LocalDate through,
                        LocalDate asOf, String by) {
        Coverage coverage = coverage(year, through, asOf);
        if (coverage.below(minCoverage, minOfficerCoverage)) {
            throw new Refused("coverage-too-low", "only " + percent(coverage.reports()) + " of the reports due for "
                    + year + " (" + String.join(", ", coverage.periods()) + ") are in and their agencies employ "
                    + percent(coverage.officers()) + " of the sworn officers; publication needs " + percent(minCoverage)
                    + " of the reports and " + percent(minOfficerCoverage) + " of the sworn officers", coverage);
        }
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('records.public-release'))").getSingleResult();
        Computed computed;
        try {
            computed = tables(year, through.plusDays(1), earlierVersions(year));
        } catch (ProblemException e) {
            throw new Refused("release-not-protectable", e.getMessage(), coverage);
        }
        ReleaseContent content = computed.content();
        int version = ((Number) em.createNativeQuery("select coalesce(max(version), 0) + 1 from public_release")
                .getSingleResult()).intValue();
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        em.createNativeQuery("""
                insert into public_release (id, version, year, title, coverage, methodology, tables, suppressed_cells,
                                            published_at, published_by, counts, kind, quarter, officer_coverage, schedule)
                values (?1, ?2, ?3, ?4, ?5, ?6, cast(?7 as jsonb), ?8, ?9, ?10, cast(?11 as jsonb), ?12,
                        cast(?13 as integer), ?14, ?15)""")
                .setParameter(1, id).setParameter(2, version).setParameter(3, year).setParameter(4, title)
                .setParameter(5, ratio(coverage.reports()))
                .setParameter(6, METHODOLOGY).setParameter(7, write(content))
                .setParameter(8, content.suppressedCells().size()).setParameter(9, now).setParameter(10, by)
                .setParameter(11, write(computed.counts())).setParameter(12, kind.name())
                .setParameter(13, quarter == null ? null : quarter.toString())
                .setParameter(14, ratio(coverage.officers())).setParameter(15, schedule).executeUpdate();
        // the event's payload is unchanged (event-contracts): kind, quarter and officer coverage are read over REST
        events.publish(Topics.RECORDS_PUBLIC_RELEASES, EventTypes.PUBLIC_RELEASE_PUBLISHED, "public-release",
                id.toString(), new PublicReleasePublished(id, version, title, year, coverage.reports(), METHODOLOGY, now));
        audit.record("statistics.publish", "public-release", id.toString(), AuditTrail.SUCCESS);
        return version;
    }

    /**
     * Runs the release schedule as of {@code asOf} (Sec. 3(c): statistics published "regularly and periodically"):
     * every scheduled release due then ({@link ReleaseSchedule#due}) that was never decided is decided now, once:
     * published, or withheld with its reason and both coverage figures, recorded for the release list. A release
     * already decided is never decided again, so running twice publishes nothing twice. Call inside
     * {@code ClusterJobs.runExclusively}.
     */
    public ScheduleRun runSchedule(LocalDate asOf, List<ReleaseSchedule.Due> due, String by) {
        List<ScheduledDecision> decided = new ArrayList<>();
        for (ReleaseSchedule.Due d : due) {
            boolean known = ((Number) em.createNativeQuery("select count(*) from scheduled_release where schedule = ?1")
                    .setParameter(1, d.schedule()).getSingleResult()).longValue() > 0;
            if (known) {
                continue;
            }
            Integer version = null;
            Refused refused = null;
            try {
                version = publish(d.year(), d.title(), d.kind(), d.quarter(), d.schedule(), d.through(), asOf, by);
            } catch (Refused r) {
                refused = r;
            }
            Instant now = clock.instant();
            Coverage c = refused == null ? null : refused.coverage;
            em.createNativeQuery("""
                    insert into scheduled_release (schedule, kind, year, quarter, due_on, as_of, decided_at, decided_by,
                        status, release_version, reason, detail, coverage, required_coverage, officer_coverage,
                        required_officer_coverage)
                    values (?1, ?2, ?3, cast(?4 as integer), ?5, ?6, ?7, ?8, ?9, cast(?10 as integer), ?11, ?12,
                        cast(?13 as numeric), ?14, cast(?15 as numeric), ?16)""")
                    .setParameter(1, d.schedule()).setParameter(2, d.kind().name()).setParameter(3, d.year())
                    .setParameter(4, d.quarter() == null ? null : d.quarter().toString()).setParameter(5, d.dueOn())
                    .setParameter(6, asOf).setParameter(7, now).setParameter(8, by)
                    .setParameter(9, refused == null ? "PUBLISHED" : "WITHHELD")
                    .setParameter(10, version == null ? null : version.toString())
                    .setParameter(11, refused == null ? null : refused.reason)
                    .setParameter(12, refused == null ? null : refused.getMessage())
                    .setParameter(13, c == null ? null : ratio(c.reports()).toPlainString())
                    .setParameter(14, ratio(minCoverage))
                    .setParameter(15, c == null ? null : ratio(c.officers()).toPlainString())
                    .setParameter(16, ratio(minOfficerCoverage)).executeUpdate();
            Withheld withheld = refused == null ? null : new Withheld(refused.reason, refused.getMessage(),
                    c == null ? null : ratio(c.reports()).doubleValue(), minCoverage,
                    c == null ? null : ratio(c.officers()).doubleValue(), minOfficerCoverage, asOf, now);
            if (refused != null) {
                audit.record("statistics.scheduled-release-withheld", "scheduled-release", d.schedule(), AuditTrail.SUCCESS);
            }
            decided.add(new ScheduledDecision(d.schedule(), d.kind(), d.year(), d.quarter(), d.dueOn(),
                    refused == null ? "PUBLISHED" : "WITHHELD", version, withheld));
        }
        audit.record("statistics.schedule-run", "release-schedule", asOf.toString(), AuditTrail.SUCCESS);
        return new ScheduleRun(asOf, due.stream().map(ReleaseSchedule.Due::schedule).toList(), decided);
    }

    private static BigDecimal ratio(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.DOWN);
    }

    private static String percent(double share) {
        return Math.round(share * 1000) / 10.0 + "%";
    }

    /**
     * Both coverage figures over the year's periods (from the first required one) that end by {@code through} and
     * are past due on {@code asOf}: the share of (active agency, period) reports received, and the share of sworn
     * officers covered (sworn officers of the agencies that reported, per period, over the sworn officers of all
     * active agencies; an agency without a count in the registry counts as 0 officers; 0 when none has a count).
     */
    Coverage coverage(int year, LocalDate through, LocalDate asOf) {
        ReportingPeriod first = ReportingPeriod.parse(reporting.firstPeriod(), reporting.periodMonths());
        List<String> due = new ArrayList<>();
        for (ReportingPeriod p = ReportingPeriod.containing(LocalDate.of(year, 1, 1), reporting.periodMonths());
             p.start().getYear() == year; p = p.next()) {
            if (!p.start().isBefore(first.start()) && !p.end().isAfter(through)
                    && p.dueDate(reporting.dueDays()).isBefore(asOf)) {
                due.add(p.name());
            }
        }
        if (due.isEmpty()) {
            throw new Refused("no-period-due", "no reporting period of " + year + " ending by " + through
                    + " is past due on " + asOf + ", so coverage cannot be measured", null);
        }
        Object[] all = (Object[]) em.createNativeQuery(
                "select count(*), coalesce(sum(coalesce(sworn_officers, 0)), 0) from agency where active").getSingleResult();
        long agencies = ((Number) all[0]).longValue();
        long sworn = ((Number) all[1]).longValue();
        if (agencies == 0) {
            throw new Refused("no-agencies", "no active agency is known from the registry", null);
        }
        Object[] reported = (Object[]) em.createNativeQuery("""
                select count(*), coalesce(sum(coalesce(a.sworn_officers, 0)), 0)
                from reporting_report r join agency a on a.ori = r.ori
                where a.active and r.period = any (cast(?1 as text[]))""")
                .setParameter(1, "{" + String.join(",", due) + "}").getSingleResult();
        double reports = ((Number) reported[0]).doubleValue() / ((double) agencies * due.size());
        double officers = sworn == 0 ? 0 : ((Number) reported[1]).doubleValue() / ((double) sworn * due.size());
        return new Coverage(due, reports, officers);
    }

    /**
     * Every earlier version of the year, oldest first: its counts (as kept; a version published before counts were
     * kept has only its published counts, its withheld ones unknown) and its withheld cells.
     */
    List<ReleaseProtection.Version> earlierVersions(int year) {
        List<ReleaseProtection.Version> out = new ArrayList<>();
        List<Object[]> rows = em.createNativeQuery(
                "select tables::text, counts::text from public_release where year = ?1 order by version")
                .setParameter(1, year).getResultList();
        for (Object[] row : rows) {
            try {
                JsonNode content = json.readTree((String) row[0]);
                Set<String> withheld = new LinkedHashSet<>();
                content.get("suppressedCells").forEach(c -> withheld.add(c.asText()));
                Map<String, Long> counts = new LinkedHashMap<>();
                if (row[1] != null) {
                    json.readTree((String) row[1]).fields().forEachRemaining(c -> counts.put(c.getKey(), c.getValue().asLong()));
                } else {
                    for (JsonNode t : content.get("tables")) {
                        String name = t.get("name").asText();
                        for (JsonNode r : t.get("rows")) {
                            String label = r.get("label").asText();
                            r.get("counts").fields().forEachRemaining(c -> counts.put(id(name, label, c.getKey()), count(c.getValue())));
                            counts.put(id(name, label, TOTAL), count(r.get("total")));
                        }
                        t.get("columnTotals").fields().forEachRemaining(c -> counts.put(id(TOTAL, c.getKey()), count(c.getValue())));
                        counts.put(id(TOTAL, TOTAL), count(t.get("grandTotal")));
                    }
                }
                out.add(new ReleaseProtection.Version(counts, withheld));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("an earlier release cannot be read", e);
            }
        }
        return out;
    }

    private static Long count(JsonNode n) {
        return n == null || n.isNull() ? null : n.asLong();
    }

    ReleaseContent tables(int year) {
        return tables(year, LocalDate.of(year + 1, 1, 1), List.of()).content();
    }

    /** The counts of processes final in {@code year} before {@code until} (a year-to-date release's cut-off). */
    Computed tables(int year, LocalDate until, List<ReleaseProtection.Version> earlier) {
        List<Object[]> rows = em.createNativeQuery("""
                select coalesce(r.submitting_state, substr(r.submitting_ori, 1, 2)),
                       case when r.submitting_state is not null then 'STATE_POST_BOARD'
                            else coalesce(a.agency_type, 'UNKNOWN') end, r.category, count(*)
                from misconduct_record r left join agency a on a.ori = r.submitting_ori
                where r.status in ('ACTIVE', 'DISPUTED', 'AMENDED')
                  and r.final_on >= ?1 and r.final_on < ?2
                group by 1, 2, 3""")
                .setParameter(1, LocalDate.of(year, 1, 1))
                .setParameter(2, until.isAfter(LocalDate.of(year + 1, 1, 1)) ? LocalDate.of(year + 1, 1, 1) : until)
                .getResultList();
        return compute(year, rows, earlier);
    }

    /**
     * The tables of one version from the counts by (state, agency type, category), suppressed together with the
     * earlier versions of the year; 422 {@code release-not-protectable} when no suppression protects them.
     */
    public static Computed compute(int year, List<Object[]> rows, List<ReleaseProtection.Version> earlier) {
        List<String> categories = Arrays.stream(RecordCategory.values()).map(Enum::name).toList();
        Map<String, Map<String, Long>> byState = new TreeMap<>();
        Map<String, Map<String, Long>> byType = new TreeMap<>();
        for (Object[] r : rows) {
            long n = ((Number) r[3]).longValue();
            byState.computeIfAbsent((String) r[0], k -> new TreeMap<>()).merge((String) r[2], n, Long::sum);
            byType.computeIfAbsent((String) r[1], k -> new TreeMap<>()).merge((String) r[2], n, Long::sum);
        }
        // a row an earlier version of the year showed stays in the tables (with zeros) so the versions line up
        for (ReleaseProtection.Version v : earlier) {
            for (String cell : v.counts().keySet()) {
                String[] part = cell.split("/");
                if (part.length == 3 && BY_STATE.equals(part[0])) {
                    byState.computeIfAbsent(part[1], k -> new TreeMap<>());
                } else if (part.length == 3 && BY_AGENCY_TYPE.equals(part[0])) {
                    byType.computeIfAbsent(part[1], k -> new TreeMap<>());
                }
            }
        }
        Map<String, Long> values = new LinkedHashMap<>();
        List<CellSuppression.Equation> equations = new ArrayList<>();
        for (String c : categories) {
            values.put(id(TOTAL, c), byState.values().stream().mapToLong(m -> m.getOrDefault(c, 0L)).sum());
        }
        values.put(id(TOTAL, TOTAL), categories.stream().mapToLong(c -> values.get(id(TOTAL, c))).sum());
        equations.add(new CellSuppression.Equation(id(TOTAL, TOTAL), categories.stream().map(c -> id(TOTAL, c)).toList()));
        addTable(BY_STATE, byState, categories, values, equations);
        addTable(BY_AGENCY_TYPE, byType, categories, values, equations);
        ReleaseProtection.Outcome outcome = ReleaseProtection.protect(arcs(byState.keySet(), byType.keySet(), categories),
                earlier, values, CellSuppression.suppress(values, equations));
        if (outcome.unprotectable().isPresent()) {
            throw ProblemException.unprocessable("release-not-protectable", "a new version of " + year
                    + " would let withheld counts of its versions be recovered whatever else it withholds ("
                    + outcome.unprotectable().get() + "); nothing was published");
        }
        Set<String> withheld = outcome.withheld();
        List<Table> tables = List.of(
                table(BY_STATE, "state", byState.keySet(), categories, values, withheld),
                table(BY_AGENCY_TYPE, "agencyType", byType.keySet(), categories, values, withheld));
        return new Computed(new ReleaseContent(tables, new ArrayList<>(new TreeSet<>(withheld))), values);
    }

    /**
     * The tables as a circulation ({@link ReleaseProtection}): source → state → category → agency type → sink, the
     * category totals between a category's two nodes and the grand total from sink back to source.
     */
    public static Map<String, ReleaseProtection.Arc> arcs(Set<String> states, Set<String> types, List<String> categories) {
        Map<String, ReleaseProtection.Arc> arcs = new LinkedHashMap<>();
        arcs.put(id(TOTAL, TOTAL), new ReleaseProtection.Arc("sink", "source"));
        for (String c : categories) {
            arcs.put(id(TOTAL, c), new ReleaseProtection.Arc("in:" + c, "out:" + c));
        }
        for (String s : states) {
            arcs.put(id(BY_STATE, s, TOTAL), new ReleaseProtection.Arc("source", "state:" + s));
            for (String c : categories) {
                arcs.put(id(BY_STATE, s, c), new ReleaseProtection.Arc("state:" + s, "in:" + c));
            }
        }
        for (String t : types) {
            arcs.put(id(BY_AGENCY_TYPE, t, TOTAL), new ReleaseProtection.Arc("type:" + t, "sink"));
            for (String c : categories) {
                arcs.put(id(BY_AGENCY_TYPE, t, c), new ReleaseProtection.Arc("out:" + c, "type:" + t));
            }
        }
        return arcs;
    }

    private static void addTable(String name, Map<String, Map<String, Long>> data, List<String> categories,
                                 Map<String, Long> values, List<CellSuppression.Equation> equations) {
        for (var row : data.entrySet()) {
            for (String c : categories) {
                values.put(id(name, row.getKey(), c), row.getValue().getOrDefault(c, 0L));
            }
            values.put(id(name, row.getKey(), TOTAL), row.getValue().values().stream().mapToLong(Long::longValue).sum());
            equations.add(new CellSuppression.Equation(id(name, row.getKey(), TOTAL),
                    categories.stream().map(c -> id(name, row.getKey(), c)).toList()));
        }
        for (String c : categories) {
            equations.add(new CellSuppression.Equation(id(TOTAL, c), data.keySet().stream().map(r -> id(name, r, c)).toList()));
        }
        equations.add(new CellSuppression.Equation(id(TOTAL, TOTAL), data.keySet().stream().map(r -> id(name, r, TOTAL)).toList()));
    }

    private static Table table(String name, String dimension, Set<String> rowLabels, List<String> categories,
                               Map<String, Long> values, Set<String> withheld) {
        List<Row> rows = new ArrayList<>();
        for (String r : rowLabels) {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String c : categories) {
                counts.put(c, shown(id(name, r, c), values, withheld));
            }
            rows.add(new Row(r, counts, shown(id(name, r, TOTAL), values, withheld)));
        }
        Map<String, Long> columnTotals = new LinkedHashMap<>();
        for (String c : categories) {
            columnTotals.put(c, shown(id(TOTAL, c), values, withheld));
        }
        return new Table(name, dimension, categories, rows, columnTotals, shown(id(TOTAL, TOTAL), values, withheld));
    }

    private static Long shown(String id, Map<String, Long> values, Set<String> withheld) {
        return withheld.contains(id) ? null : values.get(id);
    }

    /** Cell ids: {@code table/row/column}; the shared category and grand totals are {@code TOTAL/column}. */
    static String id(String... parts) {
        return String.join("/", parts);
    }

    /**
     * Every release, oldest first, and every scheduled release that was withheld, at the time it was decided (so the
     * public sees why a scheduled release did not appear).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ReleaseView> list() {
        List<ReleaseView> out = new ArrayList<>();
        for (Object r : em.createNativeQuery("select version from public_release order by version").getResultList()) {
            out.add(get(((Number) r).intValue()));
        }
        List<Object[]> withheld = em.createNativeQuery("""
                select schedule, kind, year, quarter, due_on, as_of, decided_at, reason, detail, coverage,
                       required_coverage, officer_coverage, required_officer_coverage
                from scheduled_release where status = 'WITHHELD' order by decided_at, schedule""")
                .getResultList();
        for (Object[] w : withheld) {
            Instant decidedAt = instant(w[6]);
            out.add(new ReleaseView("WITHHELD", null, null, ((Number) w[2]).intValue(), ReleaseKind.valueOf((String) w[1]),
                    w[3] == null ? null : ((Number) w[3]).intValue(), (String) w[0], date(w[4]), null, null, null, null,
                    null, null, null, null,
                    new Withheld((String) w[7], (String) w[8], number(w[9]), number(w[10]), number(w[11]),
                            number(w[12]), date(w[5]), decidedAt)));
        }
        out.sort(java.util.Comparator.comparing((ReleaseView v) -> v.publishedAt() != null ? v.publishedAt()
                : v.withheld().decidedAt()));
        return out;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ReleaseView get(int version) {
        List<Object[]> rows = em.createNativeQuery("""
                select id, version, year, title, coverage, methodology, published_at, suppressed_cells, tables::text,
                       kind, quarter, schedule, officer_coverage,
                       (select due_on from scheduled_release s where s.release_version = p.version)
                from public_release p where version = ?1""").setParameter(1, version).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("public release version", version);
        }
        Object[] r = rows.get(0);
        try {
            JsonNode content = json.readTree((String) r[8]);
            return new ReleaseView("PUBLISHED", (UUID) r[0], ((Number) r[1]).intValue(), ((Number) r[2]).intValue(),
                    ReleaseKind.valueOf((String) r[9]), r[10] == null ? null : ((Number) r[10]).intValue(),
                    (String) r[11], r[13] == null ? null : date(r[13]), (String) r[3], ((Number) r[4]).doubleValue(),
                    number(r[12]), (String) r[5], instant(r[6]), ((Number) r[7]).intValue(),
                    content.get("tables"), content.get("suppressedCells"), null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("release " + version + " cannot be read", e);
        }
    }

    private static Double number(Object v) {
        return v == null ? null : ((Number) v).doubleValue();
    }

    static LocalDate date(Object v) {
        if (v instanceof LocalDate d) {
            return d;
        }
        return ((java.sql.Date) v).toLocalDate();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Instant instant(Object v) {
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) v).toInstant();
    }
}
