package org.safepolicing.coresponder.encounter;

/** Why the call was a co-responder call. */
public enum EncounterReason {
    MENTAL_HEALTH, HOMELESSNESS, SUBSTANCE_USE, WELFARE_CHECK, OTHER
}
