package org.safepolicing.records.dispute;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

public record DisputeView(UUID id, UUID recordId, UUID officerId, String statement, DisputeStatus status, Instant filedAt,
                          Instant acknowledgedAt, LocalDate responseDue, Instant decidedAt, String decisionReason) {

    public static DisputeView of(Dispute d) {
        return new DisputeView(d.id, d.recordId, d.officerId, d.statement, d.status, d.filedAt, d.acknowledgedAt,
                d.responseDue, d.decidedAt, d.decisionReason);
    }
}
