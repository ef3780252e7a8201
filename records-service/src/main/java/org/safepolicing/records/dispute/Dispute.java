package org.safepolicing.records.dispute;

import java.time.Instant;
import java.time.LocalDate;
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
import org.safepolicing.records.dispute.DisputeRequests.Outcome;

/**
 * An officer's dispute of one record, acknowledged on filing with a response due date, and decided once: OPEN →
 * UPHELD | AMENDED | EXPUNGED. Sec. 3(a) creates the database "accounting for applicable privacy and due process
 * rights"; the order names no dispute procedure, so the procedure is this service's (DESIGN, "Officer notice and
 * dispute"): the officer's statement travels with the record, DOJ decides as the neutral reviewer, and the answer is
 * due {@value #RESPONSE_WORKING_DAYS} federal working days after filing. A second decision is 409
 * {@code illegal-transition}.
 */
@Entity
@Table(name = "dispute")
public class Dispute {

    public static final int RESPONSE_WORKING_DAYS = 10;

    /** Which status may follow which; a decided dispute is final. */
    static final Map<DisputeStatus, Set<DisputeStatus>> TRANSITIONS = Map.of(
            DisputeStatus.OPEN, Set.of(DisputeStatus.UPHELD, DisputeStatus.AMENDED, DisputeStatus.EXPUNGED),
            DisputeStatus.UPHELD, Set.of(),
            DisputeStatus.AMENDED, Set.of(),
            DisputeStatus.EXPUNGED, Set.of());

    @Id
    public UUID id;

    @Column(name = "record_id")
    public UUID recordId;

    @Column(name = "officer_id")
    public UUID officerId;

    public String statement;

    @Enumerated(EnumType.STRING)
    public DisputeStatus status;

    @Column(name = "filed_at")
    public Instant filedAt;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "response_due")
    public LocalDate responseDue;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decision_reason")
    public String decisionReason;

    @Version
    public long version;

    /** A dispute filed (and acknowledged) at {@code now}, on {@code today}: OPEN, with its response due date. */
    public static Dispute filed(UUID recordId, UUID officerId, String statement, Instant now, LocalDate today) {
        Dispute d = new Dispute();
        d.id = UUID.randomUUID();
        d.recordId = recordId;
        d.officerId = officerId;
        d.statement = statement;
        d.status = DisputeStatus.OPEN;
        d.filedAt = now;
        d.acknowledgedAt = now;
        d.responseDue = WorkingDays.after(today, RESPONSE_WORKING_DAYS);
        return d;
    }

    public boolean mayChangeTo(DisputeStatus next) {
        return TRANSITIONS.get(status).contains(next);
    }

    /** The reviewer's decision: the dispute takes the outcome's status, with who decided, when and why. */
    public void decide(Outcome outcome, String reason, String by, Instant now) {
        DisputeStatus next = switch (outcome) {
            case UPHOLD -> DisputeStatus.UPHELD;
            case AMEND -> DisputeStatus.AMENDED;
            case EXPUNGE -> DisputeStatus.EXPUNGED;
        };
        if (!mayChangeTo(next)) {
            throw ProblemException.illegalTransition("dispute", id, status, "decide it again");
        }
        status = next;
        decidedAt = now;
        decidedBy = by;
        decisionReason = reason;
    }
}
