package org.safepolicing.records.dispute;

import java.time.LocalDate;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import org.safepolicing.records.record.RecordCategory;

public final class DisputeRequests {

    private DisputeRequests() {
    }

    /** The officer's statement; it travels with every later disclosure of the record. */
    public record Filing(@NotBlank @Size(max = 4000) String statement) {
    }

    public enum Outcome {
        UPHOLD, AMEND, EXPUNGE
    }

    /**
     * What an amendment corrects; fields left out stay as they are. A new category needs its Sec. 3(b) qualifier
     * (stated here or already on the record).
     */
    public record Amendment(RecordCategory category, @PastOrPresent LocalDate incidentDate, @Size(max = 4000) String summary,
                            Boolean onDutyConduct, Boolean improperUseOfForce, Boolean useOfForceInvestigation) {
        boolean isEmpty() {
            return category == null && incidentDate == null && (summary == null || summary.isBlank());
        }
    }

    public record Decision(@NotNull Outcome outcome, @NotBlank @Size(max = 4000) String reason, @Valid Amendment amendment) {
    }
}
