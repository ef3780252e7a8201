package org.safepolicing.contracts.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An agency's reporting standing for a period changed. Key: the ORI. Carries no officer-level data.
 *
 * @param period    the period, e.g. {@code 2026-Q3}
 * @param current   whether the agency is current overall (no delinquent period) after this change
 */
public record ReportingStatusChanged(
        String ori,
        String period,
        ReportingStatus status,
        ReportingStatus previousStatus,
        LocalDate periodEnd,
        LocalDate dueDate,
        boolean current,
        Instant occurredAt) {
}
