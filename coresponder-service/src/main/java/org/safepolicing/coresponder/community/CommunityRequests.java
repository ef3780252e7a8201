package org.safepolicing.coresponder.community;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.safepolicing.contracts.events.ProgramModel;
import org.safepolicing.contracts.events.ProgramStatus;
import org.safepolicing.coresponder.program.Program;
import org.safepolicing.coresponder.program.ProgramRequests;
import org.safepolicing.coresponder.web.Text;

/** Request and answer bodies of the community-provider API. */
public final class CommunityRequests {

    /** A provider to register; a county health department names its county. */
    public record Register(
            @NotBlank @Size(max = 200) @Pattern(regexp = Text.PRINTABLE, message = Text.PRINTABLE_MESSAGE) String name,
            @NotNull ProviderKind kind,
            @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be a 2-letter state code") String state,
            @Size(max = 100) @Pattern(regexp = Text.PRINTABLE, message = Text.PRINTABLE_MESSAGE) String county) {
    }

    /** A provider as stored. */
    public record ProviderView(UUID id, String name, ProviderKind kind, String state, String county, String registeredBy,
                               Instant registeredAt) {
        static ProviderView of(CommunityProvider p) {
            return new ProviderView(p.id, p.name, p.kind, p.state, p.county, p.registeredBy, p.registeredAt);
        }
    }

    /** A community provider's program as the API shows it: the provider's id instead of an ORI. */
    public record ProgramView(UUID id, UUID providerId, String partnerOrganization, ProgramModel model, ProgramStatus status,
                              List<ProgramRequests.ClinicianPosition> clinicians, int coverageHoursPerWeek,
                              String coverageArea, Instant createdAt, Instant updatedAt) {
        static ProgramView of(Program p) {
            return new ProgramView(p.id, p.providerId, p.partnerOrganization, p.model, p.status,
                    p.clinicians.stream().map(c -> new ProgramRequests.ClinicianPosition(c.type, c.weeklyHours)).toList(),
                    p.coverageHoursPerWeek, p.coverageArea, p.createdAt, p.updatedAt);
        }
    }

    /** One entry of a program's status history. */
    public record StatusChangeView(ProgramStatus from, ProgramStatus to, String reason, String changedBy, Instant changedAt) {
    }

    private CommunityRequests() {
    }
}
