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
 * Public statistics (Sec. 3(c)): immutable, versioned releases of record counts for one year, by state and category
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
            configured coverage. A release never changes; a later release of the same year is a new version,             suppressed together with every earlier version of the year: no withheld count of any version can be             recovered from all versions' published counts together, even by an attacker who solves integer programs             (counts are non-negative integers) and assumes that counts only grow between versions (unless they fell             through amended or expunged records). Every withheld count lies on a cycle of withheld counts that can move             by one in every version that withholds it while all published counts stay as published.""";

    public record Row(String label, Map<String, Long> counts, Long total) {
    }

    public record Table(String name, String rowDimension, List<String> columns, List<Row> rows,
                        Map<String, Long> columnTotals, Long grandTotal) {
    }

    public record ReleaseContent(List<Table> tables, List<String> suppressedCells) {
    }

    public record ReleaseView(UUID releaseId, int version, int year, String title, double coverage, String methodology,
                              Instant publishedAt, int suppressedCount, JsonNode tables, JsonNode suppressedCells) {
    }

    public record PublishRequest(Integer year, String title) {
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

    StatisticsService(EntityManager em, EventPublisher events, AuditTrail audit, Caller caller, ReportingConfig reporting,
                      Clock clock, ObjectMapper json,
                      @ConfigProperty(name = "records.statistics.min-coverage", defaultValue = "0.9") double minCoverage) {
        this.em = em;
        this.events = events;
        this.audit = audit;
        this.caller = caller;
        this.reporting = reporting;
        this.clock = clock;
        this.json = json;
        this.minCoverage = minCoverage;
    }

    public ReleaseView publish(PublishRequest request) {
        LocalDate today = LocalDate.now(clock);
        if (request == null || request.year() == null || request.year() < 2000 || request.year() > today.getYear()) {
            throw ProblemException.badRequest("a release names a year from 2000 to " + today.getYear());
        }
        int year = request.year();
        double coverage = coverage(year, today);
        if (coverage < minCoverage) {
            throw ProblemException.unprocessable("coverage-too-low", "only " + Math.round(coverage * 1000) / 10.0
                    + "% of the reports due for " + year + " are in; publication needs " + minCoverage * 100 + "%")
                    .with("coverage", coverage).with("required", minCoverage);
        }
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('records.public-release'))").getSingleResult();
        Computed computed = tables(year, earlierVersions(year));
        ReleaseContent content = computed.content();
        int version = ((Number) em.createNativeQuery("select coalesce(max(version), 0) + 1 from public_release")
                .getSingleResult()).intValue();
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String title = request.title() == null || request.title().isBlank()
                ? "Law enforcement misconduct records, " + year : request.title().strip();
        if (title.length() > 200) {
            throw ProblemException.badRequest("title is at most 200 characters");
        }
        em.createNativeQuery("""
                insert into public_release (id, version, year, title, coverage, methodology, tables, suppressed_cells,
                                            published_at, published_by, counts)
                values (?1, ?2, ?3, ?4, ?5, ?6, cast(?7 as jsonb), ?8, ?9, ?10, cast(?11 as jsonb))""")
                .setParameter(1, id).setParameter(2, version).setParameter(3, year).setParameter(4, title)
                .setParameter(5, BigDecimal.valueOf(coverage).setScale(4, RoundingMode.DOWN))
                .setParameter(6, METHODOLOGY).setParameter(7, write(content))
                .setParameter(8, content.suppressedCells().size()).setParameter(9, now).setParameter(10, caller.name())
                .setParameter(11, write(computed.counts())).executeUpdate();
        events.publish(Topics.RECORDS_PUBLIC_RELEASES, EventTypes.PUBLIC_RELEASE_PUBLISHED, "public-release",
                id.toString(), new PublicReleasePublished(id, version, title, year, coverage, METHODOLOGY, now));
        audit.record("statistics.publish", "public-release", id.toString(), AuditTrail.SUCCESS);
        return get(version);
    }

    /** Share of (active agency, period) reports received for the year's periods that are past due. */
    double coverage(int year, LocalDate today) {
        ReportingPeriod first = ReportingPeriod.parse(reporting.firstPeriod(), reporting.periodMonths());
        List<String> due = new ArrayList<>();
        for (ReportingPeriod p = ReportingPeriod.containing(LocalDate.of(year, 1, 1), reporting.periodMonths());
             p.start().getYear() == year; p = p.next()) {
            if (!p.start().isBefore(first.start()) && p.dueDate(reporting.dueDays()).isBefore(today)) {
                due.add(p.name());
            }
        }
        if (due.isEmpty()) {
            throw ProblemException.unprocessable("no-period-due", "no reporting period of " + year
                    + " is past due yet, so coverage cannot be measured");
        }
        long agencies = ((Number) em.createNativeQuery("select count(*) from agency where active").getSingleResult()).longValue();
        if (agencies == 0) {
            throw ProblemException.unprocessable("no-agencies", "no active agency is known from the registry");
        }
        long reports = ((Number) em.createNativeQuery("""
                select count(*) from reporting_report r join agency a on a.ori = r.ori
                where a.active and r.period = any (cast(?1 as text[]))""")
                .setParameter(1, "{" + String.join(",", due) + "}").getSingleResult()).longValue();
        return (double) reports / (agencies * due.size());
    }

    /**
     * Every earlier version of the year, oldest first: its counts (as kept; a version published before counts were
     * kept has only its published counts, its withheld ones unknown) and its withheld cells.
     */
    List<ReleaseProtection.Version> earlierVersions(int year) {
        List<ReleaseProtection.Version> out = new ArrayList<>();
        List<Object[]> rows = em.createNativeQuery(
                "select tables::text, counts::text from public_release where year = ?1 order by version", Object[].class)
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
        return tables(year, List.of()).content();
    }

    Computed tables(int year, List<ReleaseProtection.Version> earlier) {
        List<Object[]> rows = em.createNativeQuery("""
                select coalesce(r.submitting_state, substr(r.submitting_ori, 1, 2)),
                       case when r.submitting_state is not null then 'STATE_POST_BOARD'
                            else coalesce(a.agency_type, 'UNKNOWN') end, r.category, count(*)
                from misconduct_record r left join agency a on a.ori = r.submitting_ori
                where r.status in ('ACTIVE', 'DISPUTED', 'AMENDED')
                  and r.final_on >= ?1 and r.final_on < ?2
                group by 1, 2, 3""", Object[].class)
                .setParameter(1, LocalDate.of(year, 1, 1)).setParameter(2, LocalDate.of(year + 1, 1, 1)).getResultList();
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

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ReleaseView> list() {
        List<ReleaseView> out = new ArrayList<>();
        for (Object r : em.createNativeQuery("select version from public_release order by version").getResultList()) {
            out.add(get(((Number) r).intValue()));
        }
        return out;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ReleaseView get(int version) {
        List<Object[]> rows = em.createNativeQuery("""
                select id, version, year, title, coverage, methodology, published_at, suppressed_cells, tables::text
                from public_release where version = ?1""", Object[].class).setParameter(1, version).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("public release version", version);
        }
        Object[] r = rows.get(0);
        try {
            JsonNode content = json.readTree((String) r[8]);
            return new ReleaseView((UUID) r[0], ((Number) r[1]).intValue(), ((Number) r[2]).intValue(), (String) r[3],
                    ((Number) r[4]).doubleValue(), (String) r[5], instant(r[6]), ((Number) r[7]).intValue(),
                    content.get("tables"), content.get("suppressedCells"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("release " + version + " cannot be read", e);
        }
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
