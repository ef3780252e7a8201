package org.safepolicing.records.feed;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
    public static final String DISPUTED = "DISPUTED";
    public static final String DISPUTE_UPHELD = "DISPUTE_UPHELD";

    private final EntityManager em;

    AgencyFeed(EntityManager em) {
        this.em = em;
    }

    /**
     * A notice on the feed of every agency enrolled for the officer of each newly ACTIVE record. The notice reveals
     * the record (its category and submitter), so it is a disclosure: each gets a row in the accounting of
     * disclosures (channel CONTINUOUS_CHECK) and the officer a RECORD_DISCLOSED notice, in this transaction; later
     * corrections reach these recipients like any other. Returns "recordId ori" per disclosure, for the audit.
     */
    public List<String> recordsActivated(Collection<UUID> recordIds, Instant now) {
        if (recordIds.isEmpty()) {
            return List.of();
        }
        em.flush();
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    with n as (
                        insert into agency_notification (id, ori, kind, record_id, officer_id, message, details, created_at)
                        select gen_random_uuid(), e.ori, 'NEW_RECORD', r.id, r.officer_id,
                               'A new ' || r.category || ' record of an officer your agency enrolled for continuous checks is ACTIVE',
                               jsonb_build_object('recordId', r.id, 'category', r.category,
                                                  'submittingOri', r.submitting_ori, 'submittingState', r.submitting_state,
                                                  'enrollmentId', e.id), ?
                        from misconduct_record r join continuous_enrollment e on e.officer_id = r.officer_id
                        where r.id = any (?) and r.status = 'ACTIVE'
                        returning id, ori, record_id, officer_id, details),
                    d as (
                        insert into disclosure (id, check_id, record_id, officer_id, recipient_ori, recipient_user,
                                                purpose, record_status, content, disclosed_at, channel, enrollment_id)
                        select gen_random_uuid(), null, n.record_id, n.officer_id, n.ori, e.enrolled_by,
                               'CONTINUOUS_CHECK', 'ACTIVE', n.details || jsonb_build_object('notificationId', n.id),
                               ?, 'CONTINUOUS_CHECK', e.id
                        from n join continuous_enrollment e on e.ori = n.ori and e.officer_id = n.officer_id
                        returning id, record_id, officer_id, recipient_ori, recipient_user)
                    insert into officer_notice (id, officer_id, kind, record_id, message, details, created_at)
                    select gen_random_uuid(), d.officer_id, 'RECORD_DISCLOSED', d.record_id,
                           'A record about you was disclosed to ' || d.recipient_ori
                               || ' (purpose CONTINUOUS_CHECK: the agency enrolled you after a check)',
                           jsonb_build_object('disclosureId', d.id, 'recipientOri', d.recipient_ori,
                                              'recipientUser', d.recipient_user, 'purpose', 'CONTINUOUS_CHECK',
                                              'channel', 'CONTINUOUS_CHECK'), ?
                    from d
                    returning record_id::text || ' to ' || (details ->> 'recipientOri')""")) {
                Timestamp at = Timestamp.from(now);
                insert.setTimestamp(1, at);
                Array ids = connection.createArrayOf("uuid", recordIds.toArray());
                insert.setArray(2, ids);
                insert.setTimestamp(3, at);
                insert.setTimestamp(4, at);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    /** A correction on the feed of every agency that was ever disclosed this record. */
    public int correction(UUID recordId, String message, String detailsJson, Instant now) {
        return toEarlierRecipients(CORRECTION, recordId, message, detailsJson, now);
    }

    /**
     * A notice of {@code kind} on the feed of every agency the record was ever disclosed to (by a check or a
     * continuous-check notice): the Privacy Act's duty to tell earlier recipients of a correction or a dispute.
     */
    public int toEarlierRecipients(String kind, UUID recordId, String message, String detailsJson, Instant now) {
        em.flush();
        return em.createNativeQuery("""
                insert into agency_notification (id, ori, kind, record_id, officer_id, message, details, created_at)
                select gen_random_uuid(), d.recipient_ori, ?5, d.record_id, d.officer_id, ?1, cast(?2 as jsonb), ?3
                from (select distinct recipient_ori, record_id, officer_id from disclosure where record_id = ?4) d""")
                .setParameter(1, message).setParameter(2, detailsJson).setParameter(3, now).setParameter(4, recordId)
                .setParameter(5, kind).executeUpdate();
    }
}
