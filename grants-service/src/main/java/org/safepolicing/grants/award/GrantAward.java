package org.safepolicing.grants.award;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An award to an agency under a program. Flagged for review while the agency is not eligible for the program, with
 * the failing rules' reasons; unflagged when it is eligible again.
 */
@Entity
@Table(name = "grant_award")
public class GrantAward {

    @Id
    public UUID id;

    @Column(name = "application_id")
    public UUID applicationId;

    @Column(name = "grant_program_id")
    public UUID grantProgramId;

    public String ori;

    public BigDecimal amount;

    /** Every rule's result when the award was made (JSON list). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "eligibility_at_award")
    public String eligibilityAtAward;

    @Column(name = "awarded_at")
    public Instant awardedAt;

    @Column(name = "awarded_by")
    public String awardedBy;

    public boolean flagged;

    @Column(name = "flag_reason")
    public String flagReason;

    @Column(name = "flagged_at")
    public Instant flaggedAt;

    @Column(name = "flag_cleared_at")
    public Instant flagClearedAt;
}
