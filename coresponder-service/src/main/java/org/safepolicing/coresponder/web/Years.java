package org.safepolicing.coresponder.web;

import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;

import org.safepolicing.platform.problem.Problem;
import org.safepolicing.platform.problem.ProblemException;

/**
 * A calendar year given in a path or query ({@code ?year=}, {@code /costs/{year}}). Resources take it as a String with
 * {@code @Pattern(regexp = Years.PATTERN, message = Years.MESSAGE)} and read it here: typed as a number, a value such as
 * {@code abc} would fail conversion before the method runs and be answered 404 by the framework; as a String it is a
 * 400 {@code invalid-input} naming {@code year}, the same problem Bean Validation gives for {@code 2101}.
 */
public final class Years {

    /** 2000 to 2100, digits only: no sign, no space, no leading zero. */
    public static final String PATTERN = "20[0-9]{2}|2100";
    public static final String MESSAGE = "must be a year from 2000 to 2100";

    private Years() {
    }

    /** The year given, or null when none is. */
    public static Integer optional(String value) {
        if (value == null) {
            return null;
        }
        if (!value.matches(PATTERN)) {
            // the @Pattern on the parameter refuses it first; this keeps the answer the same without it
            throw invalid();
        }
        return Integer.valueOf(value);
    }

    /** The year given, or the current year (UTC) when none is. */
    public static int orCurrent(String value) {
        Integer year = optional(value);
        return year == null ? Year.now(ZoneOffset.UTC).getValue() : year;
    }

    /** A year that must be given (a path segment). */
    public static int required(String value) {
        Integer year = optional(value);
        if (year == null) {
            throw invalid();
        }
        return year;
    }

    private static ProblemException invalid() {
        return new ProblemException(400, "invalid-input", "Invalid input", "the request has 1 invalid value(s)",
                List.of(new Problem.FieldError("year", MESSAGE)));
    }
}
