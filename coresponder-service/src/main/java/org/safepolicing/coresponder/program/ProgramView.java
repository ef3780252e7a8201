package org.safepolicing.coresponder.program;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.safepolicing.contracts.events.ProgramModel;
import org.safepolicing.contracts.events.ProgramStatus;

/** A program as the API shows it. */
public record ProgramView(UUID id, String ori, String partnerOrganization, ProgramModel model, ProgramStatus status,
                          List<ProgramRequests.ClinicianPosition> clinicians, int coverageHoursPerWeek,
                          String coverageArea, Instant createdAt, Instant updatedAt) {

    static ProgramView of(Program p) {
        return new ProgramView(p.id, p.ori, p.partnerOrganization, p.model, p.status,
                p.clinicians.stream().map(c -> new ProgramRequests.ClinicianPosition(c.type, c.weeklyHours)).toList(),
                p.coverageHoursPerWeek, p.coverageArea, p.createdAt, p.updatedAt);
    }

    /** One entry of the status history. */
    public record StatusChangeView(ProgramStatus from, ProgramStatus to, String reason, String changedBy, Instant changedAt) {
        static StatusChangeView of(ProgramStatusChange c) {
            return new StatusChangeView(c.from, c.to, c.reason, c.changedBy, c.changedAt);
        }
    }
}
