package org.safepolicing.credentialing.agency;

/** What a CSV import did: every row was either registered, updated or already as stated. */
public record ImportResult(int rows, int registered, int updated, int unchanged, long millis) {
}
