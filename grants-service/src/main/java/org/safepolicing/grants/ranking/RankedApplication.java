package org.safepolicing.grants.ranking;

/** An application where the survey ranking puts it, and why. */
public record RankedApplication<A>(A application, SurveyRank ranking) {
}
