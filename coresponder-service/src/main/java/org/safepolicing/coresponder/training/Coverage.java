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

    /**
     * Whether this coverage is published, given the one published last ({@code null}: none yet): when the trained or
     * the sworn count differs from it; the first time only once an officer is trained, so registry entries without any
     * completion publish nothing.
     */
    boolean toPublishAfter(Coverage lastPublished) {
        if (lastPublished == null) {
            return trainedOfficers > 0;
        }
        return trainedOfficers != lastPublished.trainedOfficers || swornOfficers != lastPublished.swornOfficers;
    }
}
