package org.safepolicing.platform.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.BlockingOperationControl;
import io.vertx.core.Vertx;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.web.RequestContext;

/**
 * Writes audit rows inside the caller's transaction, so the row exists exactly when the audited read or change did.
 * Use it for every read or change of officer-level data and every privileged action. Outside an HTTP request (a
 * scheduled job, a message consumer) the actor is {@code system}. A request refused with 403 leaves one row of its own
 * ({@link #recordRefusal}), so does a 409 or 422 on officer-level data ({@link #recordRejection}) and, throttled, a 401
 * ({@link #recordUnauthenticated}).
 */
@ApplicationScoped
public class AuditTrail {

    public static final String SUCCESS = "SUCCESS";
    public static final String REFUSED = "REFUSED";

    private final EntityManager em;
    private final UnauthenticatedThrottle throttle;

    AuditTrail(EntityManager em, UnauthenticatedThrottle throttle) {
        this.em = em;
        this.throttle = throttle;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEntry record(String action, String objectType, String objectId, String outcome) {
        AuditEntry entry = new AuditEntry();
        entry.occurredAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        entry.action = action;
        entry.objectType = objectType;
        entry.objectId = objectId;
        entry.outcome = outcome;
        if (inHttpRequest()) {
            Caller caller = Arc.container().instance(Caller.class).get();
            RequestContext request = Arc.container().instance(RequestContext.class).get();
            entry.actor = caller.name();
            entry.actorRoles = String.join(",", caller.roles());
            entry.actorAgency = caller.ori().orElse(null);
            entry.requestId = request.requestId();
            entry.sourceAddress = request.sourceAddress();
        } else {
            entry.actor = "system";
        }
        em.persist(entry);
        return entry;
    }

    /**
     * Writes the row of a refused request (403) in its own transaction: the refused request's own transaction, if it
     * had one, was rolled back, so this row is all that remains of it. Called by the problem mappers; the caller's
     * facts are read here, on the request's thread, and the row is written on a worker thread when this one may not
     * block.
     */
    public void recordRefusal(String method, String path) {
        if (inHttpRequest()) {
            writeApart(callerEntry("access.refused", requestLine(method, path)));
        }
    }

    /**
     * Writes the row of a 409 or 422 refusal of a request on officer-level data ({@link OfficerLevelData}), in its own
     * transaction as {@link #recordRefusal}: action {@code request.refused}, the object the request line with the
     * status and problem type.
     */
    public void recordRejection(String method, String path, int status, String problemType) {
        if (inHttpRequest()) {
            writeApart(callerEntry("request.refused", cut(method + " " + path + " -> " + status + " " + problemType)));
        }
    }

    /**
     * Writes the row of a request refused with 401 (no valid token; so no actor but {@code anonymous} and the source
     * address): action {@code access.unauthenticated}, the object the request line and why the token was refused.
     * Throttled per source address and replica ({@link UnauthenticatedThrottle}); a row after refusals that were not
     * written says how many.
     */
    public void recordUnauthenticated(String method, String path, String reason) {
        if (!inHttpRequest()) {
            return;
        }
        RequestContext request = Arc.container().instance(RequestContext.class).get();
        long notRecorded = throttle.admit(request.sourceAddress());
        if (notRecorded < 0) {
            return;
        }
        AuditEntry entry = new AuditEntry();
        entry.occurredAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        entry.action = "access.unauthenticated";
        entry.objectType = "request";
        entry.objectId = cut(method + " " + path + " -> " + reason
                + (notRecorded > 0 ? " (and " + notRecorded + " earlier refusal(s) from this address not recorded)" : ""));
        entry.outcome = REFUSED;
        entry.actor = "anonymous";
        entry.actorRoles = "";
        entry.requestId = request.requestId();
        entry.sourceAddress = request.sourceAddress();
        writeApart(entry);
    }

    private AuditEntry callerEntry(String action, String objectId) {
        Caller caller = Arc.container().instance(Caller.class).get();
        RequestContext request = Arc.container().instance(RequestContext.class).get();
        AuditEntry entry = new AuditEntry();
        entry.occurredAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        entry.action = action;
        entry.objectType = "request";
        entry.objectId = objectId;
        entry.outcome = REFUSED;
        entry.actor = caller.name();
        entry.actorRoles = String.join(",", caller.roles());
        entry.actorAgency = caller.ori().orElse(null);
        entry.requestId = request.requestId();
        entry.sourceAddress = request.sourceAddress();
        return entry;
    }

    private static String requestLine(String method, String path) {
        return method + " " + (path.length() > 500 ? path.substring(0, 500) : path);
    }

    private static String cut(String text) {
        return text.length() > 700 ? text.substring(0, 700) : text;
    }

    /** In a transaction of its own, on a worker thread when this one may not block. */
    private void writeApart(AuditEntry entry) {
        Runnable write = () -> QuarkusTransaction.requiringNew().run(() -> em.persist(entry));
        if (BlockingOperationControl.isBlockingAllowed()) {
            write.run();
        } else {
            Arc.container().instance(Vertx.class).get().executeBlocking(() -> {
                write.run();
                return null;
            }, false);
        }
    }

    /**
     * True while serving an HTTP request. A request context alone is not enough: Quarkus also activates one for
     * scheduled jobs and message consumers, where nobody is logged in and the actor is the system itself.
     */
    private static boolean inHttpRequest() {
        if (!Arc.container().requestContext().isActive()) {
            return false;
        }
        InstanceHandle<CurrentVertxRequest> current = Arc.container().instance(CurrentVertxRequest.class);
        return current.isAvailable() && current.get().getCurrent() != null;
    }
}
