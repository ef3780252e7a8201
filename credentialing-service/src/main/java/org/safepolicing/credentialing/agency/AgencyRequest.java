package org.safepolicing.credentialing.agency;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.platform.validation.ValidOri;

/** What DOJ states when it registers an agency. The state must be the ORI's own state code. */
public record AgencyRequest(
        @NotNull @ValidOri String ori,
        @NotBlank @Size(max = 200) String name,
        @NotNull AgencyType type,
        @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be a 2-letter state or territory code") String state,
        @Size(max = 100) String county,
        @PositiveOrZero @Max(100_000) Integer swornOfficers,
        @PositiveOrZero @Max(50_000_000) Long populationServed,
        @Pattern(regexp = "URBAN|SUBURBAN|RURAL", message = "must be URBAN, SUBURBAN or RURAL") String urbanRural) {
}
