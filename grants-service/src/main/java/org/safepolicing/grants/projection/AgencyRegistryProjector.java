package org.safepolicing.grants.projection;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.events.AgencySnapshot;
import org.safepolicing.platform.events.EventInbox;
import org.safepolicing.platform.events.InboundEvent;

/** Applies agency-registry.v1 snapshots to the agency projection and re-decides the agency. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AgencyRegistryProjector {

    private static final Logger LOG = Logger.getLogger(AgencyRegistryProjector.class);

    private final EntityManager em;
    private final EventInbox inbox;
    private final ProjectionLock lock;
    private final AgencyDecisions eligibility;

    AgencyRegistryProjector(EntityManager em, EventInbox inbox, ProjectionLock lock, AgencyDecisions eligibility) {
        this.em = em;
        this.inbox = inbox;
        this.lock = lock;
        this.eligibility = eligibility;
    }

    public void apply(InboundEvent event) {
        switch (event.type()) {
            case EventTypes.AGENCY_REGISTERED, EventTypes.AGENCY_UPDATED, EventTypes.AGENCY_DEACTIVATED -> project(event);
            default -> LOG.debugf("event %s of type %s is not one grants uses; recorded and skipped", event.id(), event.type());
        }
    }

    private void project(InboundEvent event) {
        AgencySnapshot snapshot = inbox.data(event, AgencySnapshot.class);
        String ori = PayloadChecks.ori(event, snapshot.ori());
        String type = PayloadChecks.requiredText(event, "type");
        boolean active = PayloadChecks.requiredBoolean(event, "active");
        long sequence = PayloadChecks.sequence(event);
        PayloadChecks.keyIs(event, ori);

        lock.forAgency(ori);
        AgencyProjection agency = em.find(AgencyProjection.class, ori);
        if (agency != null && !agency.lastEvent.precedes(sequence)) {
            LOG.debugf("event %s (sequence %d) for agency %s is not newer than sequence %d; ignored", event.id(), sequence,
                    ori, agency.lastEvent.sequence);
            return;
        }
        boolean first = agency == null;
        if (first) {
            agency = new AgencyProjection();
            agency.ori = ori;
        }
        agency.name = snapshot.name();
        agency.agencyType = type;
        agency.active = active;
        agency.lastEvent = AppliedEvent.of(event, sequence);
        agency.updatedAt = Instant.now();
        if (first) {
            em.persist(agency); // after the fields are set: the insert takes the state at persist time
        }
        eligibility.decideForAgency(ori, AppliedEvent.effectiveTime(event));
    }
}
