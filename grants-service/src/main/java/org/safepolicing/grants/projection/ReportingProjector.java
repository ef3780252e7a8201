package org.safepolicing.grants.projection;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.events.ReportingStatusChanged;
import org.safepolicing.platform.events.EventInbox;
import org.safepolicing.platform.events.InboundEvent;

/** Applies records.reporting.v1 to the reporting projection and re-decides the agency (Sec. 3(d)). */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ReportingProjector {

    private static final Logger LOG = Logger.getLogger(ReportingProjector.class);

    private final EntityManager em;
    private final EventInbox inbox;
    private final ProjectionLock lock;
    private final AgencyDecisions eligibility;

    ReportingProjector(EntityManager em, EventInbox inbox, ProjectionLock lock, AgencyDecisions eligibility) {
        this.em = em;
        this.inbox = inbox;
        this.lock = lock;
        this.eligibility = eligibility;
    }

    public void apply(InboundEvent event) {
        if (!EventTypes.REPORTING_STATUS_CHANGED.equals(event.type())) {
            LOG.debugf("event %s of type %s is not one grants uses; recorded and skipped", event.id(), event.type());
            return;
        }
        ReportingStatusChanged change = inbox.data(event, ReportingStatusChanged.class);
        String ori = PayloadChecks.ori(event, change.ori());
        String status = PayloadChecks.requiredText(event, "status");
        boolean current = PayloadChecks.requiredBoolean(event, "current");
        long sequence = PayloadChecks.sequence(event);
        PayloadChecks.keyIs(event, ori);

        lock.forAgency(ori);
        ReportingProjection reporting = em.find(ReportingProjection.class, ori);
        if (reporting != null && !reporting.lastEvent.precedes(sequence)) {
            LOG.debugf("event %s (sequence %d) for agency %s's reporting is not newer than sequence %d; ignored",
                    event.id(), sequence, ori, reporting.lastEvent.sequence);
            return;
        }
        boolean first = reporting == null;
        if (first) {
            reporting = new ReportingProjection();
            reporting.ori = ori;
        }
        reporting.period = change.period();
        reporting.status = status;
        reporting.current = current;
        reporting.periodEnd = change.periodEnd();
        reporting.dueDate = change.dueDate();
        reporting.lastEvent = AppliedEvent.of(event, sequence);
        reporting.updatedAt = Instant.now();
        if (first) {
            em.persist(reporting); // after the fields are set: the insert takes the state at persist time
        }
        eligibility.decideForAgency(ori, AppliedEvent.effectiveTime(event));
    }
}
