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
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.contracts.events.BodyStatus;
import org.safepolicing.credentialing.SearchText;
import org.safepolicing.credentialing.standard.StandardsCatalog;
import org.safepolicing.credentialing.standard.StandardsService;
import org.safepolicing.platform.audit.AuditTrail;
import org.safepolicing.platform.events.EventPublisher;
import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

/**
 * Credentialing bodies: application, DOJ's certification for a term, refusal, suspension, reinstatement, revocation,
 * and the end of a term. The rules of each change are the body's ({@link CredentialingBody}); this service holds the
 * transaction, the event and the audit row of each. Each change is one event keyed by the body id, carrying the body's
 * whole standing.
 *
 * <p>A change of a body's standing does not change its agencies' credentials: a credential sought from or granted by a
 * body that is then suspended stays SOUGHT or CREDENTIALED (reinstatement restores it as it was). What changes is
 * whether it counts under Sec. 2(b), and grants-service re-decides every agency whose credential names the body when it
 * reads the body's one event; see the README, "When a body's standing changes".
 */
@ApplicationScoped
@Transactional
public class BodyService {

    private static final Logger LOG = Logger.getLogger(BodyService.class);

    private final EntityManager em;
    private final EventPublisher events;
    private final AuditTrail audit;
    private final StandardsService standards;

    BodyService(EntityManager em, EventPublisher events, AuditTrail audit, StandardsService standards) {
        this.em = em;
        this.events = events;
        this.audit = audit;
        this.standards = standards;
    }

    public CredentialingBody apply(BodyRequests.Application application) {
        StandardsCatalog catalog = standards.current();
        List<String> covered = application.coveredStandards().stream().map(String::strip).distinct().toList();
        List<String> unknown = covered.stream().filter(c -> !catalog.contains(c)).toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.badRequest("unknown standard(s) " + unknown + " in " + catalog.version())
                    .with("standardsVersion", catalog.version());
        }
        Set<String> missing = catalog.missingMandatory(covered);
        if (!missing.isEmpty()) {
            throw ProblemException.unprocessable("mandatory-standards-not-covered",
                    "a body's review must cover every mandatory standard; missing " + missing)
                    .with("missingStandards", List.copyOf(missing));
        }
        CredentialingBody body = new CredentialingBody();
        body.id = UUID.randomUUID();
        body.name = application.name().strip();
        body.coveredStandards = covered;
        body.standardsVersion = catalog.version();
        if (application.addresses() != null) {
            body.addressesUseOfForce = text(application.addresses().useOfForcePoliciesAndTraining());
            body.addressesDeEscalation = text(application.addresses().deEscalationPoliciesAndTraining());
            body.addressesEarlyWarning = text(application.addresses().earlyWarningSystems());
            body.addressesCommunityEngagement = text(application.addresses().communityEngagement());
        }
        body.confirmsMandatoryStandards = application.confirmsMandatoryStandards();
        body.status = BodyStatus.APPLIED;
        body.createdAt = Instant.now();
        body.updatedAt = body.createdAt;
        em.persist(body);
        events.publish(Topics.CREDENTIALING_EVENTS, EventTypes.BODY_APPLIED, "credentialing-body", body.id.toString(),
                body.changed(null));
        audit.record("body.apply", "credentialing-body", body.id.toString(), AuditTrail.SUCCESS);
        return body;
    }

    /** APPLIED → CERTIFIED, or EXPIRED → CERTIFIED for a new term. */
    public CredentialingBody certify(UUID id, BodyRequests.Certification certification) {
        CredentialingBody body = lock(id);
        BodyStatus previous = body.certify(certification.termStart(), certification.termMonths(), LocalDate.now(ZoneOffset.UTC));
        return published(body, previous, EventTypes.BODY_CERTIFIED, "body.certify");
    }

    /** APPLIED → REFUSED. */
    public CredentialingBody refuse(UUID id, BodyRequests.Decision decision) {
        CredentialingBody body = lock(id);
        return published(body, body.refuse(decision.reason()), EventTypes.BODY_REFUSED, "body.refuse");
    }

    /** CERTIFIED → SUSPENDED. */
    public CredentialingBody suspend(UUID id, BodyRequests.Decision decision) {
        CredentialingBody body = lock(id);
        return published(body, body.suspend(decision.reason()), EventTypes.BODY_SUSPENDED, "body.suspend");
    }

    /** SUSPENDED → CERTIFIED. */
    public CredentialingBody reinstate(UUID id) {
        CredentialingBody body = lock(id);
        return published(body, body.reinstate(), EventTypes.BODY_REINSTATED, "body.reinstate");
    }

    /** CERTIFIED or SUSPENDED → REVOKED, for good. */
    public CredentialingBody revoke(UUID id, BodyRequests.Decision decision) {
        CredentialingBody body = lock(id);
        return published(body, body.revoke(decision.reason()), EventTypes.BODY_REVOKED, "body.revoke");
    }

    /**
     * Every CERTIFIED or SUSPENDED body whose term ended before {@code today} becomes EXPIRED (one event each).
     * Running it twice changes nothing the second time.
     *
     * @return the bodies that expired
     */
    public List<UUID> expireTerms(LocalDate today) {
        List<CredentialingBody> due = em.createQuery(
                        "from CredentialingBody where status in (:standing) and termEnd < :today order by termEnd, id",
                        CredentialingBody.class)
                .setParameter("standing", List.of(BodyStatus.CERTIFIED, BodyStatus.SUSPENDED))
                .setParameter("today", today)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        List<UUID> expired = new java.util.ArrayList<>();
        for (CredentialingBody body : due) {
            BodyStatus previous = body.status;
            if (body.endTerm(today)) {
                published(body, previous, EventTypes.BODY_TERM_EXPIRED, "body.term-expire");
                expired.add(body.id);
            }
        }
        if (!expired.isEmpty()) {
            LOG.infof("%d credentialing body term(s) expired as of %s", expired.size(), today);
        }
        return expired;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CredentialingBody get(UUID id) {
        CredentialingBody body = em.find(CredentialingBody.class, id);
        if (body == null) {
            throw ProblemException.notFound("credentialing body", id);
        }
        return body;
    }

    /** Bodies by status and a name fragment, by name. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<CredentialingBody> search(String text, BodyStatus status, PageRequest paging) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (status != null) {
            where.append(" and b.status = :status");
            params.put("status", status);
        }
        if (text != null && !text.isBlank()) {
            where.append(" and lower(b.name) like :text" + SearchText.ESCAPE);
            params.put("text", SearchText.anywhereLowerCase(text));
        }
        TypedQuery<CredentialingBody> items = em.createQuery("from CredentialingBody b" + where + " order by b.name, b.id",
                CredentialingBody.class);
        TypedQuery<Long> count = em.createQuery("select count(b) from CredentialingBody b" + where, Long.class);
        params.forEach((k, v) -> {
            items.setParameter(k, v);
            count.setParameter(k, v);
        });
        return Page.of(items.setFirstResult(paging.offset()).setMaxResults(paging.size).getResultList(), paging,
                count.getSingleResult());
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The body's change, published as one event and audited, in the transaction of the change. */
    private CredentialingBody published(CredentialingBody body, BodyStatus previous, String eventType, String action) {
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
