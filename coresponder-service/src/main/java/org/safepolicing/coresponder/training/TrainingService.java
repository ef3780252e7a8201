package org.safepolicing.coresponder.training;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.safepolicing.platform.audit.AuditTrail;
import org.safepolicing.platform.problem.Problem;
import org.safepolicing.platform.problem.ProblemException;

/** The course catalog and completions; each batch of completions refreshes the agency's coverage. */
@ApplicationScoped
@Transactional
public class TrainingService {

    private final EntityManager em;
    private final CoverageService coverage;
    private final AuditTrail audit;

    TrainingService(EntityManager em, CoverageService coverage, AuditTrail audit) {
        this.em = em;
        this.coverage = coverage;
        this.audit = audit;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TrainingCourse> courses() {
        return em.createQuery("from TrainingCourse order by code", TrainingCourse.class).getResultList();
    }

    public TrainingCourse addCourse(TrainingRequests.Course request) {
        if (em.find(TrainingCourse.class, request.code()) != null) {
            throw ProblemException.alreadyExists("course", request.code());
        }
        TrainingCourse course = new TrainingCourse();
        course.code = request.code();
        course.title = request.title().strip();
        course.hours = request.hours();
        course.createdAt = Instant.now();
        em.persist(course);
        audit.record("training.course.add", "training-course", course.code, AuditTrail.SUCCESS);
        return course;
    }

    /** Records a batch all or nothing; completions already recorded are counted, not repeated. */
    public RecordedCompletions record(String ori, TrainingRequests.Completions request) {
        Set<String> known = new HashSet<>(courses().stream().map(c -> c.code).toList());
        List<Problem.FieldError> errors = new ArrayList<>();
        List<TrainingRequests.Completion> items = request.completions();
        for (int i = 0; i < items.size(); i++) {
            if (!known.contains(items.get(i).courseCode())) {
                errors.add(new Problem.FieldError("completions[" + i + "].courseCode",
                        "unknown course '" + items.get(i).courseCode() + "'; see GET /api/v1/training/courses"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "unknown-course", "Refused by a domain rule",
                    errors.size() + " completion(s) name a course that is not in the catalog; nothing was recorded", errors);
        }
        Timestamp now = Timestamp.from(Instant.now());
        int[] inserted = em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into training_completion (ori, officer_ref, course_code, completed_on, recorded_at)
                    values (?, ?, ?, ?, ?) on conflict do nothing""")) {
                for (TrainingRequests.Completion c : items) {
                    insert.setString(1, ori);
                    insert.setString(2, c.officerRef());
                    insert.setString(3, c.courseCode());
                    insert.setDate(4, Date.valueOf(c.completedOn()));
                    insert.setTimestamp(5, now);
                    insert.addBatch();
                }
                return insert.executeBatch();
            } catch (SQLException e) {
                throw new IllegalStateException("completions could not be written", e);
            }
        });
        int recorded = 0;
        for (int n : inserted) {
            recorded += n > 0 ? 1 : 0;
        }
        audit.record("training.completions", "agency", ori, AuditTrail.SUCCESS);
        return new RecordedCompletions(recorded, items.size() - recorded, coverage.refresh(ori));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CoverageView coverage(String ori) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select course_code, count(*) from training_completion where ori = ?1 group by course_code order by course_code""")
                .setParameter(1, ori).getResultList();
        return new CoverageView(coverage.current(ori),
                rows.stream().map(r -> new CoverageView.ByCourse((String) r[0], ((Number) r[1]).intValue())).toList());
    }

    /** What a batch did: new completions, ones already on record, and the coverage after it. */
    public record RecordedCompletions(int recorded, int alreadyRecorded, Coverage coverage) {
    }

    /** Coverage with the number of officers who completed each course. */
    public record CoverageView(Coverage coverage, List<ByCourse> byCourse) {
        public record ByCourse(String courseCode, int officers) {
        }
    }
}
