package org.safepolicing.credentialing.body;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.contracts.events.BodyStatus;
import org.safepolicing.credentialing.standard.Standards;
import org.safepolicing.platform.audit.AuditTrail;
import org.safepolicing.platform.events.EventPublisher;
import org.safepolicing.platform.problem.ProblemException;

/** Credentialing bodies: application, certification by DOJ, suspension and reinstatement. Each change is an event. */
@ApplicationScoped
@Transactional
public class BodyService {

    private final EntityManager em;
    private final EventPublisher events;
    private final AuditTrail audit;

    BodyService(EntityManager em, EventPublisher events, AuditTrail audit) {
        this.em = em;
        this.events = events;
        this.audit = audit;
    }

    public CredentialingBody apply(BodyRequests.Application application) {
        List<String> covered = application.coveredStandards().stream().map(String::strip).distinct().toList();
        List<String> unknown = covered.stream().filter(c -> !Standards.known(c)).toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.badRequest("unknown standard(s) " + unknown + " in " + Standards.CURRENT_VERSION);
        }
        Set<String> missing = Standards.missingMandatory(covered);
        if (!missing.isEmpty()) {
            throw ProblemException.unprocessable("mandatory-standards-not-covered",
                    "a body's review must cover every mandatory standard; missing " + missing);
        }
        CredentialingBody body = new CredentialingBody();
        body.id = UUID.randomUUID();
        body.name = application.name().strip();
        body.coveredStandards = covered;
        body.status = BodyStatus.APPLIED;
        body.createdAt = Instant.now();
        body.updatedAt = body.createdAt;
        em.persist(body);
        events.publish(Topics.CREDENTIALING_EVENTS, EventTypes.BODY_APPLIED, "credentialing-body", body.id.toString(),
                body.changed(null));
        audit.record("body.apply", "credentialing-body", body.id.toString(), AuditTrail.SUCCESS);
        return body;
    }

    public CredentialingBody certify(UUID id, BodyRequests.Certification certification) {
        CredentialingBody body = lock(id);
        if (body.status != BodyStatus.APPLIED) {
            throw ProblemException.illegalTransition("credentialing body", id, body.status, "certify");
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        body.termStart = today;
        body.termEnd = today.plusMonths(certification.termMonths()).minusDays(1);
        body.statusReason = null;
        return change(body, BodyStatus.CERTIFIED, EventTypes.BODY_CERTIFIED, "body.certify");
    }

    public CredentialingBody suspend(UUID id, BodyRequests.Decision decision) {
        CredentialingBody body = lock(id);
        if (body.status != BodyStatus.CERTIFIED) {
            throw ProblemException.illegalTransition("credentialing body", id, body.status, "suspend");
        }
        body.statusReason = decision.reason().strip();
        return change(body, BodyStatus.SUSPENDED, EventTypes.BODY_SUSPENDED, "body.suspend");
    }

    public CredentialingBody reinstate(UUID id) {
        CredentialingBody body = lock(id);
        if (body.status != BodyStatus.SUSPENDED) {
            throw ProblemException.illegalTransition("credentialing body", id, body.status, "reinstate");
        }
        body.statusReason = null;
        return change(body, BodyStatus.CERTIFIED, EventTypes.BODY_REINSTATED, "body.reinstate");
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CredentialingBody get(UUID id) {
        CredentialingBody body = em.find(CredentialingBody.class, id);
        if (body == null) {
            throw ProblemException.notFound("credentialing body", id);
        }
        return body;
    }

    private CredentialingBody change(CredentialingBody body, BodyStatus next, String eventType, String action) {
        BodyStatus previous = body.status;
        body.status = next;
        body.updatedAt = Instant.now();
        events.publish(Topics.CREDENTIALING_EVENTS, eventType, "credentialing-body", body.id.toString(), body.changed(previous));
        audit.record(action, "credentialing-body", body.id.toString(), AuditTrail.SUCCESS);
        return body;
    }

    private CredentialingBody lock(UUID id) {
        CredentialingBody body = em.find(CredentialingBody.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (body == null) {
            throw ProblemException.notFound("credentialing body", id);
        }
        return body;
    }
}
