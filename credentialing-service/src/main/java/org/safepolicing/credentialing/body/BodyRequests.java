package org.safepolicing.credentialing.body;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

/** Request bodies of the credentialing-body API. */
public final class BodyRequests {

    /**
     * A body's application: its name, the standards its review covers (all mandatory ones at least), how its reviews
     * address the topics EO 13929 Sec. 2(c) names (a statement per topic) and its confirmation that it will check the
     * two standards of Sec. 2(c)(i)-(ii). DOJ records the application as the body submitted it; certification needs
     * every statement and the confirmation (422 application-incomplete otherwise).
     */
    public record Application(
            @NotBlank @Size(max = 200) String name,
            @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 64) String> coveredStandards,
            @Valid Sec2cTopics addresses,
            Boolean confirmsMandatoryStandards) {
    }

    /** How the body's reviews address each topic Sec. 2(c) names. */
    public record Sec2cTopics(
            @Size(max = 4000) String useOfForcePoliciesAndTraining,
            @Size(max = 4000) String deEscalationPoliciesAndTraining,
            @Size(max = 4000) String earlyWarningSystems,
            @Size(max = 4000) String communityEngagement) {
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
