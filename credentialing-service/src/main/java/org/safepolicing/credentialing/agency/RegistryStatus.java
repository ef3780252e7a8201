package org.safepolicing.credentialing.agency;

/** Whether an agency is in the registry's active list; deactivation keeps the entry (and its history). */
public enum RegistryStatus {
    ACTIVE, DEACTIVATED
}
