package org.safepolicing.records.record;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A record as its submitting agency, DOJ or the officer sees it. */
public record RecordView(
        UUID id,
        UUID officerId,
        String submittingOri,
        String submittingState,
        RecordCategory category,
        LocalDate incidentDate,
        String summary,
        FairProcessView fairProcess,
        Qualifiers qualifiers,
        RecordStatus status,
        String officerStatement,
        String reportingPeriod,
        Correction correction,
        Instant submittedAt,
        Instant updatedAt) {

    /**
     * The facts, the rule of the category ({@code rule}, {@code basis}), whether it is final, what it still lacks and
     * the day it became final.
     */
    public record FairProcessView(LocalDate noticeDate, LocalDate responseDate, boolean hearingHeld,
                                  LocalDate finalAdjudicationDate, String adjudication, AppealStatus appealStatus,
                                  LocalDate judgmentDate, boolean isFinal, FairProcessRule rule, String basis,
                                  List<String> missing, LocalDate finalOn) {
    }

    /** Sec. 3(b)'s qualifiers as stated by the submitter. */
    public record Qualifiers(Boolean onDutyConduct, Boolean improperUseOfForce, Boolean useOfForceInvestigation) {
    }

    /** The correction decided on a dispute (AMEND): why, what changed (JSON), when. */
    public record Correction(String reason, String changes, Instant correctedAt) {
    }

    public static FairProcessView fairProcess(MisconductRecord r) {
        List<String> missing = r.fairProcessMissing();
        return new FairProcessView(r.noticeDate, r.responseDate, r.hearingHeld, r.finalAdjudicationDate, r.adjudication,
                r.appealStatus, r.judgmentDate, missing.isEmpty(), r.fairProcessRule(), r.fairProcessRule().basis(),
                missing, r.finalOn);
    }

    public static Correction correction(MisconductRecord r) {
        return r.correctedAt == null ? null : new Correction(r.correctionReason, r.correctionChanges, r.correctedAt);
    }

    public static RecordView of(MisconductRecord r) {
        return new RecordView(r.id, r.officerId, r.submittingOri, r.submittingState, r.category, r.incidentDate, r.summary,
                fairProcess(r), new Qualifiers(r.onDutyConduct, r.improperUseOfForce, r.useOfForceInvestigation),
                r.status, r.officerStatement, r.reportingPeriod, correction(r), r.submittedAt, r.updatedAt);
    }
}
