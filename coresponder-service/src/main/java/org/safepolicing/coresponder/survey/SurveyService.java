package org.safepolicing.coresponder.survey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.safepolicing.contracts.events.ProgramModel;
import org.safepolicing.coresponder.encounter.Need;
import org.safepolicing.coresponder.survey.SurveyReport.Action;
import org.safepolicing.coresponder.survey.SurveyReport.Rule;

/**
 * Computes the survey from the per-program running totals and response-time distributions (kept with every encounter
 * insert), so its cost grows with the number of programs, not of encounters.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class SurveyService {

    /** A metric backed by fewer encounters than this is flagged, and a model with fewer is not ranked. */
    public static final int MINIMUM_ENCOUNTERS = 30;
    public static final String UNKNOWN_TYPE = "UNKNOWN";
    /** The agency type under which community providers' programs (no police agency, no ORI) are grouped and filtered. */
    public static final String COMMUNITY_PROVIDER_TYPE = "COMMUNITY_PROVIDER";
    /** Leadership groups: a program run by a police agency (ORI) or by a community provider (no ORI). */
    public static final String POLICE_ATTACHED = "POLICE_ATTACHED";
    public static final String COMMUNITY_LED = "COMMUNITY_LED";

    static final List<Rule> RULES = List.of(
            new Rule("R1-EVIDENCE", Action.EVALUATE,
                    "fewer than " + MINIMUM_ENCOUNTERS + " encounters reported for the model",
                    "Fund an evaluation, not an expansion: too few encounters to judge the model."),
            new Rule("R2-EXPAND", Action.EXPAND,
                    "the diversion rate's 95% interval lies entirely above the pooled diversion rate, and neither the arrest "
                            + "nor the force rate's interval lies entirely above its pooled rate",
                    "Prioritize for co-responder and community-support funding (Sec. 5): better diversion, without more arrests or force."),
            new Rule("R3-REVIEW", Action.REVIEW,
                    "the diversion rate's 95% interval lies entirely below the pooled diversion rate, or the arrest or the force "
                            + "rate's interval lies entirely above its pooled rate",
                    "Fund only with a corrective plan and a follow-up evaluation: outcomes worse than the pooled rates."),
            new Rule("R4-MAINTAIN", Action.MAINTAIN,
                    "otherwise: the intervals overlap the pooled rates",
                    "Continue funding at current levels; the evidence does not separate the model from the pool."));

    static final SurveyReport.Method METHOD = new SurveyReport.Method(
            "Wilson score interval, 95% (z = 1.96), on the encounters pooled over the model's programs",
            "distribution-free order-statistic interval, 95%: the values at ranks floor(n/2 - 1.96*sqrt(n)/2) and "
                    + "ceil(1 + n/2 + 1.96*sqrt(n)/2) of the n recorded response times (normal approximation of binomial(n, 1/2))",
            MINIMUM_ENCOUNTERS,
            "a metric backed by fewer than " + MINIMUM_ENCOUNTERS + " encounters (for the median: encounters with a "
                    + "response time) is listed with sufficient=false and named in flagged; a model with fewer than "
                    + MINIMUM_ENCOUNTERS + " encounters is not ranked",
            "outcome RESOLVED_ON_SCENE or REFERRED_TO_SERVICES (an encounter has one outcome, so it then ended in neither "
                    + "arrest nor involuntary hold)",
            "the need cell of an encounter (EO 13929 Sec. 4(c): mental health, homelessness, addiction) is the combination of "
                    + "MENTAL_HEALTH, HOMELESSNESS and SUBSTANCE_USE among its reasons, joined with + in that order, or NONE "
                    + "when it has none of them (welfare checks and other reasons only); every encounter is in exactly one of "
                    + "the eight cells, so the cells add up to the pooled figures; cells have rates, not response-time medians",
            "models with at least " + MINIMUM_ENCOUNTERS + " encounters, by the lower bound of the diversion rate's 95% "
                    + "interval (highest first), then by the upper bound of the arrest rate's and of the force rate's interval "
                    + "(lowest first): a small model must show its rate with confidence to rank high",
            RULES);

    private static final String TOTALS_SQL = """
            select p.model, coalesce(substring(p.ori, 1, 2), cp.state), case when p.provider_id is not null then 'COMMUNITY_PROVIDER' else coalesce(a.agency_type, 'UNKNOWN') end, case when p.provider_id is null then 'POLICE_ATTACHED' else 'COMMUNITY_LED' end, count(*),
                   coalesce(sum(t.encounters), 0), coalesce(sum(t.resolved_on_scene + t.referred_to_services), 0),
                   coalesce(sum(t.arrest), 0), coalesce(sum(t.force_used), 0), coalesce(sum(t.follow_up), 0)
            from coresponder_program p
            left join program_encounter_totals t on t.program_id = p.id
            left join agency a on a.ori = p.ori
            left join community_provider cp on cp.id = p.provider_id
            where p.status <> 'PLANNED'
              and (cast(?1 as text) is null or coalesce(substring(p.ori, 1, 2), cp.state) = cast(?1 as text))
              and (cast(?2 as text) is null or case when p.provider_id is not null then 'COMMUNITY_PROVIDER' else coalesce(a.agency_type, 'UNKNOWN') end = cast(?2 as text))
            group by 1, 2, 3, 4""";
    private static final String MINUTES_SQL = """
            select p.model, coalesce(substring(p.ori, 1, 2), cp.state), case when p.provider_id is not null then 'COMMUNITY_PROVIDER' else coalesce(a.agency_type, 'UNKNOWN') end, case when p.provider_id is null then 'POLICE_ATTACHED' else 'COMMUNITY_LED' end, m.minutes, sum(m.encounters)
            from program_response_minutes m
            join coresponder_program p on p.id = m.program_id
            left join agency a on a.ori = p.ori
            left join community_provider cp on cp.id = p.provider_id
            where p.status <> 'PLANNED'
              and (cast(?1 as text) is null or coalesce(substring(p.ori, 1, 2), cp.state) = cast(?1 as text))
              and (cast(?2 as text) is null or case when p.provider_id is not null then 'COMMUNITY_PROVIDER' else coalesce(a.agency_type, 'UNKNOWN') end = cast(?2 as text))
            group by 1, 2, 3, 4, 5""";

    private static final String NEEDS_SQL = """
            select p.model, n.need, case when p.provider_id is null then 'POLICE_ATTACHED' else 'COMMUNITY_LED' end, count(distinct p.id), sum(n.encounters), sum(n.diverted), sum(n.arrest),
                   sum(n.force_used), sum(n.follow_up)
            from program_need_totals n
            join coresponder_program p on p.id = n.program_id
            left join agency a on a.ori = p.ori
            left join community_provider cp on cp.id = p.provider_id
            where p.status <> 'PLANNED'
              and (cast(?1 as text) is null or coalesce(substring(p.ori, 1, 2), cp.state) = cast(?1 as text))
              and (cast(?2 as text) is null or case when p.provider_id is not null then 'COMMUNITY_PROVIDER' else coalesce(a.agency_type, 'UNKNOWN') end = cast(?2 as text))
            group by 1, 2, 3""";

    private static final String COSTS_SQL = """
            select p.model, c.funding_source, count(*), sum(c.annual_budget_usd), coalesce(sum(n.encounters), 0),
                   coalesce(sum(n.diverted), 0)
            from program_cost c
            join coresponder_program p on p.id = c.program_id
            left join agency a on a.ori = p.ori
            left join community_provider cp on cp.id = p.provider_id
            left join (select program_id, sum(encounters) as encounters, sum(diverted) as diverted
                       from program_need_totals where year = ?3 group by program_id) n on n.program_id = p.id
            where c.year = ?3 and p.status <> 'PLANNED'
              and (cast(?1 as text) is null or coalesce(substring(p.ori, 1, 2), cp.state) = cast(?1 as text))
              and (cast(?2 as text) is null or case when p.provider_id is not null then 'COMMUNITY_PROVIDER' else coalesce(a.agency_type, 'UNKNOWN') end = cast(?2 as text))
            group by 1, 2""";
    static final String COST_DEFINITION = "For the year: each model's programs that reported an annual budget for it, over "
            + "their encounters that occurred in it (UTC). Cost per encounter = budget / encounters. A diverted arrest (stated "
            + "policy) is an encounter whose outcome is RESOLVED_ON_SCENE or REFERRED_TO_SERVICES: the person was served "
            + "without arrest or involuntary hold (Sec. 4(a): social services as the primary response); the encounters do not "
            + "say whether an arrest would otherwise have followed, so no counterfactual is estimated. Cost per diverted arrest "
            + "= budget / diverted encounters, its 95% interval budget / (encounters x the Wilson bounds of the diversion rate), "
            + "the budget taken as exact. Fewer than " + MINIMUM_ENCOUNTERS + " encounters: sufficient=false";

    private final EntityManager em;

    SurveyService(EntityManager em) {
        this.em = em;
    }

    /** The survey over the programs of {@code state} and {@code agencyType} (null: all). */
    public SurveyReport survey(String state, String agencyType) {
        return survey(state, agencyType, java.time.Year.now(java.time.ZoneOffset.UTC).getValue());
    }

    /** The survey, with costs and funding recommendations for the calendar year {@code year}. */
    public SurveyReport survey(String state, String agencyType, int year) {
        Map<Cell, Tally> cells = new TreeMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> totals = em.createNativeQuery(TOTALS_SQL).setParameter(1, state).setParameter(2, agencyType).getResultList();
        for (Object[] r : totals) {
            Tally t = cells.computeIfAbsent(Cell.of(r), c -> new Tally());
            t.programs += n(r[4]);
            t.encounters += n(r[5]);
            t.diverted += n(r[6]);
            t.arrests += n(r[7]);
            t.force += n(r[8]);
            t.followUp += n(r[9]);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> minutes = em.createNativeQuery(MINUTES_SQL).setParameter(1, state).setParameter(2, agencyType).getResultList();
        for (Object[] r : minutes) {
            cells.computeIfAbsent(Cell.of(r), c -> new Tally()).minutes.merge(((Number) r[4]).intValue(), n(r[5]), Long::sum);
        }

        Tally pool = new Tally();
        Map<ProgramModel, Tally> byModel = new EnumMap<>(ProgramModel.class);
        for (ProgramModel model : ProgramModel.values()) {
            byModel.put(model, new Tally()); // every model is reported, one without programs as EVALUATE
        }
        Map<String, Tally> byState = new TreeMap<>();
        Map<String, Tally> byType = new TreeMap<>();
        Map<String, Tally> byLeadership = new TreeMap<>();
        cells.forEach((cell, t) -> {
            byLeadership.computeIfAbsent(cell.leadership + "|" + cell.model.name(), k -> new Tally()).add(t);
            pool.add(t);
            byModel.computeIfAbsent(cell.model, m -> new Tally()).add(t);
            byState.computeIfAbsent(cell.state + "|" + cell.model.name(), k -> new Tally()).add(t);
            byType.computeIfAbsent(cell.agencyType + "|" + cell.model.name(), k -> new Tally()).add(t);
        });
        SurveyReport.Pooled pooled = new SurveyReport.Pooled(pool.programs, pool.encounters,
                ratio(pool.diverted, pool.encounters), ratio(pool.arrests, pool.encounters), ratio(pool.force, pool.encounters),
                ratio(pool.followUp, pool.encounters));

        List<SurveyReport.ModelResult> models = new ArrayList<>();
        byModel.forEach((model, t) -> models.add(new SurveyReport.ModelResult(model, null, t.metrics(),
                recommend(t.metrics(), pooled))));
        List<SurveyReport.NeedResult> byNeed = new ArrayList<>();
        List<SurveyReport.NeedGroupResult> byModelAndNeed = new ArrayList<>();
        List<SurveyReport.NeedResult> communityLedByNeed = new ArrayList<>();
        needs(state, agencyType, byNeed, byModelAndNeed, communityLedByNeed);
        List<SurveyReport.ModelResult> ranked = rank(models);
        Map<ProgramModel, SurveyReport.ModelCost> costs = costs(state, agencyType, year);
        return new SurveyReport(Instant.now(), new SurveyReport.Scope(state, agencyType), METHOD, pooled, ranked,
                groups(byState), groups(byType), groups(byLeadership), byNeed, byModelAndNeed, communityLedByNeed,
                new SurveyReport.Costs(year, COST_DEFINITION, List.copyOf(costs.values())),
                FundingRule.decide(year, ranked, costs));
    }

    /** Every model's costs for {@code year} (see {@link #COST_DEFINITION}). */
    private Map<ProgramModel, SurveyReport.ModelCost> costs(String state, String agencyType, int year) {
        Map<ProgramModel, long[]> sums = new EnumMap<>(ProgramModel.class);
        Map<ProgramModel, Map<String, Long>> sources = new EnumMap<>(ProgramModel.class);
        for (ProgramModel model : ProgramModel.values()) {
            sums.put(model, new long[4]);
            sources.put(model, new TreeMap<>());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(COSTS_SQL).setParameter(1, state).setParameter(2, agencyType)
                .setParameter(3, year).getResultList();
        for (Object[] r : rows) {
            ProgramModel model = ProgramModel.valueOf((String) r[0]);
            long[] t = sums.get(model);
            t[0] += n(r[2]);
            t[1] += n(r[3]);
            t[2] += n(r[4]);
            t[3] += n(r[5]);
            sources.get(model).merge((String) r[1], n(r[3]), Long::sum);
        }
        Map<ProgramModel, SurveyReport.ModelCost> out = new EnumMap<>(ProgramModel.class);
        sums.forEach((model, t) -> {
            long budget = t[1];
            long encounters = t[2];
            Metric.Rate diversion = Statistics.rate(t[3], encounters, MINIMUM_ENCOUNTERS);
            Double perEncounter = encounters == 0 || budget == 0 ? null : cents((double) budget / encounters);
            Double perDiverted = t[3] == 0 || budget == 0 ? null : cents((double) budget / t[3]);
            Double lower = perDiverted == null ? null : cents(budget / (encounters * diversion.upper()));
            Double upper = perDiverted == null || diversion.lower() == 0 ? null : cents(budget / (encounters * diversion.lower()));
            out.put(model, new SurveyReport.ModelCost(model, t[0], budget, encounters, diversion, perEncounter, perDiverted,
                    lower, upper, encounters >= MINIMUM_ENCOUNTERS, sources.get(model)));
        });
        return out;
    }

    private static double cents(double usd) {
        return Math.round(usd * 100.0) / 100.0;
    }


    /** The need cells (Sec. 4(c)) in scope: every cell over all models, and each model within each cell it has. */
    private void needs(String state, String agencyType, List<SurveyReport.NeedResult> byNeed,
                       List<SurveyReport.NeedGroupResult> byModelAndNeed, List<SurveyReport.NeedResult> communityLedByNeed) {
        Map<String, Map<ProgramModel, Tally>> cells = new java.util.LinkedHashMap<>();
        Map<String, Tally> communityLed = new java.util.LinkedHashMap<>();
        for (String need : Need.CELLS) {
            cells.put(need, new EnumMap<>(ProgramModel.class));
            communityLed.put(need, new Tally());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(NEEDS_SQL).setParameter(1, state).setParameter(2, agencyType).getResultList();
        for (Object[] r : rows) {
            Tally row = new Tally();
            row.programs = n(r[3]);
            row.encounters = n(r[4]);
            row.diverted = n(r[5]);
            row.arrests = n(r[6]);
            row.force = n(r[7]);
            row.followUp = n(r[8]);
            cells.get((String) r[1]).computeIfAbsent(ProgramModel.valueOf((String) r[0]), m -> new Tally()).add(row);
            if (COMMUNITY_LED.equals(r[2])) {
                communityLed.get((String) r[1]).add(row);
            }
        }
        communityLed.forEach((need, t) -> communityLedByNeed.add(new SurveyReport.NeedResult(need, t.rates())));
        cells.forEach((need, byModel) -> {
            Tally all = new Tally();
            byModel.forEach((model, t) -> {
                all.add(t);
                byModelAndNeed.add(new SurveyReport.NeedGroupResult(need, model, t.rates()));
            });
            byNeed.add(new SurveyReport.NeedResult(need, all.rates()));
        });
    }

    /** Ranks the models with enough encounters (see {@link #METHOD}); the others follow, unranked, most encounters first. */
    static List<SurveyReport.ModelResult> rank(List<SurveyReport.ModelResult> models) {
        Comparator<SurveyReport.ModelResult> order = Comparator
                .comparing((SurveyReport.ModelResult m) -> -m.metrics().diversion().lower())
                .thenComparing(m -> m.metrics().arrest().upper())
                .thenComparing(m -> m.metrics().force().upper())
                .thenComparing(m -> m.model().name());
        List<SurveyReport.ModelResult> ranked = new ArrayList<>();
        models.stream().filter(m -> m.metrics().encounters() >= MINIMUM_ENCOUNTERS).sorted(order)
                .forEach(m -> ranked.add(new SurveyReport.ModelResult(m.model(), ranked.size() + 1, m.metrics(), m.recommendation())));
        models.stream().filter(m -> m.metrics().encounters() < MINIMUM_ENCOUNTERS)
                .sorted(Comparator.comparing((SurveyReport.ModelResult m) -> -m.metrics().encounters())
                        .thenComparing(m -> m.model().name()))
                .forEach(ranked::add);
        return ranked;
    }

    /** The first rule of {@link #RULES} that matches decides. */
    static SurveyReport.Recommendation recommend(SurveyReport.Metrics m, SurveyReport.Pooled pooled) {
        Rule rule;
        if (m.encounters() < MINIMUM_ENCOUNTERS) {
            rule = RULES.get(0);
        } else if (m.diversion().lower() > pooled.diversionRate()
                && !(m.arrest().lower() > pooled.arrestRate()) && !(m.force().lower() > pooled.forceRate())) {
            rule = RULES.get(1);
        } else if (m.diversion().upper() < pooled.diversionRate()
                || m.arrest().lower() > pooled.arrestRate() || m.force().lower() > pooled.forceRate()) {
            rule = RULES.get(2);
        } else {
            rule = RULES.get(3);
        }
        return new SurveyReport.Recommendation(rule.action(), rule.id(), rule.recommendation());
    }

    private static List<SurveyReport.GroupResult> groups(Map<String, Tally> tallies) {
        List<SurveyReport.GroupResult> groups = new ArrayList<>();
        tallies.forEach((key, t) -> {
            String[] parts = key.split("\\|");
            groups.add(new SurveyReport.GroupResult(parts[0], ProgramModel.valueOf(parts[1]), t.metrics()));
        });
        return groups;
    }

    private static Double ratio(long k, long n) {
        return n == 0 ? null : Statistics.round((double) k / n);
    }

    private static long n(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    /** The finest grain the database answers: model × state × agency type. */
    private record Cell(ProgramModel model, String state, String agencyType, String leadership) implements Comparable<Cell> {
        static Cell of(Object[] r) {
            return new Cell(ProgramModel.valueOf((String) r[0]), (String) r[1], (String) r[2], (String) r[3]);
        }

        @Override
        public int compareTo(Cell o) {
            return Comparator.comparing(Cell::model).thenComparing(Cell::state).thenComparing(Cell::agencyType)
                    .thenComparing(Cell::leadership).compare(this, o);
        }
    }

    /** Counts summed over programs. */
    private static final class Tally {
        long programs;
        long encounters;
        long diverted;
        long arrests;
        long force;
        long followUp;
        final NavigableMap<Integer, Long> minutes = new TreeMap<>();

        void add(Tally t) {
            programs += t.programs;
            encounters += t.encounters;
            diverted += t.diverted;
            arrests += t.arrests;
            force += t.force;
            followUp += t.followUp;
            t.minutes.forEach((k, v) -> minutes.merge(k, v, Long::sum));
        }

        SurveyReport.Metrics metrics() {
            Metric.Rate diversion = Statistics.rate(diverted, encounters, MINIMUM_ENCOUNTERS);
            Metric.Rate arrest = Statistics.rate(arrests, encounters, MINIMUM_ENCOUNTERS);
            Metric.Rate forceRate = Statistics.rate(force, encounters, MINIMUM_ENCOUNTERS);
            Metric.Rate follow = Statistics.rate(followUp, encounters, MINIMUM_ENCOUNTERS);
            Metric.Median median = Statistics.median(minutes, MINIMUM_ENCOUNTERS);
            List<String> flagged = new ArrayList<>();
            Map<String, Boolean> sufficient = new java.util.LinkedHashMap<>();
            sufficient.put("diversion", diversion.sufficient());
            sufficient.put("arrest", arrest.sufficient());
            sufficient.put("force", forceRate.sufficient());
            sufficient.put("followUp", follow.sufficient());
            sufficient.put("medianResponseMinutes", median.sufficient());
            sufficient.forEach((name, ok) -> {
                if (!ok) {
                    flagged.add(name);
                }
            });
            return new SurveyReport.Metrics(programs, encounters, diversion, arrest, forceRate, follow, median, flagged);
        }

        /** The rates alone, flagged like {@link #metrics()}. */
        SurveyReport.RateMetrics rates() {
            SurveyReport.Metrics m = metrics();
            return new SurveyReport.RateMetrics(programs, encounters, m.diversion(), m.arrest(), m.force(), m.followUp(),
                    m.flagged().stream().filter(f -> !f.equals("medianResponseMinutes")).toList());
        }
    }

}
