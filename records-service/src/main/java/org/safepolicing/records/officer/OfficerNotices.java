package org.safepolicing.records.officer;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.safepolicing.records.record.Submitter;

/**
 * The officer's own notice feed: what happens to records about them. Sec. 3(a) asks for a database "accounting for
 * applicable privacy and due process rights": an officer who is not told a record exists, was released or was decided
 * on cannot dispute it. Written in the transaction of the change; read by the officer over REST, never on a topic.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class OfficerNotices {

    public static final String RECORD_SUBMITTED = "RECORD_SUBMITTED";
    public static final String RECORD_DISCLOSABLE = "RECORD_DISCLOSABLE";
    public static final String RECORD_DISCLOSED = "RECORD_DISCLOSED";
    public static final String DISPUTE_DECIDED = "DISPUTE_DECIDED";

    private final EntityManager em;

    OfficerNotices(EntityManager em) {
        this.em = em;
    }

    /** One RECORD_SUBMITTED notice per record, and a RECORD_DISCLOSABLE one for each that is ACTIVE at once. */
    public void submitted(Collection<UUID> recordIds, Instant now) {
        if (recordIds.isEmpty()) {
            return;
        }
        em.flush();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into officer_notice (id, officer_id, kind, record_id, message, details, created_at)
                    select gen_random_uuid(), r.officer_id, k.kind, r.id,
                           case k.kind when 'RECORD_SUBMITTED'
                                then coalesce('Agency ' || r.submitting_ori, 'The ' || r.submitting_state || ' state POST board')
                                     || ' submitted a ' || r.category
                                     || ' record about you (' || r.status || ')'
                                else 'A ' || r.category || ' record about you is final and may now be disclosed to'
                                     || ' agencies that check you; you may dispute it' end,
                           jsonb_build_object('category', r.category, 'submittingOri', r.submitting_ori,
                                              'submittingState', r.submitting_state, 'status', r.status), ?
                    from misconduct_record r
                    cross join lateral (values (1, 'RECORD_SUBMITTED'), (2, 'RECORD_DISCLOSABLE')) k(n, kind)
                    where r.id = any (?) and (k.kind = 'RECORD_SUBMITTED' or r.status = 'ACTIVE')
                    order by r.id, k.n""")) {
                insert.setTimestamp(1, Timestamp.from(now));
                Array ids = connection.createArrayOf("uuid", recordIds.toArray());
                insert.setArray(2, ids);
                insert.executeUpdate();
            }
        });
    }

    /** A held record whose fair process became final. */
    public void disclosable(UUID recordId, UUID officerId, String category, Instant now) {
        add(officerId, RECORD_DISCLOSABLE, recordId, "A " + category + " record about you is final and may now be"
                + " disclosed to agencies that check you; you may dispute it",
                "{\"category\":\"" + category + "\"}", now);
    }

    /** A record disclosed to a recipient: the officer gets one notice of it. */
    public record Disclosure(UUID recordId, UUID officerId, UUID disclosureId) {
    }

    /** One notice per disclosure, all in one batch: who received the record and why. */
    public void disclosed(List<Disclosure> disclosures, String recipientOri, String recipientUser, String purpose,
                          String channel, Instant now) {
        if (disclosures.isEmpty()) {
            return;
        }
        String message = "A record about you was disclosed to " + Submitter.describe(recipientOri) + " (purpose "
                + purpose + ")";
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into officer_notice (id, officer_id, kind, record_id, message, details, created_at)
                    values (gen_random_uuid(), ?, 'RECORD_DISCLOSED', ?, ?,
                            jsonb_build_object('disclosureId', cast(? as text), 'recipientOri', cast(? as text),
                                               'recipientUser', cast(? as text), 'purpose', cast(? as text),
                                               'channel', cast(? as text)), ?)""")) {
                for (Disclosure d : disclosures) {
                    insert.setObject(1, d.officerId());
                    insert.setObject(2, d.recordId());
                    insert.setString(3, message);
                    insert.setString(4, d.disclosureId().toString());
                    insert.setString(5, recipientOri);
                    insert.setString(6, recipientUser);
                    insert.setString(7, purpose);
                    insert.setString(8, channel);
                    insert.setTimestamp(9, Timestamp.from(now));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    public void add(UUID officerId, String kind, UUID recordId, String message, String detailsJson, Instant now) {
        em.createNativeQuery("""
                insert into officer_notice (id, officer_id, kind, record_id, message, details, created_at)
                values (gen_random_uuid(), ?1, ?2, ?3, ?4, cast(?5 as jsonb), ?6)""")
                .setParameter(1, officerId).setParameter(2, kind).setParameter(3, recordId).setParameter(4, message)
                .setParameter(5, detailsJson).setParameter(6, now).executeUpdate();
    }
}
