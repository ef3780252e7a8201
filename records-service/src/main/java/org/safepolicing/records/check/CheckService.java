package org.safepolicing.records.check;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.safepolicing.platform.audit.AuditTrail;
import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.records.officer.NameKey;
import org.safepolicing.records.officer.Officer;
import org.safepolicing.records.officer.OfficerNotices;
import org.safepolicing.records.record.MisconductRecord;
import org.safepolicing.records.record.RecordStatus;
import org.safepolicing.records.record.RecordView;

/**
 * Hiring and background checks. The read and its accounting are one transaction: each disclosed record gets exactly
 * one disclosure row and one audit row, or, if anything fails, the check leaves nothing behind.
 */
@ApplicationScoped
@Transactional
public class CheckService {

    /** Name checks: officers born that day, scored by trigram similarity of "first last" or a Soundex match. */
    public static final String NAME_SEARCH = """
            select id, score from (
                select o.id, greatest(similarity(o.name_normalized, ?1),
                       case when o.last_name_key = ?2 and left(o.name_normalized, 1) = left(?1, 1) then 0.8 else 0 end) as score
                from officer o where o.date_of_birth = ?3) candidates
            where score >= ?4 order by score desc, id limit 20""";
    public static final String IDENTIFIER_SEARCH = "select o.id from officer o where o.state = ?1 and o.certification_number = ?2";

    private final EntityManager em;
    private final AuditTrail audit;
    private final OfficerNotices notices;
    private final Caller caller;
    private final Clock clock;
    private final ObjectMapper json;
    private final double threshold;

    CheckService(EntityManager em, AuditTrail audit, OfficerNotices notices, Caller caller, Clock clock, ObjectMapper json,
                 @ConfigProperty(name = "records.checks.name-threshold", defaultValue = "0.4") double threshold) {
        this.notices = notices;
        this.em = em;
        this.audit = audit;
        this.caller = caller;
        this.clock = clock;
        this.json = json;
        this.threshold = threshold;
    }

    public CheckResult run(String ori, CheckRequest request) {
        if (request.byName() == request.byIdentifier()) {
            throw ProblemException.badRequest("a check gives either firstName, lastName and dateOfBirth,"
                    + " or state and certificationNumber");
        }
        Map<UUID, Double> scores = new LinkedHashMap<>();
        if (request.byIdentifier()) {
            List<?> ids = em.createNativeQuery(IDENTIFIER_SEARCH, UUID.class).setParameter(1, request.state())
                    .setParameter(2, request.certificationNumber().strip()).getResultList();
            ids.forEach(id -> scores.put((UUID) id, 1.0));
        } else {
            List<Object[]> rows = em.createNativeQuery(NAME_SEARCH, Object[].class)
                    .setParameter(1, NameKey.fullName(request.firstName(), request.lastName()))
                    .setParameter(2, NameKey.soundex(request.lastName()))
                    .setParameter(3, request.dateOfBirth())
                    .setParameter(4, threshold).getResultList();
            rows.forEach(r -> scores.put((UUID) r[0], Math.round(((Number) r[1]).doubleValue() * 1000) / 1000.0));
        }
        Instant now = clock.instant();
        UUID checkId = UUID.randomUUID();
        em.createNativeQuery("""
                insert into background_check (id, ori, requested_by, purpose, query_kind, performed_at)
                values (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, checkId).setParameter(2, ori).setParameter(3, caller.name())
                .setParameter(4, request.purpose().name()).setParameter(5, request.byName() ? "NAME_DOB" : "IDENTIFIER")
                .setParameter(6, now).executeUpdate();
        List<CheckResult.Match> matches = new ArrayList<>();
        for (Map.Entry<UUID, Double> hit : scores.entrySet()) {
            Officer o = em.find(Officer.class, hit.getKey());
            em.createNativeQuery("insert into check_subject (check_id, officer_id, match_score) values (?1, ?2, ?3)")
                    .setParameter(1, checkId).setParameter(2, o.id).setParameter(3, BigDecimal.valueOf(hit.getValue()))
                    .executeUpdate();
            List<MisconductRecord> records = em.createQuery(
                            "from MisconductRecord where officerId = :officer and status in (:disclosable) order by submittedAt",
                            MisconductRecord.class)
                    .setParameter("officer", o.id).setParameter("disclosable", RecordStatus.DISCLOSABLE).getResultList();
            List<CheckResult.DisclosedRecord> disclosed = new ArrayList<>();
            for (MisconductRecord r : records) {
                CheckResult.DisclosedRecord d = new CheckResult.DisclosedRecord(UUID.randomUUID(), r.id, r.category,
                        r.submittingOri, r.submittingState, r.incidentDate, r.summary, RecordView.fairProcess(r), r.status,
                        r.officerStatement, RecordView.correction(r));
                account(checkId, o.id, d, ori, request.purpose(), now);
                notices.disclosed(r.id, o.id, d.disclosureId(), ori, caller.name(), request.purpose().name(), "CHECK", now);
                audit.record("record.disclose", "misconduct-record", r.id.toString(), AuditTrail.SUCCESS);
                disclosed.add(d);
            }
            audit.record("check.officer-match", "officer", o.id.toString(), AuditTrail.SUCCESS);
            matches.add(new CheckResult.Match(o.id, o.firstName, o.middleName, o.lastName, o.dateOfBirth, o.state,
                    o.certificationNumber, hit.getValue(), disclosed));
        }
        audit.record("check.run", "background-check", checkId.toString(), AuditTrail.SUCCESS);
        return new CheckResult(checkId, ori, request.purpose(), now, matches);
    }

    /** One accounting row per disclosed record: who, which agency, when, why, and what exactly was shown. */
    private void account(UUID checkId, UUID officerId, CheckResult.DisclosedRecord d, String ori, CheckPurpose purpose,
                         Instant now) {
        String content;
        try {
            content = json.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write disclosure content", e);
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into disclosure (id, check_id, record_id, officer_id, recipient_ori, recipient_user, purpose,
                                            record_status, content, disclosed_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)""")) {
                insert.setObject(1, d.disclosureId());
                insert.setObject(2, checkId);
                insert.setObject(3, d.recordId());
                insert.setObject(4, officerId);
                insert.setString(5, ori);
                insert.setString(6, caller.name());
                insert.setString(7, purpose.name());
                insert.setString(8, d.status().name());
                insert.setString(9, content);
                insert.setTimestamp(10, Timestamp.from(now));
                insert.executeUpdate();
            }
        });
    }
}
