package org.safepolicing.grants.eligibility;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Fired by {@link EligibilityService}, synchronously in the deciding transaction, when one decision run changed
 * agencies' answers for programs they applied to: after the answers are kept and before the run's history rows and
 * {@code grants.eligibility.changed} events are written. Awards under review observe it.
 *
 * @param answers   the changed answers, in the order they were decided
 * @param decidedAt when the run decided them
 */
public record ProgramAnswersChanged(List<Answer> answers, Instant decidedAt) {

    /** An agency's new answer for a program: eligible or not, and every rule's result. */
    public record Answer(String ori, UUID grantProgramId, boolean eligible, List<RuleResult> rules) {
    }
}
