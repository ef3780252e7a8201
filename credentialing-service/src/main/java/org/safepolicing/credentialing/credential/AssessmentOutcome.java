package org.safepolicing.credentialing.credential;

/** The body's finding on one standard. */
public enum AssessmentOutcome {
    MET, NOT_MET, NOT_APPLICABLE
}
