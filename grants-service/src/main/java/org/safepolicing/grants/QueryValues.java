package org.safepolicing.grants;

import java.util.Arrays;
import java.util.UUID;

import org.safepolicing.platform.problem.ProblemException;

/** Optional query parameters read as text, so a malformed one is a 400 problem (JAX-RS would answer 404 or guess). */
public final class QueryValues {

    private QueryValues() {
    }

    public static UUID uuid(String name, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name + " must be a UUID, not '" + value + "'");
        }
    }

    public static Boolean bool(String name, String value) {
        if (blank(value)) {
            return null;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw ProblemException.badRequest(name + " must be true or false, not '" + value + "'");
        }
        return Boolean.valueOf(value);
    }

    public static Integer integer(String name, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name + " must be a whole number, not '" + value + "'");
        }
    }

    public static <E extends Enum<E>> E oneOf(String name, String value, Class<E> type) {
        if (blank(value)) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name + " must be one of " + Arrays.toString(type.getEnumConstants())
                    + ", not '" + value + "'");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
