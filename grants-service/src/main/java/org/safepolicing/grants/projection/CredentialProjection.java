package org.safepolicing.grants.projection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An agency's latest credential, from credentialing.events.v1 (keyed by ORI, so in order per agency). */
@Entity
@Table(name = "credential_projection")
public class CredentialProjection {

    @Id
    public String ori;

    @Column(name = "credential_id")
    public UUID credentialId;

    @Column(name = "body_id")
    public UUID bodyId;

    /** As the event spells it; a status added later upstream is kept and counts as neither sought nor held. */
    public String status;

    @Column(name = "valid_until")
    public LocalDate validUntil;

    /** Standard codes not met, comma separated, when DENIED. */
    @Column(name = "unmet_standards")
    public String unmetStandards;

    public String reason;

    /** When the credential entered its status, as the producer says (else the event time). */
    @Column(name = "status_since")
    public Instant statusSince;

    @Embedded
    public AppliedEvent lastEvent;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
