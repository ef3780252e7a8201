package org.safepolicing.credentialing.body;

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
import org.safepolicing.contracts.events.BodyStatus;
import org.safepolicing.contracts.events.CredentialingBodyChanged;

/** An independent credentialing body and its standing with the Attorney General. */
@Entity
@Table(name = "credentialing_body")
public class CredentialingBody {

    @Id
    public UUID id;

    public String name;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "covered_standards")
    public List<String> coveredStandards;

    @Enumerated(EnumType.STRING)
    public BodyStatus status;

    @Column(name = "standards_version")
    public String standardsVersion;

    @Column(name = "status_reason")
    public String statusReason;

    @Column(name = "term_start")
    public LocalDate termStart;

    @Column(name = "term_end")
    public LocalDate termEnd;

    @Column(name = "addresses_use_of_force")
    public String addressesUseOfForce;

    @Column(name = "addresses_de_escalation")
    public String addressesDeEscalation;

    @Column(name = "addresses_early_warning")
    public String addressesEarlyWarning;

    @Column(name = "addresses_community_engagement")
    public String addressesCommunityEngagement;

    @Column(name = "confirms_mandatory_standards")
    public Boolean confirmsMandatoryStandards;

    @Version
    public long version;

    /**
     * What the application lacks for DOJ to certify the body (EO 13929 Sec. 2(c)): a statement for each topic the
     * order names, and the confirmation that the body will check Sec. 2(c)(i)-(ii). Empty when complete.
     */
    public java.util.List<String> applicationMissing() {
        java.util.List<String> missing = new java.util.ArrayList<>();
        if (blank(addressesUseOfForce)) {
            missing.add("addresses.useOfForcePoliciesAndTraining");
        }
        if (blank(addressesDeEscalation)) {
            missing.add("addresses.deEscalationPoliciesAndTraining");
        }
        if (blank(addressesEarlyWarning)) {
            missing.add("addresses.earlyWarningSystems");
        }
        if (blank(addressesCommunityEngagement)) {
            missing.add("addresses.communityEngagement");
        }
        if (!Boolean.TRUE.equals(confirmsMandatoryStandards)) {
            missing.add("confirmsMandatoryStandards");
        }
        return missing;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    public boolean certified() {
        return status == BodyStatus.CERTIFIED;
    }

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public CredentialingBodyChanged changed(BodyStatus previous) {
        return new CredentialingBodyChanged(id, name, status, previous, List.copyOf(coveredStandards), termStart, termEnd,
                statusReason, updatedAt);
    }
}
