package org.safepolicing.credentialing.credential;

/** What a body may decide on a sought credential. */
public enum DecisionOutcome {
    CREDENTIALED, DENIED
}
