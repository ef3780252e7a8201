package org.safepolicing.records.record;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
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
import org.safepolicing.records.officer.OfficerNotices;
import org.safepolicing.records.officer.OfficerService;
import org.safepolicing.records.record.RecordRequests.BulkSubmission;
import org.safepolicing.records.record.RecordRequests.FairProcess;
import org.safepolicing.records.record.RecordRequests.OfficerIdentity;
import org.safepolicing.records.record.RecordRequests.Submission;
import org.safepolicing.records.reporting.ReportingConfig;
import org.safepolicing.records.reporting.ReportingPeriod;
import org.safepolicing.records.reporting.ReportingService;

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
    private final OfficerNotices notices;
    private final ReportingService reportingService;
    private final AuditTrail audit;
    private final Caller caller;
    private final ReportingConfig reporting;
    private final Clock clock;
    private final ObjectMapper json;

    RecordService(EntityManager em, OfficerService officers, RecordHistory history, AgencyFeed feed,
                  OfficerNotices notices, ReportingService reportingService, AuditTrail audit, Caller caller,
                  ReportingConfig reporting, Clock clock, ObjectMapper json) {
        this.notices = notices;
        this.reportingService = reportingService;
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
        return submit(Submitter.agency(ori), submission);
    }

    public MisconductRecord submit(Submitter submitter, Submission submission) {
        List<MisconductRecord> stored = store(submitter, List.of(submission), null);
        audit.record("record.submit", "misconduct-record", stored.get(0).id.toString(), AuditTrail.SUCCESS);
        return stored.get(0);
    }

    public BulkResult submitBulk(String ori, BulkSubmission bulk) {
        return submitBulk(Submitter.agency(ori), bulk);
    }

    /** All or nothing; the bulk key is the submitter's own (an agency's ORI or a state board's POST-<state>). */
    public BulkResult submitBulk(Submitter submitter, BulkSubmission bulk) {
        String ori = submitter.key();
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
        List<MisconductRecord> stored = store(submitter, bulk.records(), submissionId);
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
                select id, request_hash, array_to_string(record_ids, ',') from bulk_submission where ori = ?1 and client_key = ?2""")
                .setParameter(1, ori).setParameter(2, clientKey).getResultList();
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
    private List<MisconductRecord> store(Submitter submitter, List<Submission> items, UUID bulkId) {
        String ori = submitter.ori();
        refuseOtherStates(submitter, items, bulkId != null);
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
            if (submitter.isStateBoard() && s.category() != RecordCategory.DECERTIFICATION) {
                errors.add(new Problem.FieldError(prefix + "category", "a state POST board submits DECERTIFICATION"
                        + " records only; the other categories come from the officer's agency"));
            }
            if (!submitter.isStateBoard() && s.category() == RecordCategory.DECERTIFICATION) {
                errors.add(new Problem.FieldError(prefix + "category", "de-certifications come from the state POST"
                        + " board that certified the officer (role state-board), not from an agency"));
            }
            Sec3bQualifier qualifier = Sec3bQualifier.of(s.category());
            if (qualifier != null && !qualifier.metBy(s.onDutyConduct(), s.improperUseOfForce(), s.useOfForceInvestigation())) {
                errors.add(new Problem.FieldError(prefix + qualifier.field(), "must be true: " + qualifier.rule()));
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
            Problem.FieldError firstError = errors.get(0);
            throw new ProblemException(422, "invalid-records", "Refused by a domain rule",
                    errors.size() + " problem(s) in the submission; nothing was stored. First: " + firstError.field()
                            + " " + firstError.message(), errors);
        }
        List<MisconductRecord> records = new ArrayList<>(items.size());
        List<RecordHistory.Entry> entries = new ArrayList<>(items.size() * 2);
        Map<String, Map.Entry<UUID, OfficerIdentity>> employment = new LinkedHashMap<>();
        List<UUID> activated = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Submission s = items.get(i);
            String key = OfficerService.key(s.officer().state(), s.officer().certificationNumber());
            Officer officer = known.computeIfAbsent(key, k -> officers.create(s.officer(), submitter.key(), now));
            employment.putIfAbsent(key, Map.entry(officer.id, s.officer()));
            MisconductRecord r = new MisconductRecord();
            r.id = UUID.randomUUID();
            r.officerId = officer.id;
            r.submittingOri = ori;
            r.submittingState = submitter.state();
            r.category = s.category();
            r.incidentDate = s.incidentDate();
            r.summary = s.summary().strip();
            r.takeFairProcess(s.fairProcess());
            r.onDutyConduct = s.onDutyConduct();
            r.improperUseOfForce = s.improperUseOfForce();
            r.useOfForceInvestigation = s.useOfForceInvestigation();
            r.reportingPeriod = periods.get(i);
            r.bulkSubmissionId = bulkId;
            r.submittedAt = now;
            r.submittedBy = caller.name();
            r.updatedAt = now;
            r.status = RecordStatus.SUBMITTED;
            r.reviewFairProcess();
            em.persist(r);
            records.add(r);
            entries.add(new RecordHistory.Entry(r.id, null, RecordStatus.SUBMITTED, "submit", null, null, caller.name(), ori, now));
            entries.add(new RecordHistory.Entry(r.id, RecordStatus.SUBMITTED, r.status, "fair-process-review",
                    reviewReason(r),
                    null, "system", null, now));
            if (r.status == RecordStatus.ACTIVE) {
                activated.add(r.id);
            }
        }
        em.flush();
        if (!submitter.isStateBoard()) { // a board certifies officers, it does not employ them
            officers.recordEmployment(ori, new ArrayList<>(employment.values()), now);
        }
        history.append(entries);
        notices.submitted(records.stream().map(r -> r.id).toList(), now);
        if (!submitter.isStateBoard()) { // Sec. 3(d) reporting is an agency's (grants go to agencies)
            reportingService.recordsArrived(ori, periods);
        }
        auditContinuousDisclosures(feed.recordsActivated(activated, now));
        return records;
    }

    /** A state board acts for officers certified in its own state only: another state's officer is 403. */
    private static void refuseOtherStates(Submitter submitter, List<Submission> items, boolean bulk) {
        if (!submitter.isStateBoard()) {
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            String state = items.get(i).officer().state();
            if (!submitter.state().equals(state)) {
                throw ProblemException.forbidden("the " + submitter.state() + " state POST board may submit records only"
                        + " of officers certified in " + submitter.state() + "; " + (bulk ? "records[" + i + "]." : "")
                        + "officer.state is " + state + "; nothing was stored");
            }
        }
    }

    private static String reviewReason(MisconductRecord r) {
        List<String> missing = r.fairProcessMissing();
        return missing.isEmpty() ? "fair process is final: " + r.fairProcessRule().basis()
                : "fair process is not final: held; it lacks " + String.join(", ", missing) + " ("
                        + r.fairProcessRule().basis() + ")";
    }

    /** A continuous-check notice that reveals a record is a disclosure: one audit row each. */
    private void auditContinuousDisclosures(List<String> disclosures) {
        disclosures.forEach(d -> audit.record("record.disclose", "misconduct-record", d, AuditTrail.SUCCESS));
    }

    /** New fair-process facts for a held record; once final, the record becomes ACTIVE. */
    public MisconductRecord updateFairProcess(String ori, UUID id, FairProcess fp) {
        MisconductRecord r = findForAgency(ori, id, LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.instant();
        if (r.changeFairProcess(fp, now)) {
            history.append(List.of(new RecordHistory.Entry(r.id, RecordStatus.PENDING_FAIR_PROCESS, RecordStatus.ACTIVE,
                    "fair-process-final", reviewReason(r), null, caller.name(), ori, now)));
            notices.disclosable(r.id, r.officerId, r.category.name(), now);
            auditContinuousDisclosures(feed.recordsActivated(List.of(r.id), now));
        } else {
            history.append(List.of(new RecordHistory.Entry(r.id, RecordStatus.PENDING_FAIR_PROCESS,
                    RecordStatus.PENDING_FAIR_PROCESS, "fair-process-update", reviewReason(r), null,
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
        if (r == null || !ori.equals(r.submittingOri)) {
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
}
