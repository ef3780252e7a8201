package org.safepolicing.portal.web;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The portal's one reading of the ids in its addresses (an ORI, a UUID): a value that is not one is a 400 page that
 * says what was expected, before any service is called.
 */
public final class PathValues {

    private static final Pattern ORI = Pattern.compile("[A-Z]{2}[A-Z0-9]{7}");

    /** An ORI, upper-cased: two letters of the state, then 7 letters or digits. */
    public static String ori(String ori) {
        String value = ori == null ? "" : ori.strip().toUpperCase(Locale.ROOT);
        if (!ORI.matcher(value).matches()) {
            throw PortalProblem.badRequest("An ORI is 9 characters: two letters of the state, then 7 letters or digits ('"
                    + (ori == null ? "" : ori.strip()) + "' is not one).");
        }
        return value;
    }

    /** A UUID naming {@code what} (e.g. "A credential"). */
    public static String uuid(String value, String what) {
        try {
            return UUID.fromString(value == null ? "" : value.strip()).toString();
        } catch (IllegalArgumentException e) {
            throw PortalProblem.badRequest(what + " is named by its id, a UUID ('" + value + "' is not one).");
        }
    }

    private PathValues() {
    }
}
