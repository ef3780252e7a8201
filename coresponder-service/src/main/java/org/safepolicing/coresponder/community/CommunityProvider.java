package org.safepolicing.coresponder.community;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A provider of community-support programs that is not a police agency (a county health department, a nonprofit):
 * its own id, no ORI (EO 13929 Sec. 4(c)).
 */
@Entity
@Table(name = "community_provider")
public class CommunityProvider {

    @Id
    public UUID id;

    public String name;

    @Enumerated(EnumType.STRING)
    public ProviderKind kind;

    public String state;

    public String county;

    @Column(name = "registered_by")
    public String registeredBy;

    @Column(name = "registered_at")
    public Instant registeredAt;
}
