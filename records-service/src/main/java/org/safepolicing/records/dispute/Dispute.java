package org.safepolicing.records.dispute;

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

/** An officer's dispute of one record, acknowledged on filing with a response due date. */
@Entity
@Table(name = "dispute")
public class Dispute {

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
}
