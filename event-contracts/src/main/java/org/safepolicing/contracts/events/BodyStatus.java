package org.safepolicing.contracts.events;

/** Standing of a credentialing body with the Attorney General. */
public enum BodyStatus {
    APPLIED, CERTIFIED, SUSPENDED, REVOKED, EXPIRED, REFUSED
}
