package org.safepolicing.coresponder.encounter;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One de-identified encounter: the only fields the API accepts. There is no field for a client's name, date of birth,
 * address or any free text, and a payload that carries one is refused.
 *
 * @param responseMinutes minutes from dispatch to the co-responder's arrival; null when not recorded
 * @param injuries        who was injured, by role; empty when nobody was
 * @param followUp        whether the program followed up with the person after the encounter
 */
@Schema(name = "Encounter", description = "A de-identified encounter. Any other field (names, dates of birth, addresses, notes) is refused with 400.")
public record Encounter(
        @Schema(required = true, example = "2026-10-01T21:14:00Z") Instant occurredAt,
        @Schema(required = true, minItems = 1) List<EncounterReason> reasons,
        @Schema(required = true) boolean clinicianOnScene,
        @Schema(minimum = "0", maximum = "1440", nullable = true) Integer responseMinutes,
        @Schema(required = true) Outcome outcome,
        @Schema(required = true) boolean forceUsed,
        @Schema(required = true) List<InjuredParty> injuries,
        @Schema(required = true) boolean followUp) {
}
