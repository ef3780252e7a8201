package org.safepolicing.coresponder.encounter;

/** Who was injured during the encounter, by role only. */
public enum InjuredParty {
    SUBJECT, OFFICER, CLINICIAN, OTHER_PERSON
}
