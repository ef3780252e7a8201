package org.safepolicing.contracts.events;

/** Kinds of law enforcement agency. Which of them Sec. 2(b) covers is {@link org.safepolicing.contracts.Sec2bCoverage}. */
public enum AgencyType {
    STATE, LOCAL_MUNICIPAL, COUNTY_SHERIFF, UNIVERSITY, TRIBAL, TERRITORIAL, SPECIAL_JURISDICTION, FEDERAL
}
