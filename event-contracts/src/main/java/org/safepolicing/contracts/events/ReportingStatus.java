package org.safepolicing.contracts.events;

/** An agency's standing for one reporting period (Sec. 3(d)). */
public enum ReportingStatus {
    /** The period has not ended, or it has ended and its due date has not passed. */
    OPEN,
    /** A report (or a zero report) was submitted for the period. */
    SUBMITTED,
    /** The due date passed without a report. */
    DELINQUENT
}
