package org.safepolicing.credentialing.credential;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the agency-credential API. */
public final class CredentialRequests {

    /** An agency seeks a credential from a certified body. */
    public record Seek(@NotNull UUID bodyId) {
    }

    /** An agency withdraws; the reason is optional. */
    public record Withdrawal(@Size(max = 2000) String reason) {
    }

    private CredentialRequests() {
    }
}
