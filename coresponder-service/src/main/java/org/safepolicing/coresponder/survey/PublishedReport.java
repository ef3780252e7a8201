package org.safepolicing.coresponder.survey;

import java.time.Instant;
import java.util.UUID;

/**
 * A published report "to the President" (EO 13929 Sec. 4(c)): the survey as it stood when HHS published it, dated and
 * versioned per period and scope. Stored as published and never recomputed.
 */
public record PublishedReport(UUID id, int version, String period, int year, String state, String title, String addressedTo,
                              Instant publishedAt, String publishedBy, SurveyReport survey) {

    static final String TITLE = "Community-support models addressing mental health, homelessness, and addiction: "
            + "survey results and funding recommendations (EO 13929, Sec. 4(c))";
    static final String ADDRESSED_TO = "The President, through the Assistant to the President for Domestic Policy and the "
            + "Director of the Office of Management and Budget";

    /** One line of the list of published reports. */
    public record Summary(UUID id, int version, String period, int year, String state, Instant publishedAt) {
    }

    /** What HHS asks to publish: the period (a calendar year) and, optionally, one state (null: the nation). */
    public record Request(@jakarta.validation.constraints.NotNull @jakarta.validation.constraints.Min(2000)
                          @jakarta.validation.constraints.Max(2100) Integer year,
                          @jakarta.validation.constraints.Pattern(regexp = "[A-Z]{2}", message = "must be a 2-letter state code")
                          String state) {
    }
}
