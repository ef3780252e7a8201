package org.safepolicing.records.feed;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.safepolicing.platform.audit.AuditTrail;
import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

/** Continuous-check enrollments and reading an agency's own feed. */
@ApplicationScoped
@Transactional
public class FeedService {

    public record Notification(UUID id, String kind, UUID recordId, UUID officerId, String message, String details,
                               Instant createdAt) {
    }

    public record Enrollment(UUID id, String ori, UUID officerId, String enrolledBy, Instant enrolledAt) {
    }

    private final EntityManager em;
    private final AuditTrail audit;
    private final Caller caller;
    private final Clock clock;

    FeedService(EntityManager em, AuditTrail audit, Caller caller, Clock clock) {
        this.em = em;
        this.audit = audit;
        this.caller = caller;
        this.clock = clock;
    }

    /** Only an officer this agency's own checks found may be enrolled. */
    public Enrollment enroll(String ori, UUID officerId) {
        boolean checked = !em.createNativeQuery("""
                select 1 from check_subject s join background_check c on c.id = s.check_id
                where s.officer_id = ?1 and c.ori = ?2""").setParameter(1, officerId).setParameter(2, ori)
                .setMaxResults(1).getResultList().isEmpty();
        if (!checked) {
            throw ProblemException.unprocessable("not-checked", "agency " + ori + " has not checked officer " + officerId
                    + ": only an officer the agency checked may be enrolled");
        }
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        int inserted = em.createNativeQuery("""
                insert into continuous_enrollment (id, ori, officer_id, enrolled_by, enrolled_at)
                values (?1, ?2, ?3, ?4, ?5) on conflict do nothing""")
                .setParameter(1, id).setParameter(2, ori).setParameter(3, officerId).setParameter(4, caller.name())
                .setParameter(5, now).executeUpdate();
        if (inserted == 0) {
            throw ProblemException.alreadyExists("enrollment of officer " + officerId + " by agency", ori);
        }
        audit.record("continuous-check.enroll", "officer", officerId.toString(), AuditTrail.SUCCESS);
        return new Enrollment(id, ori, officerId, caller.name(), now);
    }

    public List<Enrollment> enrollments(String ori) {
        List<Object[]> rows = em.createNativeQuery("""
                select id, ori, officer_id, enrolled_by, enrolled_at from continuous_enrollment where ori = ?1
                order by enrolled_at""").setParameter(1, ori).getResultList();
        List<Enrollment> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new Enrollment((UUID) r[0], (String) r[1], (UUID) r[2], (String) r[3], instant(r[4])));
        }
        audit.record("continuous-check.list", "agency", ori, AuditTrail.SUCCESS);
        out.forEach(e -> audit.record("continuous-check.enrollment.read", "continuous-enrollment", e.id().toString(),
                AuditTrail.SUCCESS));
        return out;
    }

    public Page<Notification> feed(String ori, PageRequest paging) {
        List<Object[]> rows = em.createNativeQuery("""
                select id, kind, record_id, officer_id, message, details::text, created_at from agency_notification
                where ori = ?1 order by created_at desc, id""").setParameter(1, ori)
                .setFirstResult(paging.offset()).setMaxResults(paging.size).getResultList();
        long total = ((Number) em.createNativeQuery("select count(*) from agency_notification where ori = ?1")
                .setParameter(1, ori).getSingleResult()).longValue();
        List<Notification> items = new ArrayList<>();
        for (Object[] r : rows) {
            items.add(new Notification((UUID) r[0], (String) r[1], (UUID) r[2], (UUID) r[3], (String) r[4], (String) r[5],
                    instant(r[6])));
        }
        audit.record("feed.read", "agency", ori, AuditTrail.SUCCESS);
        items.forEach(n -> audit.record("feed.notification.read", "agency-notification", n.id().toString(),
                AuditTrail.SUCCESS));
        return Page.of(items, paging, total);
    }

    static Instant instant(Object v) {
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) v).toInstant();
    }
}
