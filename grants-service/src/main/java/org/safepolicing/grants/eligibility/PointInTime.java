package org.safepolicing.grants.eligibility;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.safepolicing.platform.problem.ProblemException;

/** The {@code at} query parameter: an instant (ISO-8601, UTC) or a date, meaning the end of that day in UTC. */
final class PointInTime {

    private PointInTime() {
    }

    static Instant parse(String at) {
        try {
            if (at.length() == 10) {
                return LocalDate.parse(at).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1_000);
            }
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("at must be an ISO-8601 instant (2026-05-01T12:00:00Z) or a date"
                    + " (2026-05-01), not '" + at + "'");
        }
    }
}
