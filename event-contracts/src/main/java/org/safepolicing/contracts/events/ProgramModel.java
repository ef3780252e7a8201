package org.safepolicing.contracts.events;

/** Community-support models surveyed under Sec. 4. */
public enum ProgramModel {
    CO_RESPONDER_RIDE_ALONG, CO_RESPONDER_FOLLOW_UP, MOBILE_CRISIS_TEAM, COMMUNITY_RESPONDER,
    CRISIS_INTERVENTION_TEAM, TELEHEALTH
}
