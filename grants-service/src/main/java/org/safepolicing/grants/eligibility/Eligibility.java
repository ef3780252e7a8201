package org.safepolicing.grants.eligibility;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An agency's eligibility: for the conditions every DOJ discretionary grant carries ({@code grantProgramId} null), or
 * for one grant program.
 *
 * @param asOf           when this answer was reached; it holds until a later event changes it
 * @param whatMustChange for each failing rule, what must change for it to pass
 */
public record Eligibility(String ori, UUID grantProgramId, boolean eligible, Instant asOf, List<RuleResult> rules,
                          List<RuleCatalog.Remedy> whatMustChange) {

    public List<RuleResult> failing() {
        return rules.stream().filter(r -> !r.passed()).toList();
    }
}
