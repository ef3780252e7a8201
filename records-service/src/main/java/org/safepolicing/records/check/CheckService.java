package org.safepolicing.records.check;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.hibernate.ReadOnlyMode;
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
    /**
     * The ids of the records a check shows of the officers it found: those in a {@link RecordStatus#DISCLOSABLE}
     * status.
     */
    public static final String DISCLOSABLE_RECORDS = "select r.id from misconduct_record r where r.officer_id = any(?1)"
            + " and r.status in (" + RecordStatus.DISCLOSABLE.stream().map(st -> "'" + st.name() + "'").sorted()
            .collect(Collectors.joining(", ")) + ") order by r.submitted_at, r.id";

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
        // Native queries without a result class: see ReportingService.markPastDue
        if (request.byIdentifier()) {
            List<?> ids = em.createNativeQuery(IDENTIFIER_SEARCH).setParameter(1, request.state())
                    .setParameter(2, request.certificationNumber().strip()).getResultList();
            ids.forEach(id -> scores.put((UUID) id, 1.0));
        } else {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(NAME_SEARCH)
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
        // every matched officer and their disclosable records in two reads, whatever the number of matches (no N+1)
        Map<UUID, Officer> officers = new HashMap<>();
        Map<UUID, List<MisconductRecord>> recordsByOfficer = new HashMap<>();
        if (!scores.isEmpty()) {
            // By id arrays (= any), whose statements Hibernate plans once: an HQL "in :ids" is translated anew on every
            // call for its number of ids (9 % of records-service's CPU under the bench's hiring checks).
            List<UUID> ids = List.copyOf(scores.keySet());
            Session session = em.unwrap(Session.class);
            session.findMultiple(Officer.class, ids, ReadOnlyMode.READ_ONLY).forEach(o -> officers.put(o.id, o));
            List<?> recordIds = em.createNativeQuery(DISCLOSABLE_RECORDS).setParameter(1, ids.toArray(UUID[]::new))
                    .getResultList();
            session.findMultiple(MisconductRecord.class, recordIds, ReadOnlyMode.READ_ONLY)
                    .forEach(r -> recordsByOfficer.computeIfAbsent(r.officerId, k -> new ArrayList<>()).add(r));
        }
        List<CheckResult.Match> matches = new ArrayList<>();
        List<Disclosed> disclosures = new ArrayList<>();
        for (Map.Entry<UUID, Double> hit : scores.entrySet()) {
            Officer o = officers.get(hit.getKey());
            List<CheckResult.DisclosedRecord> disclosed = new ArrayList<>();
            for (MisconductRecord r : recordsByOfficer.getOrDefault(o.id, List.of())) {
                CheckResult.DisclosedRecord d = new CheckResult.DisclosedRecord(UUID.randomUUID(), r.id, r.category,
                        r.submittingOri, r.submittingState, r.incidentDate, r.summary, RecordView.fairProcess(r), r.status,
                        r.officerStatement, RecordView.correction(r));
                disclosures.add(new Disclosed(o.id, d));
                disclosed.add(d);
            }
            matches.add(new CheckResult.Match(o.id, o.firstName, o.middleName, o.lastName, o.dateOfBirth, o.state,
                    o.certificationNumber, hit.getValue(), disclosed));
        }
        recordSubjects(checkId, scores);
        account(checkId, disclosures, ori, request.purpose(), now);
        notices.disclosed(disclosures.stream().map(d -> new OfficerNotices.Disclosure(d.record().recordId(),
                d.officerId(), d.record().disclosureId())).toList(), ori, caller.name(), request.purpose().name(), "CHECK",
                now);
        // Audit rows last, in one batch: the first takes the platform's audit-chain lock, held until commit, so
        // everything else of the check is done before it and concurrent checks wait for each other only this long.
        List<AuditTrail.Action> audited = new ArrayList<>();
        for (CheckResult.Match m : matches) {
            m.records().forEach(d -> audited.add(new AuditTrail.Action("record.disclose", "misconduct-record",
                    d.recordId().toString(), AuditTrail.SUCCESS)));
            audited.add(new AuditTrail.Action("check.officer-match", "officer", m.officerId().toString(),
                    AuditTrail.SUCCESS));
        }
        audited.add(new AuditTrail.Action("check.run", "background-check", checkId.toString(), AuditTrail.SUCCESS));
        audit.recordAll(audited);
        return new CheckResult(checkId, ori, request.purpose(), now, matches);
    }

    private record Disclosed(UUID officerId, CheckResult.DisclosedRecord record) {
    }

    /** The officers a check found, one batch: the basis for enrolling them in continuous checks. */
    private void recordSubjects(UUID checkId, Map<UUID, Double> scores) {
        if (scores.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into check_subject (check_id, officer_id, match_score) values (?, ?, ?)")) {
                for (Map.Entry<UUID, Double> hit : scores.entrySet()) {
                    insert.setObject(1, checkId);
                    insert.setObject(2, hit.getKey());
                    insert.setBigDecimal(3, BigDecimal.valueOf(hit.getValue()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /**
     * One accounting row per disclosed record, all in one batch: who, which agency, when, why, and what exactly was
     * shown.
     */
    private void account(UUID checkId, List<Disclosed> disclosures, String ori, CheckPurpose purpose, Instant now) {
        if (disclosures.isEmpty()) {
            return;
        }
        List<String> contents = new ArrayList<>();
        for (Disclosed d : disclosures) {
            try {
                contents.add(json.writeValueAsString(d.record()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write disclosure content", e);
            }
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into disclosure (id, check_id, record_id, officer_id, recipient_ori, recipient_user, purpose,
                                            record_status, content, disclosed_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)""")) {
                for (int i = 0; i < disclosures.size(); i++) {
                    CheckResult.DisclosedRecord d = disclosures.get(i).record();
                    insert.setObject(1, d.disclosureId());
                    insert.setObject(2, checkId);
                    insert.setObject(3, d.recordId());
                    insert.setObject(4, disclosures.get(i).officerId());
                    insert.setString(5, ori);
                    insert.setString(6, caller.name());
                    insert.setString(7, purpose.name());
                    insert.setString(8, d.status().name());
                    insert.setString(9, contents.get(i));
                    insert.setTimestamp(10, Timestamp.from(now));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }
}
