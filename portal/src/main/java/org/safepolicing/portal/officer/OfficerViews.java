package org.safepolicing.portal.officer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.quarkus.qute.TemplateData;

/** What records-service answers about an officer (Sec. 3(a)-(b) records), as the officer pages show it. */
public final class OfficerViews {

    /** A record about the officer with every change made to it. */
    @TemplateData
    public record OwnRecord(Record record, List<HistoryEntry> history) {

        public List<HistoryEntry> history() {
            return history == null ? List.of() : history;
        }
    }

    @TemplateData
    public record Record(String id, String officerId, String submittingOri, String submittingState, String category,
                         LocalDate incidentDate, String summary, String status, String officerStatement,
                         Instant submittedAt) {

        /** Only an ACTIVE record can be disputed (records-service says so too, and refuses otherwise). */
        public boolean isDisputable() {
            return "ACTIVE".equals(status);
        }
    }

    @TemplateData
    public record HistoryEntry(String fromStatus, String toStatus, String action, String reason, String actor,
                               String actorOri, Instant occurredAt) {
    }

    /** One disclosure of the officer's records: who received it, when, and for what purpose. */
    @TemplateData
    public record Disclosure(String recordId, String recipientOri, String recipientStateBoard, String recipientUser,
                             String purpose, String recordStatus, String channel, Instant disclosedAt) {
    }

    @TemplateData
    public record Notice(String id, String kind, String recordId, String message, Instant createdAt) {
    }

    /** A dispute of a record, as the officer and DOJ see it. */
    @TemplateData
    public record Dispute(String id, String recordId, String officerId, String statement, String status, Instant filedAt,
                          LocalDate responseDue, Instant decidedAt, String decisionReason) {

        public boolean isOpen() {
            return "OPEN".equals(status);
        }
    }

    private OfficerViews() {
    }
}
