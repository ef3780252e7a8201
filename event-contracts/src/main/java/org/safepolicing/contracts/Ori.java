package org.safepolicing.contracts;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The FBI Originating Agency Identifier: a 2-letter state or territory code and 7 letters or digits, e.g.
 * {@code VA0290100}. Checked everywhere an ORI enters the suite, in requests and in events.
 */
public final class Ori {

    private static final Pattern SHAPE = Pattern.compile("[A-Z]{2}[A-Z0-9]{7}");

    /** US states, DC, and the territories that issue ORIs. */
    public static final Set<String> STATE_CODES = Set.of(
            "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
            "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK",
            "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC",
            "AS", "GU", "MP", "PR", "VI");

    public static boolean isValid(String ori) {
        return ori != null && SHAPE.matcher(ori).matches() && STATE_CODES.contains(ori.substring(0, 2));
    }

    /** The state or territory code an ORI starts with. */
    public static String state(String ori) {
        return ori.substring(0, 2);
    }

    private Ori() {
    }
}
