package org.safepolicing.portal.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The portal's one reading of a form's typed fields before a service is asked: blank is absent (null), a value that is
 * not of its kind is a 400 page that says what was expected. The service checks everything else.
 */
public final class FormValues {

    /** A date (ISO, as a date input sends it), or null when blank. */
    public static String date(String what, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip()).toString();
        } catch (DateTimeParseException e) {
            throw PortalProblem.badRequest("The " + what + " is a date such as 2024-03-15 ('" + value + "' is not).");
        }
    }

    /** A whole number, or null when blank. */
    public static Integer whole(String what, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw PortalProblem.badRequest("The " + what + " is a whole number ('" + value + "' is not).");
        }
    }

    private FormValues() {
    }
}
