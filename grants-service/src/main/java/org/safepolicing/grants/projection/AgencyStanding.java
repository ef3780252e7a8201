package org.safepolicing.grants.eligibility;

import java.util.List;

import org.safepolicing.grants.projection.AgencyProjection;
import org.safepolicing.grants.projection.BodyProjection;
import org.safepolicing.grants.projection.CoResponderProgramProjection;
import org.safepolicing.grants.projection.CredentialProjection;
import org.safepolicing.grants.projection.ReportingProjection;
import org.safepolicing.grants.projection.TrainingProjection;

/**
 * What the projection knows of one agency, the input of every rule. Any part may be missing: events arrive in
 * any order across topics, and an agency may never have been seen. {@code earlierBody} is the body of the credential
 * the latest one renews, when there is one.
 */
public record AgencyStanding(String ori, AgencyProjection agency, CredentialProjection credential, BodyProjection body,
                             ReportingProjection reporting, List<CoResponderProgramProjection> coResponderPrograms,
                             TrainingProjection training, BodyProjection earlierBody) {

    /** An agency nothing is known of. */
    static AgencyStanding unknown(String ori) {
        return new AgencyStanding(ori, null, null, null, null, List.of(), null, null);
    }
}
