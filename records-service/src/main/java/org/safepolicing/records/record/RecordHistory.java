package org.safepolicing.records.record;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

/** The append-only history of each record's states (a database trigger refuses updates and deletes). */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class RecordHistory {

    public record Entry(UUID recordId, RecordStatus from, RecordStatus to, String action, String reason, String changesJson,
                        String actor, String actorOri, Instant at) {
    }

    public record EntryView(RecordStatus fromStatus, RecordStatus toStatus, String action, String reason, String changes,
                            String actor, String actorOri, Instant occurredAt) {
    }

    private final EntityManager em;

    RecordHistory(EntityManager em) {
        this.em = em;
    }

    public void append(List<Entry> entries) {
        em.flush();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into record_history (record_id, from_status, to_status, action, reason, changes, actor, actor_ori, occurred_at)
                    values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)""")) {
                for (Entry e : entries) {
                    insert.setObject(1, e.recordId());
                    insert.setString(2, e.from() == null ? null : e.from().name());
                    insert.setString(3, e.to().name());
                    insert.setString(4, e.action());
                    insert.setString(5, e.reason());
                    if (e.changesJson() == null) {
                        insert.setNull(6, Types.VARCHAR);
                    } else {
                        insert.setString(6, e.changesJson());
                    }
                    insert.setString(7, e.actor());
                    insert.setString(8, e.actorOri());
                    insert.setTimestamp(9, Timestamp.from(e.at()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<EntryView> of(UUID recordId) {
        List<Object[]> rows = em.createNativeQuery("""
                select from_status, to_status, action, reason, changes::text, actor, actor_ori, occurred_at
                from record_history where record_id = ?1 order by id""")
                .setParameter(1, recordId).getResultList();
        List<EntryView> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new EntryView(r[0] == null ? null : RecordStatus.valueOf((String) r[0]), RecordStatus.valueOf((String) r[1]),
                    (String) r[2], (String) r[3], (String) r[4], (String) r[5], (String) r[6], toInstant(r[7])));
        }
        return out;
    }

    static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
