package org.safepolicing.records.record;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
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

import org.hibernate.Session;
import org.safepolicing.platform.audit.AuditTrail;
import org.safepolicing.platform.problem.Problem;
import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;
import org.safepolicing.records.feed.AgencyFeed;
import org.safepolicing.records.officer.Officer;
import org.safepolicing.records.officer.OfficerService;
import org.safepolicing.records.record.RecordRequests.BulkSubmission;
import org.safepolicing.records.record.RecordRequests.FairProcess;
import org.safepolicing.records.record.RecordRequests.OfficerIdentity;
import org.safepolicing.records.record.RecordRequests.Submission;
import org.safepolicing.records.reporting.ReportingConfig;
import org.safepolicing.records.reporting.ReportingPeriod;

/**
 * Submission of records by the agency of the submitting ORI, one at a time or in bulk (all-or-nothing, idempotent on
 * the client key), and the fair-process review that holds a record until its process is final.
 */
@ApplicationScoped
@Transactional
public class RecordService {

    public record BulkResult(UUID submissionId, String clientKey, List<UUID> recordIds, boolean replayed) {
    }

    private final EntityManager em;
    private final OfficerService officers;
    private final RecordHistory history;
    private final AgencyFeed feed;
    private final AuditTrail audit;
    private final Caller caller;
    private final ReportingConfig reporting;
    private final Clock clock;
    private final ObjectMapper json;

    RecordService(EntityManager em, OfficerService officers, RecordHistory history, AgencyFeed feed, AuditTrail audit,
                  Caller caller, ReportingConfig reporting, Clock clock, ObjectMapper json) {
        this.em = em;
        this.officers = officers;
        this.history = history;
        this.feed = feed;
        this.audit = audit;
        this.caller = caller;
        this.reporting = reporting;
        this.clock = clock;
        this.json = json;
    }

    public MisconductRecord submit(String ori, Submission submission) {
        List<MisconductRecord> stored = store(ori, List.of(submission), null);
        audit.record("record.submit", "misconduct-record", stored.get(0).id.toString(), AuditTrail.SUCCESS);
        return stored.get(0);
    }

    public BulkResult submitBulk(String ori, BulkSubmission bulk) {
        String hash = hash(bulk.records());
        BulkResult earlier = earlier(ori, bulk.clientKey(), hash);
        if (earlier != null) {
            return earlier;
        }
        UUID submissionId = UUID.randomUUID();
        Instant now = clock.instant();
        int inserted = em.createNativeQuery("""
                insert into bulk_submission (id, ori, client_key, request_hash, record_ids, submitted_at, submitted_by)
                values (?1, ?2, ?3, ?4, '{}', ?5, ?6) on conflict do nothing""")
                .setParameter(1, submissionId).setParameter(2, ori).setParameter(3, bulk.clientKey())
                .setParameter(4, hash).setParameter(5, now).setParameter(6, caller.name()).executeUpdate();
        if (inserted == 0) { // the same key committed by a concurrent request meanwhile
            earlier = earlier(ori, bulk.clientKey(), hash);
            if (earlier != null) {
                return earlier;
            }
            throw ProblemException.conflict("client-key-in-use", "bulk submission " + bulk.clientKey() + " is being stored");
        }
        List<MisconductRecord> stored = store(ori, bulk.records(), submissionId);
        List<UUID> ids = stored.stream().map(r -> r.id).toList();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement("update bulk_submission set record_ids = ? where id = ?")) {
                update.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
                update.setObject(2, submissionId);
                update.executeUpdate();
            }
        });
        audit.record("record.bulk-submit", "bulk-submission", submissionId.toString(), AuditTrail.SUCCESS);
        return new BulkResult(submissionId, bulk.clientKey(), ids, false);
    }

    private BulkResult earlier(String ori, String clientKey, String hash) {
        List<Object[]> rows = em.createNativeQuery("""
                select id, request_hash, array_to_string(record_ids, ',') from bulk_submission where ori = ?1 and client_key = ?2""",
                Object[].class).setParameter(1, ori).setParameter(2, clientKey).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        if (!hash.equals(row[1])) {
            throw ProblemException.conflict("client-key-reused", "client key " + clientKey
                    + " was used for a different bulk submission; use a new key for new records")
                    .with("submissionId", row[0].toString());
        }
        String idList = (String) row[2];
        List<UUID> ids = idList == null || idList.isEmpty() ? List.of()
                : java.util.Arrays.stream(idList.split(",")).map(UUID::fromString).toList();
        return new BulkResult((UUID) row[0], clientKey, ids, true);
    }

    /** Validates every item first (nothing is stored when one fails), then stores them all. */
    private List<MisconductRecord> store(String ori, List<Submission> items, UUID bulkId) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock);
        Map<String, Officer> known = officers.existing(items.stream().map(Submission::officer).toList());
        Map<String, OfficerIdentity> inRequest = new HashMap<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        List<String> periods = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Submission s = items.get(i);
            String prefix = bulkId == null ? "" : "records[" + i + "].";
            OfficerIdentity id = s.officer();
            String key = OfficerService.key(id.state(), id.certificationNumber());
            Officer stored = known.get(key);
            if (stored != null && !stored.dateOfBirth.equals(id.dateOfBirth())) {
                errors.add(new Problem.FieldError(prefix + "officer.dateOfBirth",
                        "officer " + key.replace('|', ' ') + " is on file with another date of birth"));
            }
            OfficerIdentity first = inRequest.putIfAbsent(key, id);
            if (first != null && !first.dateOfBirth().equals(id.dateOfBirth())) {
                errors.add(new Problem.FieldError(prefix + "officer.dateOfBirth",
                        "officer " + key.replace('|', ' ') + " appears earlier in this request with another date of birth"));
            }
            FairProcess fp = s.fairProcess();
            if (fp.noticeDate() != null && fp.responseDate() != null && fp.responseDate().isBefore(fp.noticeDate())) {
                errors.add(new Problem.FieldError(prefix + "fairProcess.responseDate", "is before the notice date"));
            }
            if (fp.finalAdjudicationDate() != null && fp.noticeDate() != null && fp.finalAdjudicationDate().isBefore(fp.noticeDate())) {
                errors.add(new Problem.FieldError(prefix + "fairProcess.finalAdjudicationDate", "is before the notice date"));
            }
            ReportingPeriod current = ReportingPeriod.containing(today, reporting.periodMonths());
            String period = current.name();
            if (s.reportingPeriod() != null) {
                try {
                    ReportingPeriod p = ReportingPeriod.parse(s.reportingPeriod(), reporting.periodMonths());
                    if (p.start().isAfter(today)) {
                        errors.add(new Problem.FieldError(prefix + "reportingPeriod", "has not started yet"));
                    }
                    period = p.name();
                } catch (ProblemException e) {
                    errors.add(new Problem.FieldError(prefix + "reportingPeriod", e.getMessage()));
                }
            }
            periods.add(period);
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "invalid-records", "Refused by a domain rule",
                    errors.size() + " problem(s) in the submission; nothing was stored", errors);
        }
        List<MisconductRecord> records = new ArrayList<>(items.size());
        List<RecordHistory.Entry> entries = new ArrayList<>(items.size() * 2);
        Map<String, Map.Entry<UUID, OfficerIdentity>> employment = new LinkedHashMap<>();
        List<UUID> activated = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Submission s = items.get(i);
            String key = OfficerService.key(s.officer().state(), s.officer().certificationNumber());
            Officer officer = known.computeIfAbsent(key, k -> officers.create(s.officer(), ori, now));
            employment.putIfAbsent(key, Map.entry(officer.id, s.officer()));
            MisconductRecord r = new MisconductRecord();
            r.id = UUID.randomUUID();
            r.officerId = officer.id;
            r.submittingOri = ori;
            r.category = s.category();
            r.incidentDate = s.incidentDate();
            r.summary = s.summary().strip();
            apply(r, s.fairProcess());
            r.reportingPeriod = periods.get(i);
            r.bulkSubmissionId = bulkId;
            r.submittedAt = now;
            r.submittedBy = caller.name();
            r.updatedAt = now;
            r.status = r.fairProcessFinal() ? RecordStatus.ACTIVE : RecordStatus.PENDING_FAIR_PROCESS;
            em.persist(r);
            records.add(r);
            entries.add(new RecordHistory.Entry(r.id, null, RecordStatus.SUBMITTED, "submit", null, null, caller.name(), ori, now));
            entries.add(new RecordHistory.Entry(r.id, RecordStatus.SUBMITTED, r.status, "fair-process-review",
                    r.status == RecordStatus.ACTIVE ? "fair process is final" : "fair process is not final: held",
                    null, "system", null, now));
            if (r.status == RecordStatus.ACTIVE) {
                activated.add(r.id);
            }
        }
        em.flush();
        officers.recordEmployment(ori, new ArrayList<>(employment.values()), now);
        history.append(entries);
        feed.recordsActivated(activated, now);
        return records;
    }

    static void apply(MisconductRecord r, FairProcess fp) {
        r.noticeDate = fp.noticeDate();
        r.responseDate = fp.responseDate();
        r.hearingHeld = Boolean.TRUE.equals(fp.hearingHeld());
        r.finalAdjudicationDate = fp.finalAdjudicationDate();
        r.adjudication = fp.adjudication();
        r.appealStatus = fp.appealStatus();
    }

    /** New fair-process facts for a held record; once final, the record becomes ACTIVE. */
    public MisconductRecord updateFairProcess(String ori, UUID id, FairProcess fp) {
        MisconductRecord r = findForAgency(ori, id, LockModeType.PESSIMISTIC_WRITE);
        if (r.status != RecordStatus.PENDING_FAIR_PROCESS) {
            throw ProblemException.illegalTransition("record", id, r.status, "change its fair-process facts");
        }
        Instant now = clock.instant();
        apply(r, fp);
        r.updatedAt = now;
        if (r.fairProcessFinal()) {
            r.status = RecordStatus.ACTIVE;
            history.append(List.of(new RecordHistory.Entry(r.id, RecordStatus.PENDING_FAIR_PROCESS, RecordStatus.ACTIVE,
                    "fair-process-final", "fair process is final", null, caller.name(), ori, now)));
            feed.recordsActivated(List.of(r.id), now);
        } else {
            history.append(List.of(new RecordHistory.Entry(r.id, RecordStatus.PENDING_FAIR_PROCESS,
                    RecordStatus.PENDING_FAIR_PROCESS, "fair-process-update", "fair process is still not final", null,
                    caller.name(), ori, now)));
        }
        audit.record("record.fair-process", "misconduct-record", id.toString(), AuditTrail.SUCCESS);
        return r;
    }

    public Page<RecordView> listForAgency(String ori, PageRequest paging) {
        List<MisconductRecord> items = em.createQuery(
                        "from MisconductRecord where submittingOri = :ori order by submittedAt desc, id", MisconductRecord.class)
                .setParameter("ori", ori).setFirstResult(paging.offset()).setMaxResults(paging.size).getResultList();
        long total = em.createQuery("select count(r) from MisconductRecord r where r.submittingOri = :ori", Long.class)
                .setParameter("ori", ori).getSingleResult();
        audit.record("record.list", "agency-records", ori, AuditTrail.SUCCESS);
        // each record shown is officer-level data read: one row per record
        items.forEach(r -> audit.record("record.list-read", "misconduct-record", r.id.toString(), AuditTrail.SUCCESS));
        return Page.of(items.stream().map(RecordView::of).toList(), paging, total);
    }

    public MisconductRecord readForAgency(String ori, UUID id) {
        MisconductRecord r = findForAgency(ori, id, LockModeType.NONE);
        audit.record("record.read", "misconduct-record", id.toString(), AuditTrail.SUCCESS);
        return r;
    }

    /** A record of another agency is "not found" under this agency's path. */
    MisconductRecord findForAgency(String ori, UUID id, LockModeType lock) {
        MisconductRecord r = em.find(MisconductRecord.class, id, lock);
        if (r == null || !r.submittingOri.equals(ori)) {
            throw ProblemException.notFound("record", id);
        }
        return r;
    }

    private String hash(List<Submission> records) {
        try {
            byte[] bytes = json.writeValueAsString(records).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash a bulk submission", e);
        }
    }

    static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }
}
