package org.safepolicing.platform.audit;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.BlockingOperationControl;
import io.vertx.core.Vertx;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

import org.hibernate.Session;
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

    private static final String INSERT = """
            insert into audit_entry (occurred_at, actor, actor_roles, actor_agency, action, object_type, object_id,
                                     outcome, request_id, source_address)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final EntityManager em;
    private final UnauthenticatedThrottle throttle;

    AuditTrail(EntityManager em, UnauthenticatedThrottle throttle) {
        this.em = em;
        this.throttle = throttle;
    }

    /** One audited action: what was done to which object, with what outcome. */
    public record Action(String action, String objectType, String objectId, String outcome) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String action, String objectType, String objectId, String outcome) {
        recordAll(List.of(new Action(action, objectType, objectId, outcome)));
    }

    /**
     * Several rows in one batch (one round trip), in the given order: for a request that discloses or changes many
     * objects at once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(List<Action> actions) {
        if (actions.isEmpty()) {
            return;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<AuditEntry> entries = new ArrayList<>(actions.size());
        AuditEntry who = actor();
        for (Action a : actions) {
            AuditEntry entry = new AuditEntry();
            entry.occurredAt = now;
            entry.action = a.action();
            entry.objectType = a.objectType();
            entry.objectId = a.objectId();
            entry.outcome = a.outcome();
            entry.actor = who.actor;
            entry.actorRoles = who.actorRoles;
            entry.actorAgency = who.actorAgency;
            entry.requestId = who.requestId;
            entry.sourceAddress = who.sourceAddress;
            entries.add(entry);
        }
        insert(entries);
    }

    /** The acting caller of the HTTP request being served, or {@code system} outside one. */
    private static AuditEntry actor() {
        AuditEntry who = new AuditEntry();
        if (inHttpRequest()) {
            Caller caller = Arc.container().instance(Caller.class).get();
            RequestContext request = Arc.container().instance(RequestContext.class).get();
            who.actor = caller.name();
            who.actorRoles = String.join(",", caller.roles());
            who.actorAgency = caller.ori().orElse(null);
            who.requestId = request.requestId();
            who.sourceAddress = request.sourceAddress();
        } else {
            who.actor = "system";
        }
        return who;
    }

    /**
     * Plain JDBC in the current transaction: the database numbers, chains and hashes each row (V1_1, V1_4), so the
     * row needs none of Hibernate's entity bookkeeping; an entity insert cost a hiring check a quarter of its CPU.
     */
    private void insert(List<AuditEntry> entries) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (AuditEntry e : entries) {
                    insert.setObject(1, e.occurredAt.atOffset(ZoneOffset.UTC));
                    insert.setString(2, e.actor);
                    insert.setString(3, e.actorRoles);
                    insert.setString(4, e.actorAgency);
                    insert.setString(5, e.action);
                    insert.setString(6, e.objectType);
                    insert.setString(7, e.objectId);
                    insert.setString(8, e.outcome);
                    insert.setString(9, e.requestId);
                    insert.setString(10, e.sourceAddress);
                    if (entries.size() == 1) {
                        insert.executeUpdate();
                    } else {
                        insert.addBatch();
                    }
                }
                if (entries.size() > 1) {
                    insert.executeBatch();
                }
            }
        });
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
        Runnable write = () -> QuarkusTransaction.requiringNew().run(() -> insert(List.of(entry)));
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
