package org.safepolicing.credentialing.standard;

/**
 * How a standard weighs in a decision. MANDATORY (the two of EO 13929 Sec. 2(c)(i)-(ii)) must be MET to credential.
 * ASSESSED (the six topics DOJ's release of 2020-10-28 "encourage[s] an independent assessment" of) and ENCOURAGED (the
 * practices agencies "are encouraged to implement") are recorded and reported, and never block a credential.
 */
public enum StandardKind {
    MANDATORY, ASSESSED, ENCOURAGED
}
