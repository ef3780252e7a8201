package org.safepolicing.records.check;

/** Why an agency runs a check; recorded in the disclosure accounting. */
public enum CheckPurpose {
    HIRING, PROMOTION, ASSIGNMENT, INVESTIGATION
}
