package org.safepolicing.records.record;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A record as its submitting agency, DOJ or the officer sees it. */
public record RecordView(
        UUID id,
        UUID officerId,
        String submittingOri,
        RecordCategory category,
        LocalDate incidentDate,
        String summary,
        FairProcessView fairProcess,
        RecordStatus status,
        String officerStatement,
        String reportingPeriod,
        Instant submittedAt,
        Instant updatedAt) {

    public record FairProcessView(LocalDate noticeDate, LocalDate responseDate, boolean hearingHeld,
                                  LocalDate finalAdjudicationDate, String adjudication, AppealStatus appealStatus,
                                  boolean isFinal) {
    }

    public static RecordView of(MisconductRecord r) {
        return new RecordView(r.id, r.officerId, r.submittingOri, r.category, r.incidentDate, r.summary,
                new FairProcessView(r.noticeDate, r.responseDate, r.hearingHeld, r.finalAdjudicationDate, r.adjudication,
                        r.appealStatus, r.fairProcessFinal()),
                r.status, r.officerStatement, r.reportingPeriod, r.submittedAt, r.updatedAt);
    }
}
