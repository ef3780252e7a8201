package org.safepolicing.records.officer;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.safepolicing.platform.audit.AuditTrail;
import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.security.Roles;

/** Reads of an officer: the officer themself, DOJ, or an agency that employs or employed them. Audited. */
@ApplicationScoped
@Transactional
public class OfficerAccess {

    private final EntityManager em;
    private final OfficerService officers;
    private final Caller caller;
    private final AuditTrail audit;

    OfficerAccess(EntityManager em, OfficerService officers, Caller caller, AuditTrail audit) {
        this.em = em;
        this.officers = officers;
        this.caller = caller;
        this.audit = audit;
    }

    public OfficerView officer(UUID id) {
        if (caller.hasRole(Roles.AGENCY_USER) && !caller.hasAnyRole(Roles.DOJ_ADMIN, Roles.OFFICER)) {
            String ori = caller.ori().orElseThrow(() -> ProblemException.forbidden("the token names no agency"));
            if (!officers.employedBy(id, ori)) {
                throw ProblemException.forbidden("agency " + ori + " has no employment on file for officer " + id);
            }
        } else {
            caller.requireOfficer(id, Roles.DOJ_ADMIN);
        }
        Officer officer = em.find(Officer.class, id);
        if (officer == null) {
            throw ProblemException.notFound("officer", id);
        }
        audit.record("officer.read", "officer", id.toString(), AuditTrail.SUCCESS);
        return OfficerView.of(officer, officers.employment(id));
    }
}
