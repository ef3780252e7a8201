package org.safepolicing.grants.program;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.safepolicing.contracts.events.AgencyType;

/** What DOJ sets for a grant program, on creation and on every change. */
@Schema(name = "GrantProgramTerms")
public record ProgramTerms(
        @NotBlank @Size(max = 300) @Schema(examples = "FY2027 Co-Responder Program Support") String name,
        @NotNull GrantArea area,
        @NotNull @Min(2021) @Max(2100) @Schema(examples = "2027") Integer fiscalYear,
        @NotNull @DecimalMin(value = "0.01") @Digits(integer = 13, fraction = 2)
        @Schema(description = "the most the program may award in all, US dollars", examples = "5000000.00")
        BigDecimal appropriation,
        @NotNull @Schema(examples = "2026-10-01") LocalDate applicationOpens,
        @NotNull @Schema(examples = "2027-03-31") LocalDate applicationCloses,
        @Schema(description = "the agency types the program funds; absent or empty: every type")
        List<@NotNull AgencyType> allowedAgencyTypes,
        @Schema(description = "rule codes chosen from SEC_2B_CREDENTIAL, SEC_3D_REPORTING, CORESPONDER_PROGRAM,"
                + " TRAINING_COVERAGE. SEC_2B_CREDENTIAL and SEC_3D_REPORTING, the conditions every DOJ discretionary"
                + " grant carries (EO 13929 Sec. 2(b), 3(d)), are always part of the rule set: added when absent, never"
                + " removed")
        List<@NotBlank String> rules,
        @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 6)
        @Schema(description = "share of sworn officers trained, 0..1; required with TRAINING_COVERAGE", examples = "0.25")
        BigDecimal minimumTrainingCoverage) {
}
