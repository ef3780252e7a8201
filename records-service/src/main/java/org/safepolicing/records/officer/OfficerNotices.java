package org.safepolicing.records.officer;

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

    /** One notice per disclosure: who received the record and why. */
    public void disclosed(UUID recordId, UUID officerId, UUID disclosureId, String recipientOri, String recipientUser,
                          String purpose, String channel, Instant now) {
        em.createNativeQuery("""
                insert into officer_notice (id, officer_id, kind, record_id, message, details, created_at)
                values (gen_random_uuid(), ?1, 'RECORD_DISCLOSED', ?2, ?3,
                        jsonb_build_object('disclosureId', cast(?4 as text), 'recipientOri', cast(?5 as text),
                                           'recipientUser', cast(?6 as text), 'purpose', cast(?7 as text),
                                           'channel', cast(?8 as text)), ?9)""")
                .setParameter(1, officerId).setParameter(2, recordId)
                .setParameter(3, "A record about you was disclosed to " + Submitter.describe(recipientOri) + " (purpose "
                        + purpose + ")")
                .setParameter(4, disclosureId.toString()).setParameter(5, recipientOri).setParameter(6, recipientUser)
                .setParameter(7, purpose).setParameter(8, channel).setParameter(9, now).executeUpdate();
    }

    public void add(UUID officerId, String kind, UUID recordId, String message, String detailsJson, Instant now) {
        em.createNativeQuery("""
                insert into officer_notice (id, officer_id, kind, record_id, message, details, created_at)
                values (gen_random_uuid(), ?1, ?2, ?3, ?4, cast(?5 as jsonb), ?6)""")
                .setParameter(1, officerId).setParameter(2, kind).setParameter(3, recordId).setParameter(4, message)
                .setParameter(5, detailsJson).setParameter(6, now).executeUpdate();
    }
}
