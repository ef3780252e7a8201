package org.safepolicing.contracts.events;

import java.time.Instant;

/**
 * One eligibility rule's answer for one agency.
 *
 * @param rule           stable rule code, e.g. {@code SEC_2B_CREDENTIAL}
 * @param outcome        PASS, FAIL, or NOT_APPLICABLE when the condition does not apply to the agency (see
 *                       {@link org.safepolicing.contracts.Sec2bCoverage}); only FAIL makes it ineligible
 * @param reason         the reason in plain words
 * @param decidedByEventId   id (ce_id) of the event that decided this outcome, if an event did
 * @param decidedByEventType type (ce_type) of that event
 * @param decidedByEventTime time (ce_time) of that event
 */
public record RuleOutcome(
        String rule,
        String outcome,
        String reason,
        String decidedByEventId,
        String decidedByEventType,
        Instant decidedByEventTime) {
}
