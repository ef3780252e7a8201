package org.safepolicing.grants.eligibility;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An agency's current eligibility: overall answer and every rule's result (JSON list of {@link RuleResult}). */
@Entity
@Table(name = "agency_eligibility")
public class AgencyEligibility {

    @Id
    public String ori;

    public boolean eligible;

    @JdbcTypeCode(SqlTypes.JSON)
    public String rules;

    /** When this answer was reached; it holds until a later event changes it. */
    @Column(name = "decided_at")
    public Instant decidedAt;
}
