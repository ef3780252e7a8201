package org.safepolicing.records.feed;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

/**
 * Per-agency notification feeds: corrections to earlier recipients of a record, and continuous-check notices.
 * Each agency reads only its own feed over REST; nothing officer-level goes on a shared topic.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AgencyFeed {

    public static final String CORRECTION = "CORRECTION";
    public static final String NEW_RECORD = "NEW_RECORD";

    private final EntityManager em;

    AgencyFeed(EntityManager em) {
        this.em = em;
    }

    /** A notice on the feed of every agency enrolled for the officer of each newly ACTIVE record. */
    public int recordsActivated(Collection<UUID> recordIds, Instant now) {
        if (recordIds.isEmpty()) {
            return 0;
        }
        em.flush();
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into agency_notification (id, ori, kind, record_id, officer_id, message, details, created_at)
                    select gen_random_uuid(), e.ori, 'NEW_RECORD', r.id, r.officer_id,
                           'A new ' || r.category || ' record of an officer your agency enrolled for continuous checks is ACTIVE',
                           jsonb_build_object('category', r.category, 'submittingOri', r.submitting_ori,
                                              'enrollmentId', e.id), ?
                    from misconduct_record r join continuous_enrollment e on e.officer_id = r.officer_id
                    where r.id = any (?) and r.status = 'ACTIVE'""")) {
                insert.setTimestamp(1, Timestamp.from(now));
                Array ids = connection.createArrayOf("uuid", recordIds.toArray());
                insert.setArray(2, ids);
                return insert.executeUpdate();
            }
        });
    }

    /** A correction on the feed of every agency that was ever disclosed this record. */
    public int correction(UUID recordId, String message, String detailsJson, Instant now) {
        em.flush();
        return em.createNativeQuery("""
                insert into agency_notification (id, ori, kind, record_id, officer_id, message, details, created_at)
                select gen_random_uuid(), d.recipient_ori, 'CORRECTION', d.record_id, d.officer_id, ?1, cast(?2 as jsonb), ?3
                from (select distinct recipient_ori, record_id, officer_id from disclosure where record_id = ?4) d""")
                .setParameter(1, message).setParameter(2, detailsJson).setParameter(3, now).setParameter(4, recordId)
                .executeUpdate();
    }
}
