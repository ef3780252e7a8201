package org.safepolicing.credentialing.standard;

import java.util.List;
import java.util.Set;

/**
 * The DOJ-2020 standards (Attorney General's certification standards of 28 October 2020). A versioned catalog that
 * DOJ can extend comes with the standards work; this is the version every credential is assessed under today.
 */
public final class Standards {

    public static final String CURRENT_VERSION = "DOJ-2020";

    /** A credential can never be granted unless both are MET. */
    public static final List<String> MANDATORY = List.of("UOF_LAWFUL", "CHOKEHOLD_BAN");

    public static final List<String> ASSESSED = List.of(
            "UOF_TRAINING", "DEESCALATION_TRAINING", "DUTY_TO_INTERVENE", "MEDICAL_AID", "DEADLY_FORCE_WARNING",
            "SHOOTING_MOVING_VEHICLES", "WARNING_SHOTS", "NO_KNOCK_WARRANTS", "FORCE_TERMINATION");

    public static final List<String> ENCOURAGED = List.of(
            "EARLY_INTERVENTION_SYSTEM", "RECRUITMENT_PROMOTION", "COMMUNITY_ENGAGEMENT_PLAN");

    public static boolean known(String code) {
        return MANDATORY.contains(code) || ASSESSED.contains(code) || ENCOURAGED.contains(code);
    }

    public static Set<String> missingMandatory(List<String> covered) {
        return MANDATORY.stream().filter(m -> !covered.contains(m)).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    private Standards() {
    }
}
