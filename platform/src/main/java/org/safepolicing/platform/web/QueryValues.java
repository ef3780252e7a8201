package org.safepolicing.platform.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

import org.safepolicing.platform.problem.ProblemException;

/**
 * Optional query parameters, taken as text and read here, so a malformed value is a 400 problem naming the parameter and
 * the value (a typed JAX-RS parameter would answer a bare 404, or guess). One rule for every service: absent or blank
 * is null; surrounding spaces are ignored; an enum value is read in any case.
 */
public final class QueryValues {

    private QueryValues() {
    }

    public static UUID uuid(String name, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name + " must be a UUID, not '" + value + "'");
        }
    }

    public static Boolean bool(String name, String value) {
        if (blank(value)) {
            return null;
        }
        String v = value.strip();
        if (!v.equals("true") && !v.equals("false")) {
            throw ProblemException.badRequest(name + " must be true or false, not '" + value + "'");
        }
        return Boolean.valueOf(v);
    }

    public static Integer integer(String name, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name + " must be a whole number, not '" + value + "'");
        }
    }

    public static <E extends Enum<E>> E oneOf(String name, String value, Class<E> type) {
        if (blank(value)) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name + " must be one of " + Arrays.toString(type.getEnumConstants())
                    + ", not '" + value + "'");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
