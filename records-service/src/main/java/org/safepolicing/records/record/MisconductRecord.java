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

    /** The state whose POST board submitted the record (DECERTIFICATION); null when an agency did. */
    @Column(name = "submitting_state")
    public String submittingState;

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

    @Column(name = "judgment_date")
    public LocalDate judgmentDate;

    @Column(name = "final_on")
    public LocalDate finalOn;

    @Column(name = "on_duty_conduct")
    public Boolean onDutyConduct;

    @Column(name = "improper_use_of_force")
    public Boolean improperUseOfForce;

    @Column(name = "use_of_force_investigation")
    public Boolean useOfForceInvestigation;

    @Column(name = "correction_reason")
    public String correctionReason;

    /** JSON of the fields the correction changed ({"summary":{"from":..,"to":..}}). */
    @Column(name = "correction_changes")
    public String correctionChanges;

    @Column(name = "corrected_at")
    public Instant correctedAt;

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

    public FairProcessRule fairProcessRule() {
        return FairProcessRule.of(category);
    }

    /** What the process still lacks under its category's rule (Sec. 3(b) "afforded fair process"). */
    public java.util.List<String> fairProcessMissing() {
        return fairProcessRule().missing(noticeDate, responseDate, finalAdjudicationDate, judgmentDate, appealStatus);
    }

    public boolean fairProcessFinal() {
        return fairProcessMissing().isEmpty();
    }

    /** Sets {@link #finalOn} when the process is final under the category's rule. */
    public void markFinal() {
        finalOn = fairProcessRule().finalOn(noticeDate, responseDate, finalAdjudicationDate, judgmentDate);
    }
}
