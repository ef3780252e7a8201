package org.safepolicing.coresponder.program;

/** The professionals Sec. 4 asks to work alongside officers. */
public enum ClinicianType {
    SOCIAL_WORKER, MENTAL_HEALTH_PROFESSIONAL
}
