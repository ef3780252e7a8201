package org.safepolicing.coresponder.training;

/**
 * An agency's training coverage: distinct officers with at least one completed catalog course, over its sworn
 * officers (from the registry). 0 when sworn is 0 or unknown; at most 1 when the registry's count lags the
 * completions.
 */
public record Coverage(String ori, int trainedOfficers, int swornOfficers, double coverage) {

    static Coverage of(String ori, int trained, int sworn) {
        double c = sworn <= 0 ? 0.0 : Math.min(1.0, (double) trained / sworn);
        return new Coverage(ori, trained, sworn, c);
    }
}
