package org.safepolicing.credentialing.body;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

/** Request bodies of the credentialing-body API. */
public final class BodyRequests {

    /** A body's application: its name and the standards its review covers (all mandatory ones at least). */
    public record Application(
            @NotBlank @Size(max = 200) String name,
            @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 64) String> coveredStandards) {
    }

    /**
     * DOJ certifies a body for a term of months. The term starts today unless DOJ records an earlier decision date;
     * its last day is the day before the same date {@code termMonths} later.
     */
    public record Certification(@NotNull @Min(1) @Max(120) Integer termMonths, @PastOrPresent LocalDate termStart) {
    }

    /** DOJ suspends, revokes or refuses a body, stating why. */
    public record Decision(@NotBlank @Size(max = 2000) String reason) {
    }

    private BodyRequests() {
    }
}
