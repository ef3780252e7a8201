package org.safepolicing.grants.ranking;

import org.safepolicing.grants.award.GrantApplication;

/** An application where the survey ranking puts it, and why. */
public record RankedApplication(GrantApplication application, SurveyRank ranking) {
}
