package org.safepolicing.grants.eligibility;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An applicant's current eligibility for one grant program: overall answer and every rule's result (JSON). */
@Entity
@Table(name = "program_eligibility")
@IdClass(ProgramEligibility.Key.class)
public class ProgramEligibility {

    @Id
    @Column(name = "grant_program_id")
    public UUID grantProgramId;

    @Id
    public String ori;

    public boolean eligible;

    @JdbcTypeCode(SqlTypes.JSON)
    public String rules;

    @Column(name = "decided_at")
    public Instant decidedAt;

    public record Key(UUID grantProgramId, String ori) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
