package org.safepolicing.records.record;

/** The six kinds of record Sec. 3(a) of the order names. */
public enum RecordCategory {
    TERMINATION, DECERTIFICATION, CRIMINAL_CONVICTION, CIVIL_JUDGMENT, RESIGNED_UNDER_INVESTIGATION,
    RETIRED_UNDER_INVESTIGATION
}
