package org.safepolicing.grants.eligibility;

import org.safepolicing.contracts.events.RuleOutcome;

/**
 * One rule's answer for one agency.
 *
 * @param decidedBy the event that decided it, or null when no event has (e.g. an agency never seen)
 */
public record RuleResult(String rule, Outcome outcome, String reason, DecidingEvent decidedBy) {

    static RuleResult pass(String rule, String reason, DecidingEvent decidedBy) {
        return new RuleResult(rule, Outcome.PASS, reason, decidedBy);
    }

    static RuleResult notApplicable(String rule, String reason, DecidingEvent decidedBy) {
        return new RuleResult(rule, Outcome.NOT_APPLICABLE, reason, decidedBy);
    }

    static RuleResult fail(String rule, String reason, DecidingEvent decidedBy) {
        return new RuleResult(rule, Outcome.FAIL, reason, decidedBy);
    }

    /** Whether the rule does not block eligibility: it passes or does not apply to the agency. */
    public boolean passed() {
        return outcome != Outcome.FAIL;
    }

    /**
     * As {@code grants.eligibility.changed} carries it: the contract's rule-outcome is PASS, FAIL or NOT_APPLICABLE
     * (eligibility-changed.v1, event-contracts 1.2.0); only FAIL makes the agency ineligible.
     */
    RuleOutcome toContract() {
        return decidedBy == null
                ? new RuleOutcome(rule, outcome.name(), reason, null, null, null)
                : new RuleOutcome(rule, outcome.name(), reason, decidedBy.eventId(), decidedBy.eventType(),
                        decidedBy.eventTime());
    }
}
