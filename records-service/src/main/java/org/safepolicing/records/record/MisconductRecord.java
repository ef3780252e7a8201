package org.safepolicing.records.record;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.records.record.RecordRequests.Amendment;
import org.safepolicing.records.record.RecordRequests.FairProcess;

/**
 * One misconduct record with the fair-process facts that decide whether it may ever be disclosed, and the rules of its
 * lifecycle: SUBMITTED → PENDING_FAIR_PROCESS | ACTIVE → DISPUTED → ACTIVE (upheld) | AMENDED | EXPUNGED.
 * <ul>
 * <li>Held until its process is final, Sec. 3(b): "The Attorney General shall take appropriate steps to ensure that the
 * information in the database consists only of instances in which law enforcement officers were afforded fair
 * process." A held record is never disclosed; its facts may change until they are final, then it is ACTIVE.</li>
 * <li>Disputed, and corrected rather than removed, Sec. 3(a): the database is created "accounting for applicable privacy
 * and due process rights". The officer disputes an ACTIVE record; the dispute's decision upholds it (ACTIVE again),
 * amends it (AMENDED, disclosed as corrected) or expunges it (EXPUNGED, never disclosed again). AMENDED and EXPUNGED
 * are final. The order names no dispute procedure: that one is this service's (DESIGN, "Officer notice and dispute").</li>
 * <li>An amendment to another category needs that category's Sec. 3(b) qualifier ({@link Sec3bQualifier}).</li>
 * </ul>
 * Refusals are the service's problems: 409 {@code illegal-transition} with {@code currentState}, 422 for an amendment
 * that corrects nothing or misses its qualifier.
 */
@Entity
@Table(name = "misconduct_record")
public class MisconductRecord {

    /** Which status may follow which; AMENDED and EXPUNGED are final. */
    static final Map<RecordStatus, Set<RecordStatus>> TRANSITIONS = Map.of(
            RecordStatus.SUBMITTED, Set.of(RecordStatus.PENDING_FAIR_PROCESS, RecordStatus.ACTIVE),
            RecordStatus.PENDING_FAIR_PROCESS, Set.of(RecordStatus.ACTIVE),
            RecordStatus.ACTIVE, Set.of(RecordStatus.DISPUTED),
            RecordStatus.DISPUTED, Set.of(RecordStatus.ACTIVE, RecordStatus.AMENDED, RecordStatus.EXPUNGED),
            RecordStatus.AMENDED, Set.of(),
            RecordStatus.EXPUNGED, Set.of());

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
    public List<String> fairProcessMissing() {
        return fairProcessRule().missing(noticeDate, responseDate, finalAdjudicationDate, judgmentDate, appealStatus);
    }

    public boolean fairProcessFinal() {
        return fairProcessMissing().isEmpty();
    }

    public boolean mayChangeTo(RecordStatus next) {
        return TRANSITIONS.get(status).contains(next);
    }

    /** Takes the submitted fair-process facts as they are; {@link #reviewFairProcess()} judges them. */
    public void takeFairProcess(FairProcess fp) {
        noticeDate = fp.noticeDate();
        responseDate = fp.responseDate();
        hearingHeld = Boolean.TRUE.equals(fp.hearingHeld());
        finalAdjudicationDate = fp.finalAdjudicationDate();
        adjudication = fp.adjudication();
        appealStatus = fp.appealStatus();
        judgmentDate = fp.judgmentDate();
    }

    /**
     * The review of a SUBMITTED record: ACTIVE when its process is final under its category's rule (with the day it
     * became final), else held as PENDING_FAIR_PROCESS. Returns the new status.
     */
    public RecordStatus reviewFairProcess() {
        if (status != RecordStatus.SUBMITTED) {
            throw ProblemException.illegalTransition("record", id, status, "review it as submitted");
        }
        changeTo(fairProcessFinal() ? RecordStatus.ACTIVE : RecordStatus.PENDING_FAIR_PROCESS, "review it as submitted");
        return status;
    }

    /**
     * New fair-process facts for a held record: only while PENDING_FAIR_PROCESS (the facts of a record that is or was
     * disclosable are changed only by a dispute's amendment). Returns whether the record became ACTIVE.
     */
    public boolean changeFairProcess(FairProcess fp, Instant now) {
        if (status != RecordStatus.PENDING_FAIR_PROCESS) {
            throw ProblemException.illegalTransition("record", id, status, "change its fair-process facts");
        }
        takeFairProcess(fp);
        updatedAt = now;
        if (!fairProcessFinal()) {
            return false;
        }
        changeTo(RecordStatus.ACTIVE, "change its fair-process facts");
        return true;
    }

    /** The officer disputes an ACTIVE record: DISPUTED, with the statement that travels with every later disclosure. */
    public void dispute(String statement, Instant now) {
        changeTo(RecordStatus.DISPUTED, "dispute it");
        officerStatement = statement;
        updatedAt = now;
    }

    /** The dispute is decided UPHOLD: ACTIVE again, the officer's statement kept. */
    public void uphold(Instant now) {
        requireDisputed("uphold it");
        changeTo(RecordStatus.ACTIVE, "uphold it");
        updatedAt = now;
    }

    /**
     * The dispute is decided AMEND: the record stays, corrected, and is disclosed as corrected with why and what
     * changed. Returns the changes ({"summary":{"from":..,"to":..}}), empty when the amendment repeats what is stored;
     * the caller stores them as {@link #correctionChanges}.
     */
    public Map<String, Map<String, String>> amend(Amendment a, String reason, Instant now) {
        requireDisputed("amend it");
        if (a == null || a.isEmpty()) {
            throw ProblemException.unprocessable("amendment-missing", "an AMEND decision says what it corrects"
                    + " (category, incidentDate or summary)");
        }
        Map<String, Map<String, String>> changes = new LinkedHashMap<>();
        if (a.category() != null && a.category() != category) {
            Boolean onDuty = a.onDutyConduct() != null ? a.onDutyConduct() : onDutyConduct;
            Boolean improperForce = a.improperUseOfForce() != null ? a.improperUseOfForce() : improperUseOfForce;
            Boolean forceInvestigation = a.useOfForceInvestigation() != null ? a.useOfForceInvestigation()
                    : useOfForceInvestigation;
            Sec3bQualifier q = Sec3bQualifier.of(a.category());
            if (q != null && !q.metBy(onDuty, improperForce, forceInvestigation)) {
                throw ProblemException.unprocessable("qualifier-not-met", "amendment." + q.field()
                        + " must be true to amend the record to " + a.category() + ": " + q.rule());
            }
            onDutyConduct = onDuty;
            improperUseOfForce = improperForce;
            useOfForceInvestigation = forceInvestigation;
            changes.put("category", Map.of("from", category.name(), "to", a.category().name()));
            category = a.category();
        }
        if (a.incidentDate() != null && !a.incidentDate().equals(incidentDate)) {
            changes.put("incidentDate", Map.of("from", String.valueOf(incidentDate), "to", a.incidentDate().toString()));
            incidentDate = a.incidentDate();
        }
        if (a.summary() != null && !a.summary().isBlank() && !a.summary().strip().equals(summary)) {
            changes.put("summary", Map.of("from", summary, "to", a.summary().strip()));
            summary = a.summary().strip();
        }
        changeTo(RecordStatus.AMENDED, "amend it");
        correctionReason = reason;
        correctedAt = now;
        updatedAt = now;
        return changes;
    }

    /** The dispute is decided EXPUNGE: kept with its history, never disclosed again. */
    public void expunge(Instant now) {
        requireDisputed("expunge it");
        changeTo(RecordStatus.EXPUNGED, "expunge it");
        updatedAt = now;
    }

    /** A dispute's decision applies to a DISPUTED record only (ACTIVE also follows a held record's review). */
    private void requireDisputed(String attempted) {
        if (status != RecordStatus.DISPUTED) {
            throw ProblemException.illegalTransition("record", id, status, attempted);
        }
    }

    private void changeTo(RecordStatus next, String attempted) {
        if (!mayChangeTo(next)) {
            throw ProblemException.illegalTransition("record", id, status, attempted);
        }
        if (next == RecordStatus.ACTIVE && status != RecordStatus.DISPUTED) {
            // the process became final: the day it did is the year public statistics count the record in
            finalOn = fairProcessRule().finalOn(noticeDate, responseDate, finalAdjudicationDate, judgmentDate);
        }
        status = next;
    }
}
