package org.safepolicing.credentialing.credential;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.safepolicing.contracts.events.AgencyCredentialChanged;
import org.safepolicing.contracts.events.CredentialStatus;

/** An agency's credential from one credentialing body, from SOUGHT to its end. */
@Entity
@Table(name = "agency_credential")
public class AgencyCredential {

    @Id
    public UUID id;

    public String ori;

    @Column(name = "body_id")
    public UUID bodyId;

    @Enumerated(EnumType.STRING)
    public CredentialStatus status;

    @Column(name = "standards_version")
    public String standardsVersion;

    @Column(name = "valid_from")
    public LocalDate validFrom;

    @Column(name = "valid_until")
    public LocalDate validUntil;

    public String reason;

    @Column(name = "affirmed_by")
    public String affirmedBy;

    @Column(name = "affirmed_at")
    public Instant affirmedAt;

    @Column(name = "determination_date")
    public LocalDate determinationDate;

    @Column(name = "decided_by")
    public String decidedBy;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "unmet_standards")
    public List<String> unmetStandards;

    /** The encouraged topics' findings by outcome, recorded when the credential is decided (see {@link TopicFindings}). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "topics_met")
    public List<String> topicsMet;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "topics_not_met")
    public List<String> topicsNotMet;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "topics_not_applicable")
    public List<String> topicsNotApplicable;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "topics_not_assessed")
    public List<String> topicsNotAssessed;

    @Column(name = "renewal_of")
    public UUID renewalOf;

    @Column(name = "superseded_by")
    public UUID supersededBy;

    @Column(name = "sought_at")
    public Instant soughtAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    /** In force: CREDENTIALED and not replaced by a renewal. */
    public boolean inForce() {
        return status == CredentialStatus.CREDENTIALED && supersededBy == null;
    }

    public AgencyCredentialChanged changed(CredentialStatus previous) {
        return new AgencyCredentialChanged(id, ori, bodyId, status, previous, standardsVersion, validFrom, validUntil,
                unmetStandards == null ? List.of() : List.copyOf(unmetStandards), reason, updatedAt, renewalOf);
    }
}
