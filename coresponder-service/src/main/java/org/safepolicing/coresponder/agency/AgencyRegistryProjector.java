package org.safepolicing.coresponder.agency;

import java.time.Instant;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

import org.jboss.logging.Logger;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Ori;
import org.safepolicing.contracts.events.AgencySnapshot;
import org.safepolicing.coresponder.training.CoverageService;
import org.safepolicing.platform.events.EventInbox;
import org.safepolicing.platform.events.InboundEvent;
import org.safepolicing.platform.events.PoisonEventException;

/**
 * Applies an agency snapshot to the local agency table, then lets training coverage follow a change of the sworn
 * count. A snapshot that is not newer (ce_sequence) than the one applied is ignored.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AgencyRegistryProjector {

    private static final Logger LOG = Logger.getLogger(AgencyRegistryProjector.class);

    private final EntityManager em;
    private final EventInbox inbox;
    private final CoverageService coverage;

    AgencyRegistryProjector(EntityManager em, EventInbox inbox, CoverageService coverage) {
        this.em = em;
        this.inbox = inbox;
        this.coverage = coverage;
    }

    public void apply(InboundEvent event) {
        switch (event.type()) {
            case EventTypes.AGENCY_REGISTERED, EventTypes.AGENCY_UPDATED, EventTypes.AGENCY_DEACTIVATED -> project(event);
            default -> LOG.debugf("event %s of type %s is not used here; recorded and skipped", event.id(), event.type());
        }
    }

    private void project(InboundEvent event) {
        AgencySnapshot snapshot = inbox.data(event, AgencySnapshot.class);
        if (!Ori.isValid(snapshot.ori())) {
            throw poison(event, "carries an invalid ORI '" + snapshot.ori() + "'");
        }
        if (!snapshot.ori().equals(event.key())) {
            throw poison(event, "is keyed '" + event.key() + "' but concerns '" + snapshot.ori() + "'");
        }
        if (snapshot.name() != null && snapshot.name().indexOf('\u0000') >= 0) {
            throw poison(event, "has a name with a NUL character");
        }
        if (event.sequence() == null) {
            throw poison(event, "has no ce_sequence, so it cannot be ordered against the agency's other snapshots");
        }
        JsonNode active = event.data().get("active");
        if (active == null || !active.isBoolean()) {
            throw poison(event, "has no active (true or false)");
        }
        if ((snapshot.swornOfficers() != null && snapshot.swornOfficers() < 0)
                || (snapshot.populationServed() != null && snapshot.populationServed() < 0)) {
            throw poison(event, "has a negative sworn-officer or population count");
        }
        Agency agency = em.find(Agency.class, snapshot.ori(), LockModeType.PESSIMISTIC_WRITE);
        if (agency != null && event.sequence() <= agency.lastSequence) {
            LOG.debugf("snapshot %s (sequence %d) of %s is not newer than %d; ignored", event.id(), event.sequence(),
                    snapshot.ori(), agency.lastSequence);
            return;
        }
        boolean first = agency == null;
        Integer swornBefore = first ? null : agency.swornOfficers;
        if (first) {
            agency = new Agency();
            agency.ori = snapshot.ori();
        }
        agency.name = snapshot.name();
        JsonNode type = event.data().get("type");
        agency.agencyType = type != null && type.isTextual() ? type.asText() : null;
        agency.state = Ori.state(snapshot.ori());
        agency.swornOfficers = snapshot.swornOfficers();
        agency.populationServed = snapshot.populationServed();
        agency.active = active.asBoolean();
        agency.lastEventId = event.id();
        agency.lastSequence = event.sequence();
        agency.updatedAt = Instant.now();
        if (first) {
            em.persist(agency);
        }
        em.flush();
        if (first || !Objects.equals(swornBefore, agency.swornOfficers)) {
            coverage.refresh(agency.ori);
        }
    }

    private static PoisonEventException poison(InboundEvent event, String what) {
        return new PoisonEventException("event " + event.id() + " of type " + event.type() + " " + what);
    }
}
