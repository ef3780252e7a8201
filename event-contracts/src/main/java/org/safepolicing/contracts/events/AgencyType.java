package org.safepolicing.contracts.events;

/** Kinds of law enforcement agency. Tribal agencies are exempt from the Sec. 2(b) grant condition (DOJ rule). */
public enum AgencyType {
    STATE, LOCAL_MUNICIPAL, COUNTY_SHERIFF, UNIVERSITY, TRIBAL, TERRITORIAL, SPECIAL_JURISDICTION, FEDERAL
}
