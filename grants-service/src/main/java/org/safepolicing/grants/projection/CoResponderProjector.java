package org.safepolicing.grants.projection;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.events.CoResponderProgramChanged;
import org.safepolicing.contracts.events.TrainingCoverageChanged;
import org.safepolicing.grants.eligibility.EligibilityService;
import org.safepolicing.platform.events.EventInbox;
import org.safepolicing.platform.events.InboundEvent;
import org.safepolicing.platform.events.PoisonEventException;

/**
 * Applies coresponder.events.v1: a program's status to the co-responder projection, an agency's training coverage to
 * the training projection; either re-decides the agency.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class CoResponderProjector {

    private static final Logger LOG = Logger.getLogger(CoResponderProjector.class);

    private final EntityManager em;
    private final EventInbox inbox;
    private final ProjectionLock lock;
    private final EligibilityService eligibility;

    CoResponderProjector(EntityManager em, EventInbox inbox, ProjectionLock lock, EligibilityService eligibility) {
        this.em = em;
        this.inbox = inbox;
        this.lock = lock;
        this.eligibility = eligibility;
    }

    public void apply(InboundEvent event) {
        switch (event.type()) {
            case EventTypes.PROGRAM_STATUS_CHANGED -> projectProgram(event);
            case EventTypes.TRAINING_COVERAGE_CHANGED -> projectTraining(event);
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
}
