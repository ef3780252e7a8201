package org.safepolicing.records.officer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.safepolicing.platform.audit.AuditTrail;
import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;
import org.safepolicing.records.record.MisconductRecord;
import org.safepolicing.records.record.RecordHistory;
import org.safepolicing.records.record.RecordView;
import org.safepolicing.records.record.Submitter;

/** Reads of an officer: the officer themself, DOJ, or an agency that employs or employed them. Audited. */
@ApplicationScoped
@Transactional
public class OfficerAccess {

    private final EntityManager em;
    private final OfficerService officers;
    private final Caller caller;
    private final AuditTrail audit;
    private final RecordHistory history;

    public record OwnRecord(RecordView record, List<RecordHistory.EntryView> history) {
    }

    /** {@code recipientOri} for an agency, {@code recipientStateBoard} (its state) for a state POST board. */
    public record DisclosureView(UUID disclosureId, UUID recordId, String recipientOri, String recipientStateBoard,
                                 String recipientUser, String purpose, String recordStatus, String channel,
                                 Instant disclosedAt) {
    }

    public record NoticeView(UUID id, String kind, UUID recordId, String message, String details, Instant createdAt) {
    }

    OfficerAccess(EntityManager em, OfficerService officers, Caller caller, AuditTrail audit, RecordHistory history) {
        this.em = em;
        this.history = history;
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

    /** Every record about the officer, held, disputed and expunged ones too: it is their own data. */
    public List<OwnRecord> records(UUID officerId) {
        List<MisconductRecord> records = em.createQuery("from MisconductRecord where officerId = :o order by submittedAt",
                MisconductRecord.class).setParameter("o", officerId).getResultList();
        audit.record("officer.records.read", "officer", officerId.toString(), AuditTrail.SUCCESS);
        records.forEach(r -> audit.record("officer.record.read", "misconduct-record", r.id.toString(), AuditTrail.SUCCESS));
        return records.stream().map(r -> new OwnRecord(RecordView.of(r), history.of(r.id))).toList();
    }

    public List<DisclosureView> disclosures(UUID officerId) {
        List<Object[]> rows = em.createNativeQuery("""
                select id, record_id, recipient_ori, recipient_user, purpose, record_status, channel, disclosed_at
                from disclosure where officer_id = ?1 order by disclosed_at desc, id""")
                .setParameter(1, officerId).getResultList();
        List<DisclosureView> out = new ArrayList<>();
        for (Object[] r : rows) {
            String board = Submitter.boardState((String) r[2]);
            out.add(new DisclosureView((UUID) r[0], (UUID) r[1], board == null ? (String) r[2] : null, board,
                    (String) r[3], (String) r[4], (String) r[5], (String) r[6], instant(r[7])));
        }
        audit.record("officer.disclosures.read", "officer", officerId.toString(), AuditTrail.SUCCESS);
        out.forEach(d -> audit.record("disclosure.read", "disclosure", d.disclosureId().toString(), AuditTrail.SUCCESS));
        return out;
    }

    /** The officer's notice feed, newest first: one audit row for the read and one per notice shown. */
    public Page<NoticeView> notices(UUID officerId, PageRequest paging) {
        if (em.find(Officer.class, officerId) == null) {
            throw ProblemException.notFound("officer", officerId);
        }
        List<Object[]> rows = em.createNativeQuery("""
                select id, kind, record_id, message, details::text, created_at from officer_notice
                where officer_id = ?1 order by created_at desc, id""").setParameter(1, officerId)
                .setFirstResult(paging.offset()).setMaxResults(paging.size).getResultList();
        long total = ((Number) em.createNativeQuery("select count(*) from officer_notice where officer_id = ?1")
                .setParameter(1, officerId).getSingleResult()).longValue();
        List<NoticeView> items = new ArrayList<>();
        for (Object[] r : rows) {
            items.add(new NoticeView((UUID) r[0], (String) r[1], (UUID) r[2], (String) r[3], (String) r[4], instant(r[5])));
        }
        audit.record("officer.notices.read", "officer", officerId.toString(), AuditTrail.SUCCESS);
        items.forEach(n -> audit.record("officer.notice.read", "officer-notice", n.id().toString(), AuditTrail.SUCCESS));
        return Page.of(items, paging, total);
    }

    static Instant instant(Object v) {
        return v instanceof Instant i ? i : v instanceof java.time.OffsetDateTime o ? o.toInstant()
                : ((java.sql.Timestamp) v).toInstant();
    }
}
