package org.safepolicing.coresponder.community;

/** What kind of organization runs a community-support program that is not attached to a police agency. */
public enum ProviderKind {
    COUNTY_HEALTH_DEPARTMENT, NONPROFIT, OTHER
}
