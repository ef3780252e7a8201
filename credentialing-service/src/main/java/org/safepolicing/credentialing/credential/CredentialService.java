package org.safepolicing.credentialing.credential;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.contracts.events.BodyStatus;
import org.safepolicing.contracts.events.CredentialStatus;
import org.safepolicing.credentialing.agency.Agency;
import org.safepolicing.credentialing.body.CredentialingBody;
import org.safepolicing.credentialing.standard.Standards;
import org.safepolicing.platform.audit.AuditTrail;
import org.safepolicing.platform.events.EventPublisher;
import org.safepolicing.platform.problem.ProblemException;

/** Agency credentials: seeking from a certified body, and withdrawal. Each transition is an event keyed by ORI. */
@ApplicationScoped
@Transactional
public class CredentialService {

    private final EntityManager em;
    private final EventPublisher events;
    private final AuditTrail audit;

    CredentialService(EntityManager em, EventPublisher events, AuditTrail audit) {
        this.em = em;
        this.events = events;
        this.audit = audit;
    }

    public AgencyCredential seek(String ori, CredentialRequests.Seek request) {
        // The agency row lock serializes every credential change of one agency, so its events leave in order.
        Agency agency = em.find(Agency.class, ori, LockModeType.PESSIMISTIC_WRITE);
        if (agency == null) {
            throw ProblemException.notFound("agency", ori);
        }
        if (!agency.active) {
            throw ProblemException.conflict("agency-inactive", "agency " + ori + " is deactivated");
        }
        CredentialingBody body = em.find(CredentialingBody.class, request.bodyId());
        if (body == null) {
            throw ProblemException.unprocessable("unknown-body", "credentialing body " + request.bodyId() + " does not exist");
        }
        if (body.status != BodyStatus.CERTIFIED) {
            throw ProblemException.unprocessable("body-not-certified",
                    "credentialing body " + body.id + " is " + body.status + "; a credential can only be sought from a CERTIFIED body")
                    .with("bodyStatus", body.status.name());
        }
        List<AgencyCredential> open = em.createQuery(
                        "from AgencyCredential where ori = :ori and status in (:open)", AgencyCredential.class)
                .setParameter("ori", ori)
                .setParameter("open", List.of(CredentialStatus.SOUGHT, CredentialStatus.CREDENTIALED))
                .getResultList();
        if (!open.isEmpty()) {
            AgencyCredential existing = open.get(0);
            throw ProblemException.conflict("credential-open",
                    "agency " + ori + " already has credential " + existing.id + " in state " + existing.status)
                    .with("credentialId", existing.id.toString()).with("currentState", existing.status.name());
        }
        AgencyCredential credential = new AgencyCredential();
        credential.id = UUID.randomUUID();
        credential.ori = ori;
        credential.bodyId = body.id;
        credential.status = CredentialStatus.SOUGHT;
        credential.standardsVersion = Standards.CURRENT_VERSION;
        credential.soughtAt = Instant.now();
        credential.updatedAt = credential.soughtAt;
        em.persist(credential);
        events.publish(Topics.CREDENTIALING_EVENTS, EventTypes.CREDENTIAL_SOUGHT, "agency-credential", ori,
                credential.changed(null));
        audit.record("credential.seek", "agency-credential", credential.id.toString(), AuditTrail.SUCCESS);
        return credential;
    }

    public AgencyCredential withdraw(String ori, UUID id, CredentialRequests.Withdrawal request) {
        em.find(Agency.class, ori, LockModeType.PESSIMISTIC_WRITE);
        AgencyCredential credential = find(ori, id);
        if (credential.status != CredentialStatus.SOUGHT && credential.status != CredentialStatus.CREDENTIALED) {
            throw ProblemException.illegalTransition("credential", id, credential.status, "withdraw");
        }
        CredentialStatus previous = credential.status;
        credential.status = CredentialStatus.WITHDRAWN;
        credential.reason = request == null || request.reason() == null ? null : request.reason().strip();
        credential.updatedAt = Instant.now();
        events.publish(Topics.CREDENTIALING_EVENTS, EventTypes.CREDENTIAL_WITHDRAWN, "agency-credential", ori,
                credential.changed(previous));
        audit.record("credential.withdraw", "agency-credential", id.toString(), AuditTrail.SUCCESS);
        return credential;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AgencyCredential> list(String ori) {
        return em.createQuery("from AgencyCredential where ori = :ori order by soughtAt desc", AgencyCredential.class)
                .setParameter("ori", ori).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public AgencyCredential find(String ori, UUID id) {
        AgencyCredential credential = em.find(AgencyCredential.class, id);
        // a credential of another agency is "not found" under this agency's path
        if (credential == null || !credential.ori.equals(ori)) {
            throw ProblemException.notFound("credential", id);
        }
        return credential;
    }
}
