package org.safepolicing.credentialing.credential;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.safepolicing.credentialing.standard.StandardKind;
import org.safepolicing.credentialing.standard.StandardsCatalog;

/**
 * What a credential's findings decide, as pure rules.
 *
 * <ul>
 * <li>Mandatory: EO 13929 Sec. 2(c)(i)-(ii) requires the body to "confirm" that the agency's use-of-force policies
 * adhere to all applicable law and prohibit chokeholds except where deadly force is allowed by law; DOJ's release of
 * 2020-10-28: "The President's Order requires agencies to meet two standards in order to be successfully credentialed".
 * Both need a finding, and only MET counts (NOT_APPLICABLE or NOT_ASSESSED is not a confirmation).</li>
 * <li>Encouraged: the release "encourage[s] an independent assessment" of six topics and encourages three practices.
 * Their findings are recorded by outcome (a topic without a finding is NOT_ASSESSED) and never decide anything.</li>
 * </ul>
 */
public final class DecisionRules {

    /** The findings of a credential sorted for a decision, each list in catalog order. */
    public record Findings(List<String> mandatoryMissing, List<String> mandatoryNotMet, List<String> topicsMet,
                           List<String> topicsNotMet, List<String> topicsNotApplicable, List<String> topicsNotAssessed) {
    }

    public static Findings findings(StandardsCatalog catalog, Map<String, CredentialAssessment> found) {
        List<String> missing = new ArrayList<>();
        List<String> mandatoryNotMet = new ArrayList<>();
        List<String> met = new ArrayList<>();
        List<String> notMet = new ArrayList<>();
        List<String> notApplicable = new ArrayList<>();
        List<String> notAssessed = new ArrayList<>();
        for (StandardsCatalog.Standard s : catalog.standards()) {
            CredentialAssessment a = found.get(s.code());
            AssessmentOutcome outcome = a == null ? null : a.outcome;
            if (s.kind() == StandardKind.MANDATORY) {
                if (outcome == null) {
                    missing.add(s.code());
                    mandatoryNotMet.add(s.code());
                } else if (outcome != AssessmentOutcome.MET) {
                    mandatoryNotMet.add(s.code());
                }
                continue;
            }
            (switch (outcome == null ? AssessmentOutcome.NOT_ASSESSED : outcome) {
                case MET -> met;
                case NOT_MET -> notMet;
                case NOT_APPLICABLE -> notApplicable;
                case NOT_ASSESSED -> notAssessed;
            }).add(s.code());
        }
        return new Findings(List.copyOf(missing), List.copyOf(mandatoryNotMet), List.copyOf(met), List.copyOf(notMet),
                List.copyOf(notApplicable), List.copyOf(notAssessed));
    }

    private DecisionRules() {
    }
}
