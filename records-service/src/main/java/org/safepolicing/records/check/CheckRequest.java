package org.safepolicing.records.check;

import java.time.LocalDate;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A hiring or background check: name + date of birth, or state + certification number, and always a purpose. */
public record CheckRequest(
        @NotNull CheckPurpose purpose,
        @Size(max = 100) String firstName,
        @Size(max = 100) String lastName,
        @Past LocalDate dateOfBirth,
        @Pattern(regexp = "[A-Z]{2}", message = "must be a 2-letter state code") String state,
        @Size(max = 40) String certificationNumber) {

    boolean byIdentifier() {
        return state != null && certificationNumber != null && !certificationNumber.isBlank();
    }

    boolean byName() {
        return firstName != null && !firstName.isBlank() && lastName != null && !lastName.isBlank() && dateOfBirth != null;
    }
}
