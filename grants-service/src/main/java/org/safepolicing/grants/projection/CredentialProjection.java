package org.safepolicing.grants.projection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
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

    /**
     * The credential the latest one renews ({@code renewalOf}), while the latest is that renewal: EO 13929 Sec. 2(b)
     * counts the earlier credential as long as it is in force, whatever becomes of the renewal. Null otherwise.
     */
    @Column(name = "earlier_credential_id")
    public UUID earlierCredentialId;

    @Column(name = "earlier_body_id")
    public UUID earlierBodyId;

    @Column(name = "earlier_status")
    public String earlierStatus;

    @Column(name = "earlier_valid_until")
    public LocalDate earlierValidUntil;

    @Column(name = "earlier_status_since")
    public Instant earlierStatusSince;

    /** The last event about the earlier credential (it decides a PASS that rests on it). */
    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "eventId", column = @Column(name = "earlier_event_id")),
            @AttributeOverride(name = "eventType", column = @Column(name = "earlier_event_type")),
            @AttributeOverride(name = "eventTime", column = @Column(name = "earlier_event_time")),
            @AttributeOverride(name = "sequence", column = @Column(name = "earlier_sequence"))})
    public AppliedEvent earlierEvent;

    /** Whether the latest credential renews an earlier one the projection still knows. */
    public boolean hasEarlier() {
        return earlierCredentialId != null;
    }

    /** Moves the latest credential into the earlier slot, as a renewal of it arrives. */
    void keepAsEarlier() {
        earlierCredentialId = credentialId;
        earlierBodyId = bodyId;
        earlierStatus = status;
        earlierValidUntil = validUntil;
        earlierStatusSince = statusSince;
        earlierEvent = lastEvent;
    }

    void forgetEarlier() {
        earlierCredentialId = null;
        earlierBodyId = null;
        earlierStatus = null;
        earlierValidUntil = null;
        earlierStatusSince = null;
        earlierEvent = null;
    }
}
