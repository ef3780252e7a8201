package org.safepolicing.grants.projection;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.events.CoResponderProgramChanged;
import org.safepolicing.contracts.events.SurveyReportPublished;
import org.safepolicing.contracts.events.TrainingCoverageChanged;
import org.safepolicing.platform.events.EventInbox;
import org.safepolicing.platform.events.InboundEvent;
import org.safepolicing.platform.events.PoisonEventException;

/**
 * Applies coresponder.events.v1: a program's status to the co-responder projection, an agency's training coverage to
 * the training projection (either re-decides the agency), and HHS's survey reports (Sec. 4(c)) to the survey report
 * projection, by which co-responder grant programs rank their applications (Sec. 4(d), 5(b)(i); no agency is
 * re-decided: a report never changes eligibility).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class CoResponderProjector {

    private static final Logger LOG = Logger.getLogger(CoResponderProjector.class);
    private static final Pattern STATE = Pattern.compile("[A-Z]{2}");

    private final EntityManager em;
    private final EventInbox inbox;
    private final ProjectionLock lock;
    private final AgencyDecisions eligibility;
    private final ObjectMapper json;

    CoResponderProjector(EntityManager em, EventInbox inbox, ProjectionLock lock, AgencyDecisions eligibility,
                         ObjectMapper json) {
        this.em = em;
        this.inbox = inbox;
        this.lock = lock;
        this.eligibility = eligibility;
        this.json = json;
    }

    public void apply(InboundEvent event) {
        switch (event.type()) {
            case EventTypes.PROGRAM_STATUS_CHANGED -> projectProgram(event);
            case EventTypes.TRAINING_COVERAGE_CHANGED -> projectTraining(event);
            case EventTypes.SURVEY_REPORT_PUBLISHED -> projectSurveyReport(event);
            default -> LOG.debugf("event %s of type %s is not one grants uses; recorded and skipped", event.id(), event.type());
        }
    }

    private void projectProgram(InboundEvent event) {
        CoResponderProgramChanged change = inbox.data(event, CoResponderProgramChanged.class);
        UUID programId = PayloadChecks.required(event, "programId", change.programId());
        String ori = PayloadChecks.ori(event, change.ori());
        String status = PayloadChecks.requiredText(event, "status");
        long sequence = PayloadChecks.sequence(event);
        PayloadChecks.keyIs(event, ori);

        lock.forAgency(ori);
        CoResponderProgramProjection program = em.find(CoResponderProgramProjection.class, programId);
        if (program != null && !program.lastEvent.precedes(sequence)) {
            LOG.debugf("event %s (sequence %d) for co-responder program %s is not newer than sequence %d; ignored",
                    event.id(), sequence, programId, program.lastEvent.sequence);
            return;
        }
        if (program != null && !program.ori.equals(ori)) {
            throw new PoisonEventException("event " + event.id() + " moves co-responder program " + programId
                    + " from agency " + program.ori + " to " + ori);
        }
        boolean first = program == null;
        if (first) {
            program = new CoResponderProgramProjection();
            program.programId = programId;
            program.ori = ori;
        }
        program.partnerOrganization = change.partnerOrganization();
        program.model = event.data().path("model").isTextual() ? event.data().get("model").asText() : null;
        program.status = status;
        program.lastEvent = AppliedEvent.of(event, sequence);
        program.updatedAt = Instant.now();
        if (first) {
            em.persist(program); // after the fields are set: the insert takes the state at persist time
        }
        eligibility.decideForAgency(ori, AppliedEvent.effectiveTime(event));
    }

    private void projectTraining(InboundEvent event) {
        TrainingCoverageChanged change = inbox.data(event, TrainingCoverageChanged.class);
        String ori = PayloadChecks.ori(event, change.ori());
        double coverage = PayloadChecks.requiredNumber(event, "coverage");
        if (coverage < 0 || coverage > 1 || Double.isNaN(coverage)) {
            throw new PoisonEventException("event " + event.id() + " carries a training coverage of " + coverage
                    + ", outside 0..1");
        }
        long sequence = PayloadChecks.sequence(event);
        PayloadChecks.keyIs(event, ori);

        lock.forAgency(ori);
        TrainingProjection training = em.find(TrainingProjection.class, ori);
        if (training != null && !training.lastEvent.precedes(sequence)) {
            LOG.debugf("event %s (sequence %d) for agency %s's training is not newer than sequence %d; ignored",
                    event.id(), sequence, ori, training.lastEvent.sequence);
            return;
        }
        boolean first = training == null;
        if (first) {
            training = new TrainingProjection();
            training.ori = ori;
        }
        training.trainedOfficers = change.trainedOfficers();
        training.swornOfficers = change.swornOfficers();
        training.coverage = BigDecimal.valueOf(coverage).setScale(6, RoundingMode.HALF_EVEN);
        training.lastEvent = AppliedEvent.of(event, sequence);
        training.updatedAt = Instant.now();
        if (first) {
            em.persist(training); // after the fields are set: the insert takes the state at persist time
        }
        eligibility.decideForAgency(ori, AppliedEvent.effectiveTime(event));
    }

    /**
     * Keeps a survey report. Poison: no report id, version, period, year, publication time or list of recommended
     * models; a state that is not a 2-letter code; a recommended model without model, rank, recommendation, rule or
     * rationale, or named or ranked twice; a record not keyed by the report id. A report is immutable: an event for a
     * report grants holds already changes nothing. Every report is kept whatever order reports arrive in (they are
     * keyed by their own ids, so on different partitions); which one ranks is decided when ranking, so a replay ends
     * the same.
     */
    private void projectSurveyReport(InboundEvent event) {
        SurveyReportPublished report = inbox.data(event, SurveyReportPublished.class);
        UUID reportId = PayloadChecks.required(event, "reportId", report.reportId());
        JsonNode data = event.data();
        int version = PayloadChecks.requiredInt(event, data, "version", 1);
        String period = PayloadChecks.requiredText(event, "period");
        int year = PayloadChecks.requiredInt(event, data, "year", 1);
        JsonNode stateNode = data.get("state");
        String state = stateNode == null || stateNode.isNull() ? null : stateNode.asText();
        if (state != null && (!stateNode.isTextual() || !STATE.matcher(state).matches())) {
            throw PayloadChecks.poison(event, "carries a state that is not a 2-letter code: '" + state + "'");
        }
        Instant publishedAt = PayloadChecks.required(event, "publishedAt", report.publishedAt());
        List<SurveyReportProjection.RecommendedModel> models = recommendedModels(event, data.get("recommendedModels"));
        long sequence = PayloadChecks.sequence(event);
        PayloadChecks.keyIs(event, reportId.toString());

        lock.forSurveyReport();
        SurveyReportProjection known = em.find(SurveyReportProjection.class, reportId);
        if (known != null) {
            LOG.debugf("event %s (sequence %d) for survey report %s, which grants holds from event %s: a report is"
                    + " immutable; ignored", event.id(), sequence, reportId, known.lastEvent.eventId);
            return;
        }
        SurveyReportProjection projected = new SurveyReportProjection();
        projected.reportId = reportId;
        projected.period = period;
        projected.year = year;
        projected.state = state;
        projected.version = version;
        projected.publishedAt = publishedAt;
        try {
            projected.recommendedModels = json.writeValueAsString(models);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("recommended models cannot be written as JSON", e);
        }
        projected.lastEvent = AppliedEvent.of(event, sequence);
        projected.updatedAt = Instant.now();
        em.persist(projected);
    }

    private static List<SurveyReportProjection.RecommendedModel> recommendedModels(InboundEvent event, JsonNode list) {
        if (list == null || !list.isArray()) {
            throw PayloadChecks.poison(event, "has no recommendedModels (a list)");
        }
        List<SurveyReportProjection.RecommendedModel> models = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<Integer> ranks = new HashSet<>();
        for (JsonNode item : list) {
            if (!item.isObject()) {
                throw PayloadChecks.poison(event, "has a recommended model that is not an object");
            }
            String model = PayloadChecks.requiredText(event, item, "model");
            int rank = PayloadChecks.requiredInt(event, item, "rank", 1);
            if (!names.add(model) || !ranks.add(rank)) {
                throw PayloadChecks.poison(event, "names model " + model + " or rank " + rank + " twice");
            }
            models.add(new SurveyReportProjection.RecommendedModel(model, rank,
                    PayloadChecks.requiredText(event, item, "recommendation"), PayloadChecks.requiredText(event, item, "rule"),
                    PayloadChecks.requiredText(event, item, "rationale")));
        }
        models.sort(Comparator.comparingInt(SurveyReportProjection.RecommendedModel::rank));
        return models;
    }
}
