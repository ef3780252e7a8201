package org.safepolicing.grants.award;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An agency's application to a grant program, with its eligibility when it applied. */
@Entity
@Table(name = "grant_application")
public class GrantApplication {

    public enum Status {
        SUBMITTED, AWARDED
    }

    @Id
    public UUID id;

    @Column(name = "grant_program_id")
    public UUID grantProgramId;

    public String ori;

    @Column(name = "requested_amount")
    public BigDecimal requestedAmount;

    public String purpose;

    @Enumerated(EnumType.STRING)
    public Status status;

    /** Every rule's result when the agency applied (JSON list). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "eligibility_at_submission")
    public String eligibilityAtSubmission;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "submitted_by")
    public String submittedBy;
}
