package org.safepolicing.coresponder.program;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.safepolicing.contracts.events.ProgramModel;
import org.safepolicing.contracts.events.ProgramStatus;
import org.safepolicing.coresponder.web.Text;

/** Request bodies of the program API. */
public final class ProgramRequests {

    /** A new program: it starts PLANNED. */
    public record Create(
            @NotBlank @Size(max = 200) @Pattern(regexp = Text.PRINTABLE, message = Text.PRINTABLE_MESSAGE) String partnerOrganization,
            @NotNull ProgramModel model,
            @NotNull @Size(max = 500) List<@NotNull @Valid ClinicianPosition> clinicians,
            @NotNull @Min(1) @Max(168) Integer coverageHoursPerWeek,
            @Size(max = 200) @Pattern(regexp = Text.PRINTABLE, message = Text.PRINTABLE_MESSAGE) String coverageArea) {
    }

    /** A clinician position: a type and hours per week; no name. */
    public record ClinicianPosition(@NotNull ClinicianType type, @NotNull @Min(1) @Max(80) Integer weeklyHours) {
    }

    /** The program's clinicians as they are now (replaces the list). */
    public record Clinicians(@NotNull @Size(max = 500) List<@NotNull @Valid ClinicianPosition> clinicians) {
    }

    /** A status change, with why. */
    public record StatusChange(@NotNull ProgramStatus status,
                               @Size(max = 500) @Pattern(regexp = Text.PRINTABLE, message = Text.PRINTABLE_MESSAGE) String reason) {
    }

    /** A program's annual budget for a calendar year and its main funding source (Sec. 4(c)). */
    public record Cost(@NotNull @jakarta.validation.constraints.DecimalMin("1")
                       @jakarta.validation.constraints.DecimalMax("100000000000")
                       @jakarta.validation.constraints.Digits(integer = 12, fraction = 0,
                               message = "must be whole US dollars (1 to 100,000,000,000)")
                       java.math.BigDecimal annualBudgetUsd,
                       @NotNull FundingSource fundingSource) {

        /** Whole dollars: a fraction is refused by validation, never truncated (Jackson would read 1000.5 into a long as 1000). */
        public long budget() {
            return annualBudgetUsd.longValueExact();
        }
    }

    /** A cost as stored. */
    public record CostView(int year, long annualBudgetUsd, FundingSource fundingSource, String reportedBy,
                           java.time.Instant reportedAt) {
    }

    private ProgramRequests() {
    }
}
