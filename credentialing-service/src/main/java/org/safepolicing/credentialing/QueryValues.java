package org.safepolicing.credentialing;

import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

import org.safepolicing.platform.problem.ProblemException;

/** Query parameters read as text, so a value that is not one of the allowed ones is a 400 problem, not a bare 404. */
public final class QueryValues {

    public static <E extends Enum<E>> E oneOf(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("query parameter " + name + "='" + value + "' is not one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("query parameter " + name + "='" + value + "' is not a UUID");
        }
    }

    private QueryValues() {
    }
}
