package org.safepolicing.grants.eligibility;

/** A rule's answer. */
public enum Outcome {
    PASS, FAIL
}
