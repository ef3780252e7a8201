package org.safepolicing.coresponder.encounter;

/** How the encounter ended. One per encounter. */
public enum Outcome {
    RESOLVED_ON_SCENE, REFERRED_TO_SERVICES, VOLUNTARY_TRANSPORT, INVOLUNTARY_HOLD, ARREST, NO_CONTACT;

    /**
     * Diverted from the justice and emergency-hold systems: resolved on scene or referred to services. An encounter has
     * one outcome, so a diverted one never also ended in arrest or an involuntary hold.
     */
    public boolean diverted() {
        return this == RESOLVED_ON_SCENE || this == REFERRED_TO_SERVICES;
    }
}
