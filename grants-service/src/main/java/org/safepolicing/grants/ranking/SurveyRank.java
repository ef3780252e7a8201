package org.safepolicing.grants.ranking;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.safepolicing.grants.projection.SurveyReportProjection;

/**
 * Why an application stands where it does when ordered by HHS's survey report (Sec. 4(c), 4(d)). It orders; it never
 * decides eligibility or an award.
 */
@Schema(name = "SurveyRank", description = "Why the application stands where it does in the survey order (Sec. 4(c),"
        + " 4(d)); ordering only, never eligibility or an award")
public record SurveyRank(
        @Schema(description = "1-based place in the whole ordering (not in the page)") int position,
        @Schema(description = "the recommended model the rank comes from; null when none", examples = "MOBILE_CRISIS_TEAM")
        String model,
        @Schema(description = "the model's rank in the report, 1 the best; null when no recommended model") Integer modelRank,
        @Schema(description = "what the report recommends for the model: EXPAND, MAINTAIN or REVIEW") String recommendation,
        @Schema(description = "the report's funding rule that decided the recommendation", examples = "R2-EXPAND") String rule,
        @Schema(description = "the agency's ACTIVE co-responder program that runs the model") UUID coResponderProgramId,
        @Schema(description = "the national survey report that ranked; null when none was received") UUID reportId,
        Integer reportVersion,
        String reportPeriod,
        @Schema(description = "why, in plain words") String reason) {

    static SurveyRank unranked(SurveyReportProjection report, String reason) {
        return report == null ? new SurveyRank(0, null, null, null, null, null, null, null, null, reason)
                : new SurveyRank(0, null, null, null, null, null, report.reportId, report.version, report.period, reason);
    }

    SurveyRank at(int place) {
        return new SurveyRank(place, model, modelRank, recommendation, rule, coResponderProgramId, reportId, reportVersion,
                reportPeriod, reason);
    }
}
