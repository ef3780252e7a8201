package org.safepolicing.records.record;

/**
 * Who submits a record: an agency (its ORI) or a state POST board (its state). De-certifications come from the state
 * board that certifies officers (Sec. 3(b) "de-certifications"); everything else from the agency. {@link #key()} is
 * how the submitter is named where it is also a recipient (checks, feeds, disclosures, bulk keys): the ORI, or
 * {@code POST-<state>}, which no ORI can be.
 */
public record Submitter(String ori, String state) {

    public static final String BOARD_PREFIX = "POST-";

    public static Submitter agency(String ori) {
        return new Submitter(ori, null);
    }

    public static Submitter stateBoard(String state) {
        return new Submitter(null, state);
    }

    public boolean isStateBoard() {
        return state != null;
    }

    public String key() {
        return isStateBoard() ? boardKey(state) : ori;
    }

    public static String boardKey(String state) {
        return BOARD_PREFIX + state;
    }

    /** The state board a recipient key names, or null for an ORI. */
    public static String boardState(String key) {
        return key != null && key.startsWith(BOARD_PREFIX) ? key.substring(BOARD_PREFIX.length()) : null;
    }

    /** A recipient key as people read it: the ORI, or "the VA state POST board". */
    public static String describe(String key) {
        String state = boardState(key);
        return state == null ? key : "the " + state + " state POST board";
    }
}
