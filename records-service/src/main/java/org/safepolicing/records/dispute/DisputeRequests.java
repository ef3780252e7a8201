package org.safepolicing.records.dispute;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.safepolicing.records.record.RecordRequests;

public final class DisputeRequests {

    private DisputeRequests() {
    }

    /** The officer's statement; it travels with every later disclosure of the record. */
    public record Filing(@NotBlank @Size(max = 4000) String statement) {
    }

    public enum Outcome {
        UPHOLD, AMEND, EXPUNGE
    }

    public record Decision(@NotNull Outcome outcome, @NotBlank @Size(max = 4000) String reason,
                           @Valid RecordRequests.Amendment amendment) {
    }
}
