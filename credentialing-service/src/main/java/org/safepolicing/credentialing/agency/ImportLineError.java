package org.safepolicing.credentialing.agency;

/** One error of a CSV import: the file's line (the header is line 1), the column, and what is wrong. */
public record ImportLineError(int line, String column, String message) {
}
