package org.safepolicing.credentialing.credential;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Sec2bCoverage;
import org.safepolicing.contracts.Topics;
import org.safepolicing.contracts.events.CredentialStatus;
import org.safepolicing.credentialing.agency.Agency;
import org.safepolicing.credentialing.body.CredentialingBody;
import org.safepolicing.credentialing.standard.StandardKind;
import org.safepolicing.credentialing.standard.StandardsCatalog;
import org.safepolicing.credentialing.standard.StandardsService;
import org.safepolicing.platform.audit.AuditTrail;
import org.safepolicing.platform.events.EventPublisher;
import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

/**
 * Agency credentials: SOUGHT (by the agency, or by its head's affirmation) → assessed standard by standard by the
 * body → CREDENTIALED or DENIED; then REVOKED by the body, EXPIRED at the end of validity, WITHDRAWN by the agency,
 * or replaced by a renewal sought before it expires. The rules of each change are the credential's
 * ({@link AgencyCredential}) and its body's; this service holds the transaction, the event and the audit row of each.
 * Every transition is one event keyed by the ORI; the agency's row lock serializes one agency's changes, so its events
 * leave in order.
 */
@ApplicationScoped
@Transactional
public class CredentialService {

    private static final Logger LOG = Logger.getLogger(CredentialService.class);

    private final EntityManager em;
    private final EventPublisher events;
    private final AuditTrail audit;
    private final StandardsService standards;

    CredentialService(EntityManager em, EventPublisher events, AuditTrail audit, StandardsService standards) {
        this.em = em;
        this.events = events;
        this.audit = audit;
        this.standards = standards;
    }

    public AgencyCredential seek(String ori, CredentialRequests.Seek request, String caller) {
        Agency agency = lockAgency(ori);
        if (!agency.active) {
            throw ProblemException.conflict("agency-inactive", "agency " + ori + " is deactivated");
        }
        // Sec. 2(b) of EO 13929 covers "State and local" agencies (DOJ's release of 2020-10-28: "state, local, and
        // university"); the one table of agency type to coverage is event-contracts' Sec2bCoverage. A federal agency does
        // not seek a credential under it; tribal and territorial agencies may, voluntarily.
        Sec2bCoverage coverage = Sec2bCoverage.of(agency.type);
        if (!coverage.maySeekCredential()) {
            throw ProblemException.unprocessable("agency-not-covered-by-sec-2b", coverage.reason())
                    .with("agencyType", agency.type.name()).with("coverage", coverage.name());
        }
        CredentialingBody body = certifiedBody(request.bodyId());
        List<AgencyCredential> open = em.createQuery("""
                        from AgencyCredential where ori = :ori
                        and (status = :sought or (status = :credentialed and supersededBy is null)) order by soughtAt""",
                        AgencyCredential.class)
                .setParameter("ori", ori).setParameter("sought", CredentialStatus.SOUGHT)
                .setParameter("credentialed", CredentialStatus.CREDENTIALED).getResultList();
        if (!open.isEmpty()) {
            AgencyCredential existing = open.get(0);
            throw ProblemException.conflict("credential-open",
                    "agency " + ori + " already has credential " + existing.id + " in state " + existing.status
                            + (existing.inForce() ? "; renew it before it expires instead" : ""))
                    .with("credentialId", existing.id.toString()).with("currentState", existing.status.name());
        }
        AgencyCredential credential = AgencyCredential.sought(ori, body.id, standards.current().version());
        if (request.affirmation() != null) {
            CredentialRequests.HeadOfAgencyAffirmation a = request.affirmation();
            credential.affirm(a.name(), a.title(), a.statement());
        }
        em.persist(credential);
        events.publish(Topics.CREDENTIALING_EVENTS, EventTypes.CREDENTIAL_SOUGHT, "agency-credential", ori,
                credential.changed(null));
        audit.record(credential.affirmedBy == null ? "credential.seek" : "credential.seek.affirmation", "agency-credential",
                credential.id.toString(), AuditTrail.SUCCESS);
        LOG.debugf("credential %s sought by %s for %s", credential.id, caller, ori);
        return credential;
    }

    /**
     * The agency seeks renewal of the credential in force, before it expires: a new credential, SOUGHT from the same
     * body under the current standards. The earlier one stays in force until the renewal is decided or it expires.
     */
    public AgencyCredential renew(String ori, UUID id, LocalDate today) {
        lockAgency(ori);
        AgencyCredential current = find(ori, id);
        current.checkMayBeRenewed(today);
        List<AgencyCredential> pending = em.createQuery("from AgencyCredential where ori = :ori and status = :sought",
                AgencyCredential.class).setParameter("ori", ori).setParameter("sought", CredentialStatus.SOUGHT).getResultList();
        if (!pending.isEmpty()) {
            throw ProblemException.conflict("credential-open", "agency " + ori + " already has credential "
                    + pending.get(0).id + " in state SOUGHT").with("credentialId", pending.get(0).id.toString())
                    .with("currentState", CredentialStatus.SOUGHT.name());
        }
        certifiedBody(current.bodyId);
        AgencyCredential renewal = current.renewal(standards.current().version());
        em.persist(renewal);
        events.publish(Topics.CREDENTIALING_EVENTS, EventTypes.CREDENTIAL_SOUGHT, "agency-credential", ori,
                renewal.changed(null));
        audit.record("credential.renewal.seek", "agency-credential", renewal.id.toString(), AuditTrail.SUCCESS);
        return renewal;
    }

    /** The body's assessor records one standard of a SOUGHT credential (replacing an earlier finding on it). */
    public CredentialAssessment assess(String ori, UUID id, String standardCode, CredentialRequests.Assessment request,
                                       String assessor) {
        lockAgency(ori);
        AgencyCredential credential = find(ori, id);
        credential.checkMayBeAssessed();
        StandardsCatalog catalog = standards.get(credential.standardsVersion);
        if (!catalog.contains(standardCode)) {
            throw ProblemException.notFound("standard", standardCode + " in " + catalog.version());
        }
        CredentialAssessment assessment = em.find(CredentialAssessment.class, new CredentialAssessment.Key(id, standardCode));
        boolean first = assessment == null;
        if (first) {
            assessment = new CredentialAssessment();
            assessment.credentialId = id;
            assessment.standardCode = standardCode;
        }
        assessment.outcome = request.outcome();
        assessment.evidenceRefs = request.evidenceRefs() == null ? List.of()
                : request.evidenceRefs().stream().map(String::strip).distinct().toList();
        assessment.notes = request.notes() == null || request.notes().isBlank() ? null : request.notes().strip();
        assessment.assessedBy = assessor;
        assessment.assessedAt = Instant.now();
        if (first) {
            em.persist(assessment);
        }
        audit.record("credential.assess", "agency-credential", id + "/" + standardCode, AuditTrail.SUCCESS);
        return assessment;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public AssessmentSheet assessments(String ori, UUID id) {
        AgencyCredential credential = find(ori, id);
        StandardsCatalog catalog = standards.get(credential.standardsVersion);
        Map<String, CredentialAssessment> found = assessed(id);
        List<AssessmentSheet.Line> lines = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> topicsNotAssessed = new ArrayList<>();
        for (StandardsCatalog.Standard s : catalog.standards()) {
            CredentialAssessment a = found.get(s.code());
            boolean required = s.kind() == StandardKind.MANDATORY;
            if (a != null) {
                lines.add(new AssessmentSheet.Line(s.code(), s.kind(), required, a.outcome, List.copyOf(a.evidenceRefs), a.notes,
                        a.assessedBy, a.assessedAt, false));
            } else if (required) {
                missing.add(s.code());
            } else {
                topicsNotAssessed.add(s.code());
            }
        }
        // findings on standards retired from the version since (V5: items the release does not name) stay readable
        for (CredentialAssessment a : found.values()) {
            if (!catalog.contains(a.standardCode)) {
                lines.add(new AssessmentSheet.Line(a.standardCode, null, false, a.outcome, List.copyOf(a.evidenceRefs), a.notes,
                        a.assessedBy, a.assessedAt, true));
            }
        }
        return new AssessmentSheet(id, credential.standardsVersion, credential.status, lines, missing, topicsNotAssessed);
    }

    /**
     * The body decides a SOUGHT credential on its findings, by the rules of {@link AgencyCredential#checkDecision}
     * (EO 13929 Sec. 2(c)(i)-(ii), DOJ's release of 2020-10-28). A renewal that is granted replaces the credential it
     * renews.
     */
    public AgencyCredential decide(String ori, UUID id, CredentialRequests.Decision decision, String assessor, LocalDate today) {
        lockAgency(ori);
        AgencyCredential credential = find(ori, id);
        credential.checkMayBeDecided();
        em.find(CredentialingBody.class, credential.bodyId, LockModeType.PESSIMISTIC_READ).checkMayDecide();
        LocalDate determination = credential.determinationDate(decision.determinationDate(), today);
        DecisionRules.Findings findings = DecisionRules.findings(standards.get(credential.standardsVersion), assessed(id));
        credential.checkDecision(decision.outcome(), findings);
        CredentialStatus previous;
        String eventType;
        if (decision.outcome() == DecisionOutcome.CREDENTIALED) {
            if (credential.renewalOf != null) {
                AgencyCredential renewed = em.find(AgencyCredential.class, credential.renewalOf);
                if (renewed.inForce()) {
                    renewed.supersede(credential.id);
                    em.flush(); // the earlier credential leaves "in force" before this one enters it (unique per agency)
                }
            }
            previous = credential.grant(determination, findings, assessor, decision.reason());
            eventType = credential.renewalOf == null ? EventTypes.CREDENTIAL_GRANTED : EventTypes.CREDENTIAL_RENEWED;
        } else {
            previous = credential.deny(determination, findings, assessor, decision.reason());
            eventType = EventTypes.CREDENTIAL_DENIED;
        }
        events.publish(Topics.CREDENTIALING_EVENTS, eventType, "agency-credential", ori, credential.changed(previous));
        audit.record("credential.decide." + credential.status.name().toLowerCase(java.util.Locale.ROOT), "agency-credential",
                id.toString(), AuditTrail.SUCCESS);
        return credential;
    }

    /** The body revokes a credential in force. */
    public AgencyCredential revoke(String ori, UUID id, CredentialRequests.Revocation revocation) {
        lockAgency(ori);
        AgencyCredential credential = find(ori, id);
        return published(credential, credential.revoke(revocation.reason()), EventTypes.CREDENTIAL_REVOKED, "credential.revoke");
    }

    public AgencyCredential withdraw(String ori, UUID id, CredentialRequests.Withdrawal request) {
        lockAgency(ori);
        AgencyCredential credential = find(ori, id);
        return published(credential, credential.withdraw(request == null ? null : request.reason()),
                EventTypes.CREDENTIAL_WITHDRAWN, "credential.withdraw");
    }

    /**
     * Every credential in force whose last valid day is before {@code today} becomes EXPIRED, one event each. Safe to
     * run again: what expired is no longer in force.
     *
     * @return the credentials that expired
     */
    public List<UUID> expireDue(LocalDate today) {
        List<Object[]> due = em.createQuery("""
                        select c.id, c.ori from AgencyCredential c
                        where c.status = :credentialed and c.supersededBy is null and c.validUntil < :today
                        order by c.ori""", Object[].class)
                .setParameter("credentialed", CredentialStatus.CREDENTIALED).setParameter("today", today).getResultList();
        List<UUID> expired = new ArrayList<>();
        for (Object[] row : due) {
            lockAgency((String) row[1]);
            AgencyCredential credential = em.find(AgencyCredential.class, row[0]);
            em.refresh(credential);
            if (credential.expire(today)) {
                published(credential, CredentialStatus.CREDENTIALED, EventTypes.CREDENTIAL_EXPIRED, "credential.expire");
                expired.add(credential.id);
            }
        }
        if (!expired.isEmpty()) {
            LOG.infof("%d credential(s) expired as of %s", expired.size(), today);
        }
        return expired;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AgencyCredential> list(String ori) {
        return em.createQuery("from AgencyCredential where ori = :ori order by soughtAt desc", AgencyCredential.class)
                .setParameter("ori", ori).getResultList();
    }

    /** A body's credentials, by status when given, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AgencyCredential> listForBody(UUID bodyId, CredentialStatus status, PageRequest paging) {
        String where = " where c.bodyId = :body" + (status == null ? "" : " and c.status = :status");
        var items = em.createQuery("from AgencyCredential c" + where + " order by c.soughtAt desc, c.id", AgencyCredential.class)
                .setParameter("body", bodyId);
        var count = em.createQuery("select count(c) from AgencyCredential c" + where, Long.class).setParameter("body", bodyId);
        if (status != null) {
            items.setParameter("status", status);
            count.setParameter("status", status);
        }
        return Page.of(items.setFirstResult(paging.offset()).setMaxResults(paging.size).getResultList(), paging,
                count.getSingleResult());
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

    /** The credential's change, published as one event and audited, in the transaction of the change. */
    private AgencyCredential published(AgencyCredential credential, CredentialStatus previous, String eventType, String action) {
        events.publish(Topics.CREDENTIALING_EVENTS, eventType, "agency-credential", credential.ori, credential.changed(previous));
        audit.record(action, "agency-credential", credential.id.toString(), AuditTrail.SUCCESS);
        return credential;
    }

    private CredentialingBody certifiedBody(UUID bodyId) {
        CredentialingBody body = em.find(CredentialingBody.class, bodyId);
        if (body == null) {
            throw ProblemException.unprocessable("unknown-body", "credentialing body " + bodyId + " does not exist");
        }
        body.checkMayBeSought();
        return body;
    }

    private Map<String, CredentialAssessment> assessed(UUID credentialId) {
        Map<String, CredentialAssessment> found = new LinkedHashMap<>();
        em.createQuery("from CredentialAssessment where credentialId = :id", CredentialAssessment.class)
                .setParameter("id", credentialId).getResultList().forEach(a -> found.put(a.standardCode, a));
        return found;
    }

    private Agency lockAgency(String ori) {
        Agency agency = em.find(Agency.class, ori, LockModeType.PESSIMISTIC_WRITE);
        if (agency == null) {
            throw ProblemException.notFound("agency", ori);
        }
        return agency;
    }
}
