package org.safepolicing.grants.eligibility;

import org.safepolicing.grants.projection.AgencyProjection;
import org.safepolicing.grants.projection.BodyProjection;
import org.safepolicing.grants.projection.CredentialProjection;

/**
 * What the projection knows of one agency, the input of every rule. Any part may be missing: events arrive in
 * any order across topics, and an agency may never have been seen.
 */
public record AgencyStanding(String ori, AgencyProjection agency, CredentialProjection credential, BodyProjection body) {
}
