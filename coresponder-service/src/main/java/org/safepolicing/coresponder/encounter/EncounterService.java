package org.safepolicing.coresponder.encounter;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.safepolicing.coresponder.program.Program;
import org.safepolicing.coresponder.program.ProgramOwner;
import org.safepolicing.coresponder.program.ProgramService;
import org.safepolicing.platform.audit.AuditTrail;
import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

/**
 * Stores encounters and, in the same transaction, adds them to their program's running totals and response-time
 * distribution. A batch goes in with PostgreSQL COPY: all of it or, on any failure, none of it.
 */
@ApplicationScoped
@Transactional
public class EncounterService {

    private static final String COPY_SQL = """
            copy encounter (program_id, ori, occurred_at, reasons, clinician_on_scene, response_minutes, outcome, force_used,
                            injuries, follow_up, submitted_at) from stdin""";
    private static final String INSERT_SQL = """
            insert into encounter (program_id, ori, occurred_at, reasons, clinician_on_scene, response_minutes, outcome,
                                   force_used, injuries, follow_up, submitted_at)
            values (?, ?, ?, ?::text[], ?, ?, ?, ?, ?::text[], ?, ?) returning id""";
    private static final String TOTALS_SQL = """
            insert into program_encounter_totals as t (program_id, encounters, resolved_on_scene, referred_to_services,
                voluntary_transport, involuntary_hold, arrest, no_contact, force_used, injuries, follow_up, clinician_on_scene,
                with_response_minutes)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (program_id) do update set
                encounters = t.encounters + excluded.encounters,
                resolved_on_scene = t.resolved_on_scene + excluded.resolved_on_scene,
                referred_to_services = t.referred_to_services + excluded.referred_to_services,
                voluntary_transport = t.voluntary_transport + excluded.voluntary_transport,
                involuntary_hold = t.involuntary_hold + excluded.involuntary_hold,
                arrest = t.arrest + excluded.arrest,
                no_contact = t.no_contact + excluded.no_contact,
                force_used = t.force_used + excluded.force_used,
                injuries = t.injuries + excluded.injuries,
                follow_up = t.follow_up + excluded.follow_up,
                clinician_on_scene = t.clinician_on_scene + excluded.clinician_on_scene,
                with_response_minutes = t.with_response_minutes + excluded.with_response_minutes""";
    private static final String MINUTES_SQL = """
            insert into program_response_minutes as m (program_id, minutes, encounters) values (?, ?, ?)
            on conflict (program_id, minutes) do update set encounters = m.encounters + excluded.encounters""";
    private static final String NEEDS_SQL = """
            insert into program_need_totals as n (program_id, year, need, encounters, diverted, arrest, force_used, follow_up)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (program_id, year, need) do update set
                encounters = n.encounters + excluded.encounters,
                diverted = n.diverted + excluded.diverted,
                arrest = n.arrest + excluded.arrest,
                force_used = n.force_used + excluded.force_used,
                follow_up = n.follow_up + excluded.follow_up""";
    private static final int COPY_CHUNK_ROWS = 5_000;

    private final EntityManager em;
    private final ProgramService programs;
    private final AuditTrail audit;

    EncounterService(EntityManager em, ProgramService programs, AuditTrail audit) {
        this.em = em;
        this.programs = programs;
        this.audit = audit;
    }

    /** Stores one encounter; returns its id. */
    public long submit(ProgramOwner owner, UUID programId, Encounter encounter) {
        Program program = accepting(owner, programId);
        long id = em.unwrap(Session.class).doReturningWork(c -> insertOne(c, program, encounter));
        addToTotals(programId, List.of(encounter));
        audit.record("encounter.submit", "coresponder-program", programId.toString(), AuditTrail.SUCCESS);
        return id;
    }

    /**
     * Stores a batch, all or nothing. With an idempotency key, a batch already stored under that key for this program
     * is not stored again: the first answer is returned, marked as a replay.
     */
    public BatchResult submitBatch(ProgramOwner owner, UUID programId, List<Encounter> encounters, String idempotencyKey) {
        Program program = accepting(owner, programId);
        if (idempotencyKey != null) {
            // a concurrent request with the same key waits here for the first one's commit, then finds its row
            int claimed = em.createNativeQuery("""
                            insert into encounter_submission (program_id, idempotency_key, accepted, submitted_at)
                            values (?1, ?2, ?3, ?4) on conflict do nothing""")
                    .setParameter(1, programId).setParameter(2, idempotencyKey).setParameter(3, encounters.size())
                    .setParameter(4, Instant.now()).executeUpdate();
            if (claimed == 0) {
                int accepted = ((Number) em.createNativeQuery(
                                "select accepted from encounter_submission where program_id = ?1 and idempotency_key = ?2")
                        .setParameter(1, programId).setParameter(2, idempotencyKey).getSingleResult()).intValue();
                audit.record("encounter.submit-batch.replay", "coresponder-program", programId.toString(), AuditTrail.SUCCESS);
                return new BatchResult(accepted, true);
            }
        }
        em.unwrap(Session.class).doWork(c -> copy(c, program, encounters));
        addToTotals(programId, encounters);
        audit.record("encounter.submit-batch", "coresponder-program", programId.toString(), AuditTrail.SUCCESS);
        return new BatchResult(encounters.size(), false);
    }

    /** How many encounters the batch stored, and whether this answer repeats an earlier one (same idempotency key). */
    public record BatchResult(int accepted, boolean replayed) {
    }

    /** A page of a program's encounters; every read is audited (record-level data, even de-identified). */
    public Page<EncounterView> list(ProgramOwner owner, UUID programId, PageRequest paging) {
        programs.find(owner, programId);
        audit.record("encounter.list", "coresponder-program", programId.toString(), AuditTrail.SUCCESS);
        long total = ((Number) em.createNativeQuery("select coalesce((select encounters from program_encounter_totals where program_id = ?1), 0)")
                .setParameter(1, programId).getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select id, occurred_at, array_to_string(reasons, ','), clinician_on_scene, response_minutes, outcome,
                               force_used, array_to_string(injuries, ','), follow_up
                        from encounter where program_id = ?1 order by occurred_at desc, id desc offset ?2 limit ?3""")
                .setParameter(1, programId).setParameter(2, paging.offset()).setParameter(3, paging.size).getResultList();
        return Page.of(rows.stream().map(EncounterView::of).toList(), paging, total);
    }

    private Program accepting(ProgramOwner owner, UUID programId) {
        Program program = programs.find(owner, programId);
        if (!program.takesEncounters()) {
            throw ProblemException.illegalTransition("program", programId, program.status, "take encounters before it is ACTIVE");
        }
        return program;
    }

    private static long insertOne(Connection c, Program program, Encounter e) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT_SQL)) {
            Timestamp now = Timestamp.from(Instant.now());
            insert.setObject(1, program.id);
            insert.setString(2, program.ori);
            insert.setTimestamp(3, Timestamp.from(e.occurredAt()));
            insert.setString(4, array(e.reasons()));
            insert.setBoolean(5, e.clinicianOnScene());
            insert.setObject(6, e.responseMinutes() == null ? null : e.responseMinutes().shortValue(), java.sql.Types.SMALLINT);
            insert.setString(7, e.outcome().name());
            insert.setBoolean(8, e.forceUsed());
            insert.setString(9, array(e.injuries()));
            insert.setBoolean(10, e.followUp());
            insert.setTimestamp(11, now);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void copy(Connection c, Program program, List<Encounter> encounters) throws SQLException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL);
        try {
            String prefix = program.id + "\t" + (program.ori == null ? "\\N" : program.ori) + "\t";
            String submitted = Instant.now().toString();
            StringBuilder rows = new StringBuilder(COPY_CHUNK_ROWS * 120);
            int inChunk = 0;
            for (Encounter e : encounters) {
                rows.append(prefix).append(e.occurredAt()).append('\t')
                        .append(array(e.reasons())).append('\t')
                        .append(e.clinicianOnScene() ? 't' : 'f').append('\t')
                        .append(e.responseMinutes() == null ? "\\N" : e.responseMinutes().toString()).append('\t')
                        .append(e.outcome().name()).append('\t')
                        .append(e.forceUsed() ? 't' : 'f').append('\t')
                        .append(array(e.injuries())).append('\t')
                        .append(e.followUp() ? 't' : 'f').append('\t')
                        .append(submitted).append('\n');
                if (++inChunk == COPY_CHUNK_ROWS) {
                    write(copy, rows);
                    inChunk = 0;
                }
            }
            write(copy, rows);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void write(CopyIn copy, StringBuilder rows) throws SQLException {
        if (!rows.isEmpty()) {
            byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            rows.setLength(0);
        }
    }

    private void addToTotals(UUID programId, List<Encounter> encounters) {
        EncounterTotals t = EncounterTotals.of(encounters);
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement totals = c.prepareStatement(TOTALS_SQL)) {
                totals.setObject(1, programId);
                totals.setLong(2, t.encounters);
                totals.setLong(3, t.outcome(Outcome.RESOLVED_ON_SCENE));
                totals.setLong(4, t.outcome(Outcome.REFERRED_TO_SERVICES));
                totals.setLong(5, t.outcome(Outcome.VOLUNTARY_TRANSPORT));
                totals.setLong(6, t.outcome(Outcome.INVOLUNTARY_HOLD));
                totals.setLong(7, t.outcome(Outcome.ARREST));
                totals.setLong(8, t.outcome(Outcome.NO_CONTACT));
                totals.setLong(9, t.forceUsed);
                totals.setLong(10, t.injuries);
                totals.setLong(11, t.followUp);
                totals.setLong(12, t.clinicianOnScene);
                totals.setLong(13, t.withResponseMinutes);
                totals.executeUpdate();
            }
            if (!t.responseMinutes.isEmpty()) {
                try (PreparedStatement minutes = c.prepareStatement(MINUTES_SQL)) {
                    for (Map.Entry<Integer, Long> m : t.responseMinutes.entrySet()) {
                        minutes.setObject(1, programId);
                        minutes.setShort(2, m.getKey().shortValue());
                        minutes.setLong(3, m.getValue());
                        minutes.addBatch();
                    }
                    minutes.executeBatch();
                }
            }
            try (PreparedStatement needs = c.prepareStatement(NEEDS_SQL)) {
                for (Map.Entry<EncounterTotals.NeedYear, long[]> n : t.byNeed.entrySet()) {
                    needs.setObject(1, programId);
                    needs.setShort(2, (short) n.getKey().year());
                    needs.setString(3, n.getKey().need());
                    for (int i = 0; i < 5; i++) {
                        needs.setLong(4 + i, n.getValue()[i]);
                    }
                    needs.addBatch();
                }
                needs.executeBatch();
            }
        });
    }

    private static String array(List<? extends Enum<?>> values) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(values.get(i).name());
        }
        return sb.append('}').toString();
    }

}
