package org.safepolicing.credentialing.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Active agencies counted by state, type and the status of each agency's current credential (the one in force, else
 * the latest): NONE for an agency that never sought one.
 */
public record CredentialCounts(LocalDate asOf, long agencies, Map<String, Long> byStatus, List<Row> rows) {

    public record Row(String state, String type, String status, long count) {
    }
}
