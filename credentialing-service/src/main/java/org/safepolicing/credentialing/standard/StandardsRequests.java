package org.safepolicing.credentialing.standard;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** DOJ publishes a new version of the standards catalog. */
public final class StandardsRequests {

    public record Publication(
            @NotNull @Pattern(regexp = "[A-Z0-9][A-Z0-9._-]{1,31}", message = "must be 2-32 of A-Z 0-9 . _ -, e.g. DOJ-2026") String version,
            @NotBlank @Size(max = 300) String title,
            @NotEmpty @Size(max = 100) List<@NotNull @Valid StandardEntry> standards) {
    }

    public record StandardEntry(
            @NotNull @Pattern(regexp = "[A-Z][A-Z0-9_]{1,63}", message = "must be an upper-case code, e.g. DUTY_TO_INTERVENE") String code,
            @NotNull StandardKind kind,
            @NotBlank @Size(max = 500) String title) {
    }

    private StandardsRequests() {
    }
}
