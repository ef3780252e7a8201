package org.safepolicing.records.dispute;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.safepolicing.platform.audit.AuditTrail;
import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;
import org.safepolicing.records.feed.AgencyFeed;
import org.safepolicing.records.officer.OfficerNotices;
import org.safepolicing.records.record.MisconductRecord;
import org.safepolicing.records.record.RecordHistory;
import org.safepolicing.records.record.RecordStatus;

/**
 * Officer disputes: the transactions, notices, feeds and audit around the rules of {@link Dispute} and
 * {@link MisconductRecord}. The officer files one against an ACTIVE record (it becomes DISPUTED and every earlier
 * recipient is told); a DOJ reviewer upholds, amends or expunges; an amendment or expungement goes to the feed of every
 * agency the record was ever disclosed to, an upheld record's decision too, and the officer gets a notice.
 */
@ApplicationScoped
@Transactional
public class DisputeService {

    private final EntityManager em;
    private final RecordHistory history;
    private final AgencyFeed feed;
    private final OfficerNotices notices;
    private final AuditTrail audit;
    private final Caller caller;
    private final Clock clock;
    private final ObjectMapper json;

    DisputeService(EntityManager em, RecordHistory history, AgencyFeed feed, OfficerNotices notices, AuditTrail audit,
                   Caller caller, Clock clock, ObjectMapper json) {
        this.notices = notices;
        this.em = em;
        this.history = history;
        this.feed = feed;
        this.audit = audit;
        this.caller = caller;
        this.clock = clock;
        this.json = json;
    }

    public Dispute file(UUID officerId, UUID recordId, DisputeRequests.Filing filing) {
        MisconductRecord r = em.find(MisconductRecord.class, recordId, LockModeType.PESSIMISTIC_WRITE);
        if (r == null || !r.officerId.equals(officerId)) {
            throw ProblemException.notFound("record", recordId);
        }
        Instant now = clock.instant();
        String statement = filing.statement().strip();
        r.dispute(statement, now);
        Dispute d = Dispute.filed(recordId, officerId, statement, now, LocalDate.now(clock));
        em.persist(d);
        history.append(List.of(new RecordHistory.Entry(recordId, RecordStatus.ACTIVE, RecordStatus.DISPUTED, "dispute",
                "dispute " + d.id, null, caller.name(), null, now)));
        // every earlier recipient learns the record is disputed and reads the officer's statement with it
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", RecordStatus.DISPUTED.name());
        details.put("disputeId", d.id.toString());
        details.put("officerStatement", d.statement);
        details.put("responseDue", d.responseDue.toString());
        int notified = feed.toEarlierRecipients(AgencyFeed.DISPUTED, recordId, "A record disclosed to your agency is"
                + " DISPUTED by the officer: read it with the officer's statement until the dispute is decided",
                write(details), now);
        audit.record("dispute.file", "dispute", d.id.toString(), AuditTrail.SUCCESS);
        audit.record("record.dispute-notice-sent", "misconduct-record", recordId + " to " + notified + " agencies",
                AuditTrail.SUCCESS);
        return d;
    }

    public Dispute decide(UUID disputeId, DisputeRequests.Decision decision) {
        Dispute d = em.find(Dispute.class, disputeId, LockModeType.PESSIMISTIC_WRITE);
        if (d == null) {
            throw ProblemException.notFound("dispute", disputeId);
        }
        Instant now = clock.instant();
        String reason = decision.reason().strip();
        d.decide(decision.outcome(), reason, caller.name(), now);
        MisconductRecord r = em.find(MisconductRecord.class, d.recordId, LockModeType.PESSIMISTIC_WRITE);
        RecordStatus from = r.status;
        Map<String, Map<String, String>> changes = Map.of();
        switch (decision.outcome()) {
            case UPHOLD -> r.uphold(now);
            case AMEND -> changes = r.amend(decision.amendment(), reason, now);
            case EXPUNGE -> r.expunge(now);
            default -> throw new IllegalStateException();
        }
        RecordStatus to = r.status;
        String changesJson = write(changes.isEmpty() ? null : changes);
        if (to == RecordStatus.AMENDED) {
            r.correctionChanges = changesJson;
        }
        history.append(List.of(new RecordHistory.Entry(r.id, from, to, "dispute-" + decision.outcome().name().toLowerCase(),
                d.decisionReason, changesJson, caller.name(), caller.ori().orElse(null), now)));
        int notified = 0;
        if (to != RecordStatus.ACTIVE) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("status", to.name());
            details.put("disputeId", d.id.toString());
            details.put("reason", d.decisionReason);
            if (!changes.isEmpty()) {
                details.put("changes", changes);
            }
            String message = to == RecordStatus.EXPUNGED
                    ? "A record disclosed to your agency was EXPUNGED after a dispute: it must no longer be relied on"
                    : "A record disclosed to your agency was AMENDED after a dispute: see the corrected facts";
            notified = feed.correction(r.id, message, write(details), now);
        } else {
            notified = feed.toEarlierRecipients(AgencyFeed.DISPUTE_UPHELD, r.id, "The dispute of a record disclosed to"
                    + " your agency was decided: the record is UPHELD as it stands",
                    write(Map.of("status", to.name(), "disputeId", d.id.toString(), "reason", d.decisionReason)), now);
        }
        Map<String, Object> told = new LinkedHashMap<>();
        told.put("disputeId", d.id.toString());
        told.put("outcome", decision.outcome().name());
        told.put("status", to.name());
        told.put("reason", d.decisionReason);
        if (!changes.isEmpty()) {
            told.put("changes", changes);
        }
        notices.add(r.officerId, OfficerNotices.DISPUTE_DECIDED, r.id, "Your dispute was decided: "
                + decision.outcome().name() + " (the record is now " + to.name() + ")", write(told), now);
        audit.record("dispute.decide." + decision.outcome().name().toLowerCase(), "dispute", d.id.toString(),
                AuditTrail.SUCCESS);
        audit.record("record.correction-sent", "misconduct-record", r.id + " to " + notified + " agencies",
                AuditTrail.SUCCESS);
        return d;
    }

    public List<Dispute> ofOfficer(UUID officerId) {
        audit.record("dispute.list", "officer", officerId.toString(), AuditTrail.SUCCESS);
        List<Dispute> disputes = em.createQuery("from Dispute where officerId = :o order by filedAt desc, id", Dispute.class)
                .setParameter("o", officerId).getResultList();
        disputes.forEach(d -> audit.record("dispute.read", "dispute", d.id.toString(), AuditTrail.SUCCESS));
        return disputes;
    }

    public Page<Dispute> open(PageRequest paging) {
        List<Dispute> items = em.createQuery("from Dispute where status = :s order by filedAt, id", Dispute.class)
                .setParameter("s", DisputeStatus.OPEN).setFirstResult(paging.offset()).setMaxResults(paging.size)
                .getResultList();
        long total = em.createQuery("select count(d) from Dispute d where d.status = :s", Long.class)
                .setParameter("s", DisputeStatus.OPEN).getSingleResult();
        audit.record("dispute.list-open", "dispute", null, AuditTrail.SUCCESS);
        items.forEach(d -> audit.record("dispute.read", "dispute", d.id.toString(), AuditTrail.SUCCESS));
        return Page.of(items, paging, total);
    }

    private String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
