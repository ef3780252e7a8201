package org.safepolicing.grants.projection;

import java.util.List;

/**
 * What the projection knows of one agency, the input of every rule. Any part may be missing: events arrive in
 * any order across topics, and an agency may never have been seen. {@code earlierBody} is the body of the credential
 * the latest one renews, when there is one.
 */
public record AgencyStanding(String ori, AgencyProjection agency, CredentialProjection credential, BodyProjection body,
                             ReportingProjection reporting, List<CoResponderProgramProjection> coResponderPrograms,
                             TrainingProjection training, BodyProjection earlierBody) {

    /** An agency nothing is known of. */
    public static AgencyStanding unknown(String ori) {
        return new AgencyStanding(ori, null, null, null, null, List.of(), null, null);
    }
}
