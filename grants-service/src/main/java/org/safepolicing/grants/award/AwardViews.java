package org.safepolicing.grants.award;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.safepolicing.grants.eligibility.EligibilityView;
import org.safepolicing.grants.eligibility.RuleResult;
import org.safepolicing.grants.ranking.RankedApplication;
import org.safepolicing.grants.ranking.SurveyRank;
import org.safepolicing.platform.validation.ValidOri;

/** What the application and award endpoints take and answer. Money is US dollars with two decimals. */
public final class AwardViews {

    private static final TypeReference<List<RuleResult>> RULE_LIST = new TypeReference<>() {
    };

    private AwardViews() {
    }

    @Schema(name = "GrantApplicationRequest")
    public record ApplicationRequest(
            @NotNull @ValidOri @Schema(description = "the applying agency: the caller's own ORI", examples = "VA0290100")
            String ori,
            @NotNull @DecimalMin("0.01") @Digits(integer = 13, fraction = 2) @Schema(examples = "250000.00")
            BigDecimal requestedAmount,
            @NotBlank @Size(max = 4000) String purpose) {
    }

    @Schema(name = "GrantAwardRequest")
    public record AwardRequest(
            @NotNull @DecimalMin("0.01") @Digits(integer = 13, fraction = 2) @Schema(examples = "200000.00")
            BigDecimal amount) {
    }

    @Schema(name = "GrantApplication")
    public record ApplicationView(UUID id, UUID grantProgramId, String ori, BigDecimal requestedAmount, String purpose,
                                  GrantApplication.Status status, Instant submittedAt,
                                  @Schema(description = "every rule's result when the agency applied")
                                  List<EligibilityView.Rule> eligibilityAtSubmission,
                                  @JsonInclude(JsonInclude.Include.NON_NULL)
                                  @Schema(description = "only with order=survey: where HHS's survey report puts the"
                                          + " application, and why (ordering only, never eligibility or an award)")
                                  SurveyRank ranking) {

        static ApplicationView of(GrantApplication a, ObjectMapper json) {
            return of(a, null, json);
        }

        static ApplicationView of(RankedApplication<GrantApplication> ranked, ObjectMapper json) {
            return of(ranked.application(), ranked.ranking(), json);
        }

        private static ApplicationView of(GrantApplication a, SurveyRank ranking, ObjectMapper json) {
            return new ApplicationView(a.id, a.grantProgramId, a.ori, a.requestedAmount, a.purpose, a.status,
                    a.submittedAt, rules(a.eligibilityAtSubmission, json), ranking);
        }
    }

    @Schema(name = "GrantAward")
    public record AwardView(UUID id, UUID applicationId, UUID grantProgramId, String ori, BigDecimal amount,
                            Instant awardedAt, String awardedBy,
                            @Schema(description = "true while the agency is not eligible for the program") boolean flagged,
                            @Schema(description = "the failing rules and their reasons, while flagged") String flagReason,
                            Instant flaggedAt, Instant flagClearedAt,
                            @Schema(description = "every rule's result when the award was made")
                            List<EligibilityView.Rule> eligibilityAtAward) {

        static AwardView of(GrantAward a, ObjectMapper json) {
            return new AwardView(a.id, a.applicationId, a.grantProgramId, a.ori, a.amount, a.awardedAt, a.awardedBy,
                    a.flagged, a.flagReason, a.flaggedAt, a.flagClearedAt, rules(a.eligibilityAtAward, json));
        }
    }

    private static List<EligibilityView.Rule> rules(String stored, ObjectMapper json) {
        try {
            return json.readValue(stored, RULE_LIST).stream().map(EligibilityView.Rule::of).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rule results cannot be read", e);
        }
    }
}
