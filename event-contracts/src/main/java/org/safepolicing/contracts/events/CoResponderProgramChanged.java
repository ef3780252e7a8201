package org.safepolicing.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** A co-responder program was created or changed status. Key: the agency's ORI. */
public record CoResponderProgramChanged(
        UUID programId,
        String ori,
        String partnerOrganization,
        ProgramModel model,
        ProgramStatus status,
        ProgramStatus previousStatus,
        Instant occurredAt) {
}
