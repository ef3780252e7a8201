package org.safepolicing.grants.eligibility;

/**
 * A rule's answer. NOT_APPLICABLE: the rule does not govern the agency (e.g. Sec. 2(b) for a tribal, territorial or
 * federal agency, {@link org.safepolicing.contracts.Sec2bCoverage}); it does not block eligibility.
 */
public enum Outcome {
    PASS, FAIL, NOT_APPLICABLE
}
