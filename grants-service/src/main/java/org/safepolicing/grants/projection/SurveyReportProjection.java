package org.safepolicing.grants.projection;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One of HHS's survey reports to the President (EO 13929 Sec. 4(c)), from coresponder.events.v1 (keyed by the report
 * id): its period, scope (state null: national), version and the models it recommends, best first. Immutable once
 * projected; a later version of the same period and scope supersedes it when ranking.
 */
@Entity
@Table(name = "survey_report_projection")
public class SurveyReportProjection {

    @Id
    @Column(name = "report_id")
    public UUID reportId;

    public String period;

    public int year;

    /** Null for the national report. */
    public String state;

    public int version;

    @Column(name = "published_at")
    public Instant publishedAt;

    /** JSON list of {@link RecommendedModel}, best first. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "recommended_models")
    public String recommendedModels;

    @Embedded
    public AppliedEvent lastEvent;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** One model the report ranks, as the event carried it (the model as text: one added later upstream is kept). */
    public record RecommendedModel(String model, int rank, String recommendation, String rule, String rationale) {
    }
}
