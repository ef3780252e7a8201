package org.safepolicing.credentialing.credential;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

/** Request bodies of the agency-credential API. */
public final class CredentialRequests {

    /**
     * An agency seeks a credential from a certified body. A head-of-agency affirmation (that the agency is seeking
     * credentialing from that body) counts as seeking: the credential is SOUGHT either way, and the affirmation is kept.
     */
    public record Seek(@NotNull UUID bodyId, @Valid HeadOfAgencyAffirmation affirmation) {
    }

    /** Who affirmed, as head of the agency. */
    public record HeadOfAgencyAffirmation(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 200) String title,
                                          @Size(max = 2000) String statement) {
    }

    /** An agency withdraws; the reason is optional. */
    public record Withdrawal(@Size(max = 2000) String reason) {
    }

    /** The body's assessor records one standard. */
    public record Assessment(@NotNull AssessmentOutcome outcome,
                             @Size(max = 50) List<@NotBlank @Size(max = 500) String> evidenceRefs,
                             @Size(max = 4000) String notes) {
    }

    /** The body decides: CREDENTIALED (valid 36 months from the determination date) or DENIED. */
    public record Decision(@NotNull DecisionOutcome outcome, @Size(max = 2000) String reason,
                           @PastOrPresent LocalDate determinationDate) {
    }

    /** The body revokes a credential in force, stating why. */
    public record Revocation(@NotBlank @Size(max = 2000) String reason) {
    }

    private CredentialRequests() {
    }
}
