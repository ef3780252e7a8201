package org.safepolicing.grants.eligibility;

/** One condition of grant eligibility, decided from the projection alone. */
public interface EligibilityRule {

    /** Stable code, e.g. {@code SEC_2B_CREDENTIAL}. */
    String code();

    RuleResult evaluate(AgencyStanding standing);
}
