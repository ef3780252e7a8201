package org.safepolicing.coresponder.encounter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The needs of EO 13929 Sec. 4 ("impaired mental health, homelessness, and addiction"; Sec. 4(c) asks for a survey of
 * models addressing them) as the encounter's reasons show them: MENTAL_HEALTH, HOMELESSNESS and SUBSTANCE_USE
 * (addiction). An encounter's need is the combination of those among its reasons, joined with '+' in that order, or
 * {@link #NONE} when it has none (welfare checks and other reasons only): one cell per encounter, eight cells in all.
 */
public final class Need {

    /** The reasons that are needs of Sec. 4, in the order a combination names them. */
    public static final List<EncounterReason> NEEDS = List.of(EncounterReason.MENTAL_HEALTH, EncounterReason.HOMELESSNESS,
            EncounterReason.SUBSTANCE_USE);
    public static final String NONE = "NONE";
    /** Every cell: the single needs, the pairs, all three, then NONE. */
    public static final List<String> CELLS = List.of(
            "MENTAL_HEALTH", "HOMELESSNESS", "SUBSTANCE_USE",
            "MENTAL_HEALTH+HOMELESSNESS", "MENTAL_HEALTH+SUBSTANCE_USE", "HOMELESSNESS+SUBSTANCE_USE",
            "MENTAL_HEALTH+HOMELESSNESS+SUBSTANCE_USE", NONE);

    private Need() {
    }

    /** The need cell of an encounter with these reasons. */
    public static String of(Collection<EncounterReason> reasons) {
        List<String> present = new ArrayList<>(3);
        for (EncounterReason need : NEEDS) {
            if (reasons.contains(need)) {
                present.add(need.name());
            }
        }
        return present.isEmpty() ? NONE : String.join("+", present);
    }
}
