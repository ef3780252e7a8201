package org.safepolicing.coresponder.program;

/** Where most of a program's annual budget comes from (Sec. 4(c): which appropriated funds could be reallocated). */
public enum FundingSource {
    FEDERAL_GRANT, STATE_APPROPRIATION, LOCAL_GENERAL_FUND, MEDICAID, PRIVATE_PHILANTHROPY, OTHER
}
