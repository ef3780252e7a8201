package org.safepolicing.platform.audit;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.platform.limits.RateLimited;
import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

/**
 * Every service's audit trail, for auditors only: the rows, newest first, and a verification of the hash chain.
 * Reading the trail is itself audited.
 */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
@RolesAllowed(Roles.AUDITOR)
public class AuditResource {

    private final EntityManager em;
    private final AuditTrail audit;
    private final AuditVerifier verifier;

    AuditResource(EntityManager em, AuditTrail audit, AuditVerifier verifier) {
        this.em = em;
        this.audit = audit;
        this.verifier = verifier;
    }

    @GET
    @Path("/entries")
    @Transactional
    @RateLimited("audit-search")
    @Operation(summary = "Read the audit trail", description = "Newest first; filter by object, actor, agency and"
            + " time (from inclusive, to exclusive, ISO-8601 UTC). Auditors only; the read is audited.")
    @APIResponse(responseCode = "200", description = "One page of audit rows")
    @APIResponse(responseCode = "400", description = "An invalid filter or page")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an auditor")
    @APIResponse(responseCode = "429", description = "Too many searches from this caller; see Retry-After")
    public Page<AuditEntryView> entries(@QueryParam("objectType") @Size(max = 100) String objectType,
                                        @QueryParam("objectId") @Size(max = 200) String objectId,
                                        @QueryParam("actor") @Size(max = 200) String actor,
                                        @QueryParam("agency") @Size(max = 20) String agency,
                                        @QueryParam("from") String from, @QueryParam("to") String to,
                                        @Valid @BeanParam PageRequest paging) {
        Instant fromTime = instant("from", from);
        Instant toTime = instant("to", to);
        String where = " where (:objectType is null or e.objectType = :objectType)"
                + " and (:objectId is null or e.objectId = :objectId)"
                + " and (:actor is null or e.actor = :actor)"
                + " and (:agency is null or e.actorAgency = :agency)"
                + " and e.occurredAt >= :from and e.occurredAt < :to";
        TypedQuery<AuditEntry> query = em.createQuery("from AuditEntry e" + where + " order by e.id desc", AuditEntry.class);
        TypedQuery<Long> count = em.createQuery("select count(e) from AuditEntry e" + where, Long.class);
        for (TypedQuery<?> q : List.of(query, count)) {
            q.setParameter("objectType", objectType).setParameter("objectId", objectId).setParameter("actor", actor)
                    .setParameter("agency", agency)
                    .setParameter("from", fromTime == null ? Instant.EPOCH : fromTime)
                    .setParameter("to", toTime == null ? Instant.parse("9999-12-31T00:00:00Z") : toTime);
        }
        List<AuditEntryView> items = query.setFirstResult(paging.offset()).setMaxResults(paging.size).getResultList()
                .stream().map(AuditEntryView::of).toList();
        long total = count.getSingleResult();
        // what was searched for, so the trail shows which object an auditor looked up
        String searched = objectType == null && objectId == null ? null
                : (objectType == null ? "*" : objectType) + ":" + (objectId == null ? "*" : objectId);
        audit.record("audit.read", "audit-trail", searched, AuditTrail.SUCCESS);
        return Page.of(items, paging, total);
    }

    @GET
    @Path("/verification")
    @Transactional
    @Operation(summary = "Verify the audit trail's hash chain", description = "Recomputes every row's hash and its link"
            + " to the row before it in its chain (16 chains, one per transaction); names each row that was changed"
            + " after it was written and each break in a chain (a removed or rewritten row), and checks the latest anchor"
            + " the service published outside its database (<service>.audit-anchors.v1): an anchored head row that is"
            + " gone is CUT (rows cut from a chain's end), one with another hash ALTERED; anchor.status says whether the"
            + " anchor was CHECKED, NONE yet, or UNAVAILABLE (Kafka did not answer). Auditors only; the verification is"
            + " audited.")
    @APIResponse(responseCode = "200", description = "The outcome; intact is false when any row does not match")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an auditor")
    public AuditVerifier.Verification verify() {
        AuditVerifier.Verification result = verifier.verify();
        audit.record("audit.verify", "audit-trail", null, result.intact() ? AuditTrail.SUCCESS : "TAMPERING_FOUND");
        return result;
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (RuntimeException e) {
            throw ProblemException.badRequest(name + " must be an ISO-8601 UTC instant such as 2026-01-31T00:00:00Z");
        }
    }

    /** One audit row as auditors read it. */
    public record AuditEntryView(long id, Instant occurredAt, String actor, String actorRoles, String actorAgency,
                                 String action, String objectType, String objectId, String outcome, String requestId,
                                 String sourceAddress, Short chain, String prevHash, String rowHash) {
        static AuditEntryView of(AuditEntry e) {
            return new AuditEntryView(e.id, e.occurredAt, e.actor, e.actorRoles, e.actorAgency, e.action, e.objectType,
                    e.objectId, e.outcome, e.requestId, e.sourceAddress, e.chain, e.prevHash, e.rowHash);
        }
    }
}
