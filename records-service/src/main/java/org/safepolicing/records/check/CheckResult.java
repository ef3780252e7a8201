package org.safepolicing.records.check;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.safepolicing.records.record.RecordCategory;
import org.safepolicing.records.record.RecordStatus;
import org.safepolicing.records.record.RecordView;

/**
 * What a check discloses: matching officers with a score, and their ACTIVE, DISPUTED and AMENDED records, each with
 * the officer's statement and, when amended after a dispute, the correction.
 */
public record CheckResult(UUID checkId, String ori, CheckPurpose purpose, Instant performedAt, List<Match> matches) {

    public record Match(UUID officerId, String firstName, String middleName, String lastName, LocalDate dateOfBirth,
                        String state, String certificationNumber, double matchScore, List<DisclosedRecord> records) {
    }

    public record DisclosedRecord(UUID disclosureId, UUID recordId, RecordCategory category, String submittingOri,
                                  String submittingState,
                                  LocalDate incidentDate, String summary, RecordView.FairProcessView fairProcess,
                                  RecordStatus status, String officerStatement, RecordView.Correction correction) {
    }
}
