package org.safepolicing.platform.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One row of the audit trail: who did what to which object, with what outcome, from where. Append-only: the database
 * chains each row to the one before it by hash and refuses updates and deletes (migration V1_1).
 */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    public String actor;

    @Column(name = "actor_roles")
    public String actorRoles;

    @Column(name = "actor_agency")
    public String actorAgency;

    public String action;

    @Column(name = "object_type")
    public String objectType;

    @Column(name = "object_id")
    public String objectId;

    public String outcome;

    @Column(name = "request_id")
    public String requestId;

    @Column(name = "source_address")
    public String sourceAddress;

    /** Which of the 16 hash chains holds the row (one per transaction); set by the database when the row is inserted. */
    @Column(name = "chain", insertable = false, updatable = false)
    public Short chain;

    /** The hash of the row before this one in its chain; set by the database when the row is inserted. */
    @Column(name = "prev_hash", insertable = false, updatable = false)
    public String prevHash;

    /** SHA-256 of this row's fields and {@link #prevHash}; set by the database when the row is inserted. */
    @Column(name = "row_hash", insertable = false, updatable = false)
    public String rowHash;
}
