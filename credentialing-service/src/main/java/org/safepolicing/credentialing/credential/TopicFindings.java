package org.safepolicing.credentialing.credential;

import java.util.List;

/**
 * The findings on the encouraged topics (every standard that is not one of the two mandatory ones), by outcome, as the
 * body recorded them when it decided. Reported, never a reason to grant or deny: DOJ's release of 2020-10-28
 * "encourage[s] an independent assessment" of them, while only Sec. 2(c)(i)-(ii) of EO 13929 is required.
 */
public record TopicFindings(List<String> met, List<String> notMet, List<String> notApplicable, List<String> notAssessed) {

    public static TopicFindings of(AgencyCredential c) {
        if (c.topicsMet == null && c.topicsNotMet == null && c.topicsNotApplicable == null && c.topicsNotAssessed == null) {
            return null;
        }
        return new TopicFindings(copy(c.topicsMet), copy(c.topicsNotMet), copy(c.topicsNotApplicable), copy(c.topicsNotAssessed));
    }

    private static List<String> copy(List<String> codes) {
        return codes == null ? List.of() : List.copyOf(codes);
    }
}
