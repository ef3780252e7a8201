package org.safepolicing.grants.eligibility;

import org.safepolicing.grants.program.GrantProgram;
import org.safepolicing.grants.projection.AgencyStanding;

/** One condition of grant eligibility, decided from the projection alone. */
public interface EligibilityRule {

    /** Stable code, e.g. {@code SEC_2B_CREDENTIAL}. */
    String code();

    /**
     * @param program the program whose terms apply, or null for the conditions every DOJ discretionary grant carries
     */
    RuleResult evaluate(AgencyStanding standing, GrantProgram program);

    /** What the agency must have for the rule to pass, in plain words. */
    String remedy(GrantProgram program);
}
