package org.safepolicing.credentialing.credential;

/**
 * The body's finding on one standard. For the two mandatory standards (EO 13929 Sec. 2(c)(i)-(ii)) only MET allows a
 * credential; for the topics DOJ's release of 2020-10-28 encourages, every outcome is recorded and reported and none
 * decides anything. NOT_ASSESSED says the body looked at the topic's place in its review and did not assess it (a topic
 * without any finding is reported NOT_ASSESSED too).
 */
public enum AssessmentOutcome {
    MET, NOT_MET, NOT_APPLICABLE, NOT_ASSESSED
}
