package org.safepolicing.contracts.events;

/** Lifecycle of an agency credential. SOUGHT already counts as "in the process of seeking" (Sec. 2(b)). */
public enum CredentialStatus {
    SOUGHT, CREDENTIALED, DENIED, REVOKED, EXPIRED, WITHDRAWN
}
