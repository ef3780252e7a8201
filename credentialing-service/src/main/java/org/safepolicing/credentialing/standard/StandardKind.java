package org.safepolicing.credentialing.standard;

/** How a standard weighs in a decision: MANDATORY must be MET to credential; ENCOURAGED never blocks one. */
public enum StandardKind {
    MANDATORY, ASSESSED, ENCOURAGED
}
