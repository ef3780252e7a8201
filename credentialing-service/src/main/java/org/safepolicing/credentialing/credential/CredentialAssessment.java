package org.safepolicing.credentialing.credential;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A body's finding on one standard for one credential, with its evidence; recorded again, it is replaced. */
@Entity
@Table(name = "credential_assessment")
@IdClass(CredentialAssessment.Key.class)
public class CredentialAssessment {

    @Id
    @Column(name = "credential_id")
    public UUID credentialId;

    @Id
    @Column(name = "standard_code")
    public String standardCode;

    @Enumerated(EnumType.STRING)
    public AssessmentOutcome outcome;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "evidence_refs")
    public List<String> evidenceRefs;

    public String notes;

    @Column(name = "assessed_by")
    public String assessedBy;

    @Column(name = "assessed_at")
    public Instant assessedAt;

    public static class Key implements Serializable {
        public UUID credentialId;
        public String standardCode;

        public Key() {
        }

        public Key(UUID credentialId, String standardCode) {
            this.credentialId = credentialId;
            this.standardCode = standardCode;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(credentialId, k.credentialId) && Objects.equals(standardCode, k.standardCode);
        }

        @Override
        public int hashCode() {
            return Objects.hash(credentialId, standardCode);
        }
    }
}
