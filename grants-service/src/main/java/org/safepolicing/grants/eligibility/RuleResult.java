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

    static RuleResult fail(String rule, String reason, DecidingEvent decidedBy) {
        return new RuleResult(rule, Outcome.FAIL, reason, decidedBy);
    }

    public boolean passed() {
        return outcome == Outcome.PASS;
    }

    RuleOutcome toContract() {
        return decidedBy == null
                ? new RuleOutcome(rule, outcome.name(), reason, null, null, null)
                : new RuleOutcome(rule, outcome.name(), reason, decidedBy.eventId(), decidedBy.eventType(),
                        decidedBy.eventTime());
    }
}
