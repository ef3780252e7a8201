package org.safepolicing.coresponder.agency;

import java.time.Instant;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

import org.safepolicing.contracts.Ori;
import org.safepolicing.contracts.events.AgencySnapshot;
import org.safepolicing.coresponder.training.CoverageService;
import org.safepolicing.platform.events.AgencyRegistryCopy;
import org.safepolicing.platform.events.InboundEvent;

/**
 * Applies the newest snapshot of an agency ({@link AgencyRegistryCopy} checked it against the contract and dropped
 * older ones) to the local agency table, then lets training coverage follow a new agency or a change of the sworn
 * count.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AgencyRegistryProjector {

    private final EntityManager em;
    private final CoverageService coverage;

    AgencyRegistryProjector(EntityManager em, CoverageService coverage) {
        this.em = em;
        this.coverage = coverage;
    }

    public void upsert(AgencySnapshot snapshot, InboundEvent event) {
        Agency agency = em.find(Agency.class, snapshot.ori());
        boolean first = agency == null;
        Integer swornBefore = first ? null : agency.swornOfficers;
        if (first) {
            agency = new Agency();
            agency.ori = snapshot.ori();
        }
        agency.name = snapshot.name();
        JsonNode type = event.data().get("type");
        agency.agencyType = type.asText(); // a type this build does not know yet is kept as text
        agency.state = Ori.state(snapshot.ori());
        agency.swornOfficers = snapshot.swornOfficers();
        agency.populationServed = snapshot.populationServed();
        agency.active = snapshot.active();
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
}
