package org.safepolicing.records.record;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One misconduct record with the fair-process facts that decide whether it may ever be disclosed. */
@Entity
@Table(name = "misconduct_record")
public class MisconductRecord {

    @Id
    public UUID id;

    @Column(name = "officer_id")
    public UUID officerId;

    @Column(name = "submitting_ori")
    public String submittingOri;

    @Enumerated(EnumType.STRING)
    public RecordCategory category;

    @Column(name = "incident_date")
    public LocalDate incidentDate;

    public String summary;

    @Column(name = "notice_date")
    public LocalDate noticeDate;

    @Column(name = "response_date")
    public LocalDate responseDate;

    @Column(name = "hearing_held")
    public boolean hearingHeld;

    @Column(name = "final_adjudication_date")
    public LocalDate finalAdjudicationDate;

    public String adjudication;

    @Enumerated(EnumType.STRING)
    @Column(name = "appeal_status")
    public AppealStatus appealStatus;

    @Enumerated(EnumType.STRING)
    public RecordStatus status;

    @Column(name = "officer_statement")
    public String officerStatement;

    @Column(name = "reporting_period")
    public String reportingPeriod;

    @Column(name = "bulk_submission_id")
    public UUID bulkSubmissionId;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "submitted_by")
    public String submittedBy;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    /** Notice given, a chance to respond, a final adjudication, and no appeal pending. */
    public boolean fairProcessFinal() {
        return noticeDate != null && responseDate != null && finalAdjudicationDate != null && appealStatus != null
                && appealStatus.isFinal();
    }
}
