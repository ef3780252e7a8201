package org.safepolicing.coresponder.survey;

import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.contracts.events.SurveyReportPublished;
import org.safepolicing.platform.audit.AuditTrail;
import org.safepolicing.platform.events.EventPublisher;
import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

/**
 * Publishes HHS's report to the President (Sec. 4(c)) from the live survey: the next version of its period and scope,
 * stored as published (never recomputed), announced on coresponder.events.v1 keyed by the report id, audited.
 */
@ApplicationScoped
@Transactional
public class ReportPublisher {

    static final String AGGREGATE = "survey-report";

    private final EntityManager em;
    private final SurveyService survey;
    private final EventPublisher events;
    private final AuditTrail audit;
    private final Caller caller;
    private final ObjectMapper json;

    ReportPublisher(EntityManager em, SurveyService survey, EventPublisher events, AuditTrail audit, Caller caller,
                    ObjectMapper json) {
        this.em = em;
        this.survey = survey;
        this.events = events;
        this.audit = audit;
        this.caller = caller;
        this.json = json;
    }

    public PublishedReport publish(PublishedReport.Request request) {
        int year = request.year();
        if (year > Year.now(ZoneOffset.UTC).getValue()) {
            throw ProblemException.unprocessable("future-period", "a report covers a year that has begun; " + year + " has not");
        }
        String state = request.state();
        // one publisher at a time per period and scope, so versions are 1, 2, 3, ... without gaps or duplicates
        em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtext(?1))) l")
                .setParameter(1, "survey-report:" + year + ":" + (state == null ? "" : state)).getSingleResult();
        int version = ((Number) em.createNativeQuery(
                        "select coalesce(max(version), 0) + 1 from survey_report where year = ?1 and coalesce(state, '') = ?2")
                .setParameter(1, (short) year).setParameter(2, state == null ? "" : state).getSingleResult()).intValue();
        Instant now = Instant.now();
        UUID id = UUID.randomUUID();
        SurveyReport live = survey.survey(state, null, year);
        SurveyReport dated = new SurveyReport(now, live.scope(), live.method(), live.pooled(), live.models(), live.byState(),
                live.byAgencyType(), live.byLeadership(), live.byNeed(), live.byModelAndNeed(), live.communityLedByNeed(), live.costs(), live.funding());
        String period = Integer.toString(year);
        PublishedReport report = new PublishedReport(id, version, period, year, state, PublishedReport.TITLE,
                PublishedReport.ADDRESSED_TO, now, caller.name(), dated);
        String document;
        try {
            document = json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report cannot be written as JSON", e);
        }
        em.createNativeQuery("""
                        insert into survey_report (id, year, state, version, period, published_at, published_by, document)
                        values (?1, ?2, cast(?3 as varchar), ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, id).setParameter(2, (short) year).setParameter(3, state).setParameter(4, version)
                .setParameter(5, period).setParameter(6, now).setParameter(7, caller.name()).setParameter(8, document)
                .executeUpdate();
        List<SurveyReportPublished.RecommendedModel> recommended = dated.funding().models().stream()
                .map(f -> new SurveyReportPublished.RecommendedModel(f.model(), f.rank(), f.recommendation().name(), f.rule(),
                        f.rationale(), f.reallocationUsd(), f.additionalFundingUsd()))
                .toList();
        events.publish(Topics.CORESPONDER_EVENTS, EventTypes.SURVEY_REPORT_PUBLISHED, AGGREGATE, id.toString(),
                new SurveyReportPublished(id, version, period, year, state, now, recommended));
        audit.record("survey.report.publish", "survey-report", id.toString(), AuditTrail.SUCCESS);
        return report;
    }

    /** The report exactly as it was published. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String document(UUID id) {
        @SuppressWarnings("unchecked")
        List<String> found = em.createNativeQuery("select document from survey_report where id = ?1").setParameter(1, id)
                .getResultList();
        if (found.isEmpty()) {
            throw ProblemException.notFound("survey report", id);
        }
        return found.get(0);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<PublishedReport.Summary> list(Integer year, String state, PageRequest paging) {
        String where = " where (cast(?1 as integer) is null or year = cast(?1 as integer))"
                + " and (cast(?2 as text) is null or state = cast(?2 as text))";
        long total = ((Number) em.createNativeQuery("select count(*) from survey_report" + where)
                .setParameter(1, year).setParameter(2, state).getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, version, period, year, state, published_at from survey_report"
                        + where + " order by published_at desc, id offset ?3 limit ?4")
                .setParameter(1, year).setParameter(2, state).setParameter(3, paging.offset())
                .setParameter(4, paging.size).getResultList();
        return Page.of(rows.stream().map(r -> new PublishedReport.Summary((UUID) r[0], ((Number) r[1]).intValue(),
                (String) r[2], ((Number) r[3]).intValue(), (String) r[4], instant(r[5]))).toList(), paging, total);
    }

    private static Instant instant(Object o) {
        return o instanceof Instant i ? i : o instanceof java.time.OffsetDateTime t ? t.toInstant()
                : ((java.sql.Timestamp) o).toInstant();
    }
}
