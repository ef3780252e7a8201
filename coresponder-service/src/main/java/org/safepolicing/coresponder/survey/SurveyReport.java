package org.safepolicing.coresponder.survey;

import java.time.Instant;
import java.util.List;

import org.safepolicing.contracts.events.ProgramModel;

/**
 * The community-support model survey: per model, by state, by agency type and by leadership (POLICE_ATTACHED: a police
 * agency's program; COMMUNITY_LED: a community provider's, no ORI), by need (and the community-led programs' need cells
 * alone), with ranking and recommendations.
 */
public record SurveyReport(
        Instant generatedAt,
        Scope scope,
        Method method,
        Pooled pooled,
        List<ModelResult> models,
        List<GroupResult> byState,
        List<GroupResult> byAgencyType,
        List<GroupResult> byLeadership,
        List<NeedResult> byNeed,
        List<NeedGroupResult> byModelAndNeed,
        List<NeedResult> communityLedByNeed,
        Costs costs,
        Funding funding) {

    /**
     * Costs for one calendar year: each model's programs that reported an annual budget for the year, over their
     * encounters of that year.
     */
    public record Costs(int year, String definition, List<ModelCost> models) {
    }

    /**
     * One model's costs. Cost per diverted arrest = budget / diverted encounters; its 95% interval is budget / (encounters
     * × the diversion interval's upper and lower bound), the budget taken as exact (upper null when the lower bound is 0).
     */
    public record ModelCost(ProgramModel model, long programsWithCost, long budgetUsd, long encounters, Metric.Rate diversion,
                            Double costPerEncounterUsd, Double costPerDivertedArrestUsd, Double costPerDivertedArrestLowerUsd,
                            Double costPerDivertedArrestUpperUsd, boolean sufficient, java.util.Map<String, Long> budgetByFundingSource) {
    }

    /** The funding recommendations for the cost year (Sec. 4(c)), with the formula stated. */
    public record Funding(int year, double reallocationShare, double expansionShare, long reallocatedPoolUsd, String formula,
                          List<ModelFunding> models) {
    }

    /** What the report recommends for one ranked model; amounts null when its costs are not known well enough. */
    public record ModelFunding(ProgramModel model, int rank, Action recommendation, String rule, Long reallocationUsd,
                               Long additionalFundingUsd, String rationale) {
    }

    /** The filters applied (null: all). */
    public record Scope(String state, String agencyType) {
    }

    /** How every figure was computed, stated with the report. */
    public record Method(String rateInterval, String medianInterval, int minimumEncounters, String flagging,
                         String diversion, String needs, String ranking, List<Rule> rules) {
    }

    /** A funding rule: applied in order, the first that matches decides. */
    public record Rule(String id, Action action, String condition, String recommendation) {
    }

    public enum Action {
        EVALUATE, EXPAND, REVIEW, MAINTAIN
    }

    /** Every encounter in scope, all models together: the reference the rules compare each model with. */
    public record Pooled(long programs, long encounters, Double diversionRate, Double arrestRate, Double forceRate,
                         Double followUpRate) {
    }

    /** The metrics of one group of programs. */
    public record Metrics(long programs, long encounters, Metric.Rate diversion, Metric.Rate arrest, Metric.Rate force,
                          Metric.Rate followUp, Metric.Median medianResponseMinutes, List<String> flagged) {
    }

    /** One model: metrics, rank (null: not ranked, too few encounters) and recommendation. */
    public record ModelResult(ProgramModel model, Integer rank, Metrics metrics, Recommendation recommendation) {
    }

    public record Recommendation(Action action, String rule, String reason) {
    }

    /**
     * Rates of one group of encounters without a response-time median (the need cells keep counts, not distributions).
     */
    public record RateMetrics(long programs, long encounters, Metric.Rate diversion, Metric.Rate arrest, Metric.Rate force,
                              Metric.Rate followUp, List<String> flagged) {
    }

    /** One need cell (Sec. 4(c)), every model together; all eight cells are listed, empty ones with no figures. */
    public record NeedResult(String need, RateMetrics metrics) {
    }

    /** One model within one need cell; only cells with encounters are listed. Not ranked. */
    public record NeedGroupResult(String need, ProgramModel model, RateMetrics metrics) {
    }

    /** One model within a state or an agency type. Breakdowns are not ranked. */
    public record GroupResult(String group, ProgramModel model, Metrics metrics) {
    }
}
