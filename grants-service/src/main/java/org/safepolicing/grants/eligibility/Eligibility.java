package org.safepolicing.grants.eligibility;

import java.time.Instant;
import java.util.List;

/**
 * An agency's eligibility for the conditions every DOJ discretionary grant carries.
 *
 * @param asOf when this answer was reached; it holds until a later event changes it
 */
public record Eligibility(String ori, boolean eligible, Instant asOf, List<RuleResult> rules) {
}
