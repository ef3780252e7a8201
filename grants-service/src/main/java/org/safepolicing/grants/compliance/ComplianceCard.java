package org.safepolicing.grants.compliance;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.safepolicing.grants.eligibility.EligibilityView;

/**
 * One agency's whole standing under EO 13929 as grants-service knows it from the topics: its registry entry, its
 * credential and the body behind it (Sec. 2(b)), its reporting standing (Sec. 3(d)), its co-responder programs and
 * training coverage (Sec. 4), its eligibility for every DOJ discretionary grant and for each program it applied to
 * (each rule with its deciding event and what must change), and its awards with their flags. A part grants has heard
 * nothing of is null (or empty).
 */
@Schema(name = "ComplianceCard")
public record ComplianceCard(String ori, Instant asOf, Registry registry, Credential credential, Reporting reporting,
                             CoResponder coResponder, EligibilityView eligibility, List<ProgramStanding> programs,
                             List<Award> awards) {

    /** The agency's entry in agency-registry.v1. */
    public record Registry(String name, String agencyType, boolean active, Instant updatedAt) {
    }

    /**
     * The agency's latest credential (credentialing.events.v1) and its body's standing; {@code unmetStandards} are the
     * standards a denial names.
     */
    public record Credential(UUID credentialId, String status, Instant statusSince, LocalDate validUntil, String reason,
                             List<String> unmetStandards, UUID bodyId, String bodyName, String bodyStatus,
                             LocalDate bodyTermEnd) {
    }

    /** The agency's reporting standing as records-service states it (records.reporting.v1). */
    public record Reporting(String period, String status, boolean current, LocalDate periodEnd, LocalDate dueDate,
                            Instant updatedAt) {
    }

    /** Co-responder programs and training coverage (coresponder.events.v1); training null when none was reported. */
    public record CoResponder(List<Program> programs, Training training) {
    }

    public record Program(UUID programId, String partnerOrganization, String model, String status) {
    }

    public record Training(int trainedOfficers, int swornOfficers, BigDecimal coverage) {
    }

    /** The agency's eligibility for a grant program it applied to. */
    public record ProgramStanding(UUID grantProgramId, String name, int fiscalYear, EligibilityView eligibility) {
    }

    /** An award to the agency, flagged while the agency is not eligible for its program. */
    public record Award(UUID id, UUID grantProgramId, UUID applicationId, BigDecimal amount, Instant awardedAt,
                        boolean flagged, String flagReason, Instant flaggedAt) {
    }
}
