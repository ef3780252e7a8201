package org.safepolicing.contracts.events;

/** Lifecycle of a co-responder program. */
public enum ProgramStatus {
    PLANNED, ACTIVE, SUSPENDED, ENDED
}
