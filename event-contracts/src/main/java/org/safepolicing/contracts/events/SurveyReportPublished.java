package org.safepolicing.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * HHS published a dated, immutable report of the community-support model survey "to the President" (EO 13929
 * Sec. 4(c)), with the models it recommends. Grant programs in the co-responder area rank applications by it
 * (Sec. 4(d), 5(b)(i)). Key: the report id. The full report is read from coresponder-service's public API.
 *
 * @param version           1 for the first report of the period, then one more for every later report of it
 * @param period            the period the report covers, e.g. "2026" (a calendar year)
 * @param year              the calendar year of the period; program costs are the annual budgets reported for it
 * @param state             null for the national report; a 2-letter state code for a report restricted to one state
 * @param recommendedModels the models with enough encounters to be ranked (at least 30), best first
 */
public record SurveyReportPublished(
        UUID reportId,
        int version,
        String period,
        int year,
        String state,
        Instant publishedAt,
        List<RecommendedModel> recommendedModels) {

    /**
     * One ranked model and what the report recommends for it.
     *
     * @param recommendation       EXPAND, MAINTAIN or REVIEW (the report's funding rules)
     * @param reallocationUsd      appropriated funds the report reallocates to the model (negative: away from it);
     *                             null when its costs are not known well enough
     * @param additionalFundingUsd additional funding the report recommends for the model; null when none is computed
     */
    public record RecommendedModel(
            ProgramModel model,
            int rank,
            String recommendation,
            String rule,
            String rationale,
            Long reallocationUsd,
            Long additionalFundingUsd) {
    }
}
