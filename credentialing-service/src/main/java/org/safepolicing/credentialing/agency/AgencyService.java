package org.safepolicing.credentialing.agency;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Ori;
import org.safepolicing.contracts.Topics;
import org.safepolicing.platform.audit.AuditTrail;
import org.safepolicing.platform.events.EventPublisher;
import org.safepolicing.platform.problem.ProblemException;

/** The agency registry. Every change is published, whole, on the compacted agency-registry.v1 topic. */
@ApplicationScoped
@Transactional
public class AgencyService {

    private final EntityManager em;
    private final EventPublisher events;
    private final AuditTrail audit;

    AgencyService(EntityManager em, EventPublisher events, AuditTrail audit) {
        this.em = em;
        this.events = events;
        this.audit = audit;
    }

    public Agency register(AgencyRequest request) {
        if (!Ori.state(request.ori()).equals(request.state())) {
            throw ProblemException.unprocessable("ori-state-mismatch",
                    "ORI " + request.ori() + " belongs to state " + Ori.state(request.ori()) + ", not " + request.state());
        }
        if (em.find(Agency.class, request.ori()) != null) {
            throw ProblemException.alreadyExists("agency", request.ori());
        }
        Agency agency = new Agency();
        agency.ori = request.ori();
        agency.name = request.name().strip();
        agency.type = request.type();
        agency.state = request.state();
        agency.county = request.county();
        agency.swornOfficers = request.swornOfficers();
        agency.populationServed = request.populationServed();
        agency.urbanRural = request.urbanRural();
        agency.createdAt = Instant.now();
        agency.updatedAt = agency.createdAt;
        em.persist(agency);
        em.flush();
        events.publish(Topics.AGENCY_REGISTRY, EventTypes.AGENCY_REGISTERED, "agency", agency.ori, agency.snapshot());
        audit.record("agency.register", "agency", agency.ori, AuditTrail.SUCCESS);
        return agency;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Agency get(String ori) {
        Agency agency = em.find(Agency.class, ori);
        if (agency == null) {
            throw ProblemException.notFound("agency", ori);
        }
        return agency;
    }
}
