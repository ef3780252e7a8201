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
import org.safepolicing.records.record.MisconductRecord;
import org.safepolicing.records.record.RecordHistory;
import org.safepolicing.records.record.RecordView;

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

    public record DisclosureView(UUID disclosureId, UUID recordId, String recipientOri, String recipientUser,
                                 String purpose, String recordStatus, Instant disclosedAt) {
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
                select id, record_id, recipient_ori, recipient_user, purpose, record_status, disclosed_at
                from disclosure where officer_id = ?1 order by disclosed_at desc, id""", Object[].class)
                .setParameter(1, officerId).getResultList();
        List<DisclosureView> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new DisclosureView((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                    r[6] instanceof Instant i ? i : r[6] instanceof java.time.OffsetDateTime o ? o.toInstant()
                            : ((java.sql.Timestamp) r[6]).toInstant()));
        }
        audit.record("officer.disclosures.read", "officer", officerId.toString(), AuditTrail.SUCCESS);
        out.forEach(d -> audit.record("disclosure.read", "disclosure", d.disclosureId().toString(), AuditTrail.SUCCESS));
        return out;
    }
}
