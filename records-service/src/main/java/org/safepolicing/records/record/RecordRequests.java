package org.safepolicing.records.record;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What agencies send (officers, records with their fair-process facts, bulk submissions) and what a dispute's decision corrects. */
public final class RecordRequests {

    private RecordRequests() {
    }

    /** An officer as the submitting agency knows them; state + certification number identify them. */
    public record OfficerIdentity(
            @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be a 2-letter state code") String state,
            @NotBlank @Size(max = 40) String certificationNumber,
            @NotBlank @Size(max = 100) String firstName,
            @Size(max = 100) String middleName,
            @NotBlank @Size(max = 100) String lastName,
            @NotNull @Past LocalDate dateOfBirth,
            @Valid Employment employment) {
    }

    /** The officer's employment at the submitting agency. */
    public record Employment(@Size(max = 100) String position, @PastOrPresent LocalDate startDate, LocalDate endDate) {
    }

    /**
     * The fair-process facts. Which ones make the process final depends on the category ({@link FairProcessRule}):
     * {@code responseDate} is the day the officer responded or the opportunity to respond closed; {@code judgmentDate}
     * is a court's judgment date (CRIMINAL_CONVICTION, CIVIL_JUDGMENT; {@code finalAdjudicationDate} is read as it
     * when absent); {@code appealStatus} is not asked of a resignation or retirement under investigation.
     */
    public record FairProcess(
            @PastOrPresent LocalDate noticeDate,
            @PastOrPresent LocalDate responseDate,
            Boolean hearingHeld,
            @PastOrPresent LocalDate finalAdjudicationDate,
            @Size(max = 500) String adjudication,
            AppealStatus appealStatus,
            @PastOrPresent LocalDate judgmentDate) {
    }

    public record Submission(
            @NotNull @Valid OfficerIdentity officer,
            @NotNull RecordCategory category,
            @PastOrPresent LocalDate incidentDate,
            @NotBlank @Size(max = 4000) String summary,
            @NotNull @Valid FairProcess fairProcess,
            @Size(max = 10) String reportingPeriod,
            Boolean onDutyConduct,
            Boolean improperUseOfForce,
            Boolean useOfForceInvestigation) {
    }

    /**
     * What a dispute's AMEND decision corrects; fields left out stay as they are. A new category needs its Sec. 3(b)
     * qualifier (stated here or already on the record).
     */
    public record Amendment(RecordCategory category, @PastOrPresent LocalDate incidentDate, @Size(max = 4000) String summary,
                            Boolean onDutyConduct, Boolean improperUseOfForce, Boolean useOfForceInvestigation) {
        boolean isEmpty() {
            return category == null && incidentDate == null && (summary == null || summary.isBlank());
        }
    }

    public record BulkSubmission(
            @NotBlank @Size(max = 100) String clientKey,
            @NotEmpty @Size(max = 10_000) List<@NotNull @Valid Submission> records) {
    }
}
