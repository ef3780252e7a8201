package org.safepolicing.coresponder.training;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import org.safepolicing.coresponder.web.Text;

/** Request bodies of the training API. */
public final class TrainingRequests {

    public static final int MAX_COMPLETIONS = 10_000;

    /** A new catalog course. */
    public record Course(
            @NotNull @Pattern(regexp = "[A-Z][A-Z0-9_]{1,39}", message = "must be 2-40 upper-case letters, digits or _") String code,
            @NotBlank @Size(max = 200) @Pattern(regexp = Text.PRINTABLE, message = Text.PRINTABLE_MESSAGE) String title,
            @NotNull @Min(1) @Max(400) Integer hours) {
    }

    /**
     * One officer's completed course. {@code officerRef} is the agency's own pseudonymous reference for the officer
     * (a badge or HR number, or a hash of one): letters, digits, '.', '_' and '-' only, so a name with a space cannot
     * be entered.
     */
    public record Completion(
            @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
                    message = "must be the agency's pseudonymous officer reference: 1-64 letters, digits, '.', '_' or '-'") String officerRef,
            @NotNull @Size(max = 40) String courseCode,
            @NotNull @PastOrPresent LocalDate completedOn) {
    }

    /** A batch of completions (a training campaign), all or nothing. */
    public record Completions(@NotEmpty @Size(max = MAX_COMPLETIONS) List<@NotNull @Valid Completion> completions) {
    }

    private TrainingRequests() {
    }
}
