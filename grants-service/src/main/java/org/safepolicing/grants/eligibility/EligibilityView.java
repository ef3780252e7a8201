package org.safepolicing.grants.eligibility;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to "may this agency receive DOJ discretionary grants (of this program)?", rule by rule. */
@Schema(name = "Eligibility")
public record EligibilityView(
        @Schema(examples = "VA0290100") String ori,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "the grant program; absent for the conditions every DOJ discretionary grant carries")
        UUID grantProgramId,
        @Schema(description = "true when every rule passes") boolean eligible,
        @Schema(description = "when this answer was reached; it holds until a later event changes it") Instant asOf,
        List<Rule> rules,
        @Schema(description = "for each failing rule, what it says now and what must change for it to pass")
        List<RuleCatalog.Remedy> whatMustChange) {

    public static EligibilityView of(Eligibility eligibility) {
        return new EligibilityView(eligibility.ori(), eligibility.grantProgramId(), eligibility.eligible(),
                eligibility.asOf(), eligibility.rules().stream().map(Rule::of).toList(), eligibility.whatMustChange());
    }

    /** One rule's outcome, its reason in plain words, and the event that decided it. */
    @Schema(name = "EligibilityRuleOutcome")
    public record Rule(
            @Schema(examples = "SEC_2B_CREDENTIAL") String rule,
            @Schema(enumeration = {"PASS", "FAIL"}) String outcome,
            @Schema(examples = "credential withdrawn by the agency on 2026-11-22") String reason,
            @Schema(description = "null when no event has decided it, e.g. for an agency never seen") DecidedBy decidedBy) {

        public static Rule of(RuleResult result) {
            return new Rule(result.rule(), result.outcome().name(), result.reason(),
                    result.decidedBy() == null ? null : DecidedBy.of(result.decidedBy()));
        }
    }

    /** The upstream CloudEvent that decided a rule: its id, type and time. */
    @Schema(name = "DecidingEvent")
    public record DecidedBy(String eventId, String eventType, Instant eventTime) {

        static DecidedBy of(DecidingEvent event) {
            return new DecidedBy(event.eventId(), event.eventType(), event.eventTime());
        }
    }
}
