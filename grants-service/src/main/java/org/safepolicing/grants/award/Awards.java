package org.safepolicing.grants.award;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.safepolicing.grants.eligibility.Eligibility;
import org.safepolicing.grants.eligibility.EligibilityService;
import org.safepolicing.grants.program.GrantProgram;
import org.safepolicing.grants.program.GrantPrograms;
import org.safepolicing.grants.projection.ProjectionLock;
import org.safepolicing.platform.audit.AuditTrail;
import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

/**
 * Applications (an agency applies; eligible then) and awards (a grant officer awards; eligible again, and never past
 * the appropriation). An award locks its program's row, so two officers awarding from one program take turns and the
 * second sees the first's award in the sum.
 */
@ApplicationScoped
@Transactional
public class Awards {

    private final EntityManager em;
    private final GrantPrograms programs;
    private final EligibilityService eligibility;
    private final ProjectionLock lock;
    private final AuditTrail audit;
    private final Caller caller;
    private final ObjectMapper json;

    Awards(EntityManager em, GrantPrograms programs, EligibilityService eligibility, ProjectionLock lock, AuditTrail audit,
           Caller caller, ObjectMapper json) {
        this.em = em;
        this.programs = programs;
        this.eligibility = eligibility;
        this.lock = lock;
        this.audit = audit;
        this.caller = caller;
        this.json = json;
    }

    public GrantApplication apply(UUID programId, String ori, BigDecimal requestedAmount, String purpose) {
        GrantProgram program = programs.find(programId);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        if (!program.openOn(today)) {
            throw ProblemException.unprocessable("application-window-closed", "grant program " + programId
                    + " takes applications from " + program.applicationOpens + " to " + program.applicationCloses
                    + ", not on " + today);
        }
        if (requestedAmount.compareTo(program.appropriation) > 0) {
            throw ProblemException.unprocessable("exceeds-appropriation", "the request of "
                    + requestedAmount.toPlainString() + " exceeds the program's appropriation of "
                    + program.appropriation.toPlainString());
        }
        lock.forAgency(ori);
        Long existing = em.createQuery("select count(a) from GrantApplication a where a.grantProgramId = :p and a.ori = :o",
                Long.class).setParameter("p", programId).setParameter("o", ori).getSingleResult();
        if (existing > 0) {
            throw ProblemException.alreadyExists("application of agency " + ori + " to grant program", programId);
        }
        Eligibility now = eligibility.evaluateNow(ori, program);
        refuseIneligible(now, "apply to");
        GrantApplication application = new GrantApplication();
        application.id = UUID.randomUUID();
        application.grantProgramId = programId;
        application.ori = ori;
        application.requestedAmount = requestedAmount.setScale(2);
        application.purpose = purpose.strip();
        application.status = GrantApplication.Status.SUBMITTED;
        application.eligibilityAtSubmission = write(now);
        application.submittedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        application.submittedBy = caller.name();
        em.persist(application);
        eligibility.track(ori, program);
        audit.record("grant-application.submitted", "grant-application", application.id.toString(), AuditTrail.SUCCESS);
        return application;
    }

    public GrantAward award(UUID applicationId, BigDecimal amount) {
        UUID programId = em.createQuery("select a.grantProgramId from GrantApplication a where a.id = :id", UUID.class)
                .setParameter("id", applicationId).getResultStream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("grant application", applicationId));
        // the program row first: concurrent awards from one program take turns here
        GrantProgram program = em.find(GrantProgram.class, programId, LockModeType.PESSIMISTIC_WRITE);
        GrantApplication application = em.find(GrantApplication.class, applicationId, LockModeType.PESSIMISTIC_WRITE);
        if (application.status != GrantApplication.Status.SUBMITTED) {
            throw ProblemException.illegalTransition("grant application", applicationId, application.status, "award");
        }
        if (amount.compareTo(application.requestedAmount) > 0) {
            throw ProblemException.unprocessable("exceeds-request", "the award of " + amount.toPlainString()
                    + " exceeds the " + application.requestedAmount.toPlainString() + " requested");
        }
        lock.forAgency(application.ori);
        Eligibility now = eligibility.evaluateNow(application.ori, program);
        refuseIneligible(now, "be awarded");
        BigDecimal awarded = programs.awarded(programId);
        BigDecimal remaining = program.appropriation.subtract(awarded);
        if (amount.compareTo(remaining) > 0) {
            throw ProblemException.conflict("appropriation-exceeded", "an award of " + amount.toPlainString()
                            + " exceeds what remains of grant program " + programId + "'s appropriation: "
                            + remaining.toPlainString() + " of " + program.appropriation.toPlainString())
                    .with("remaining", remaining).with("appropriation", program.appropriation);
        }
        GrantAward award = new GrantAward();
        award.id = UUID.randomUUID();
        award.applicationId = applicationId;
        award.grantProgramId = programId;
        award.ori = application.ori;
        award.amount = amount.setScale(2);
        award.eligibilityAtAward = write(now);
        award.awardedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        award.awardedBy = caller.name();
        em.persist(award);
        application.status = GrantApplication.Status.AWARDED;
        eligibility.track(application.ori, program);
        audit.record("grant-award.made", "grant-award", award.id.toString(), AuditTrail.SUCCESS);
        return award;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public GrantApplication application(UUID id) {
        GrantApplication application = em.find(GrantApplication.class, id);
        if (application == null) {
            throw ProblemException.notFound("grant application", id);
        }
        return application;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public GrantAward award(UUID id) {
        GrantAward award = em.find(GrantAward.class, id);
        if (award == null) {
            throw ProblemException.notFound("grant award", id);
        }
        return award;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<GrantApplication> applications(UUID programId, PageRequest paging) {
        programs.find(programId);
        List<GrantApplication> items = em.createQuery(
                        "from GrantApplication a where a.grantProgramId = :p order by a.submittedAt, a.id", GrantApplication.class)
                .setParameter("p", programId).setFirstResult(paging.offset()).setMaxResults(paging.size).getResultList();
        long total = em.createQuery("select count(a) from GrantApplication a where a.grantProgramId = :p", Long.class)
                .setParameter("p", programId).getSingleResult();
        return Page.of(items, paging, total);
    }

    /** Every application to the program, in the order they were submitted. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<GrantApplication> applicationsAsSubmitted(UUID programId) {
        return em.createQuery("from GrantApplication a where a.grantProgramId = :p order by a.submittedAt, a.id",
                GrantApplication.class).setParameter("p", programId).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<GrantAward> awards(UUID programId, Boolean flagged, PageRequest paging) {
        String where = " where (:p is null or a.grantProgramId = :p) and (:f is null or a.flagged = :f)";
        List<GrantAward> items = em.createQuery("from GrantAward a" + where + " order by a.awardedAt, a.id", GrantAward.class)
                .setParameter("p", programId).setParameter("f", flagged)
                .setFirstResult(paging.offset()).setMaxResults(paging.size).getResultList();
        long total = em.createQuery("select count(a) from GrantAward a" + where, Long.class)
                .setParameter("p", programId).setParameter("f", flagged).getSingleResult();
        return Page.of(items, paging, total);
    }

    private static void refuseIneligible(Eligibility eligibility, String action) {
        if (!eligibility.eligible()) {
            throw ProblemException.unprocessable("not-eligible", "agency " + eligibility.ori() + " may not " + action
                            + " grant program " + eligibility.grantProgramId() + ": " + eligibility.failing().stream()
                            .map(r -> r.rule() + ": " + r.reason()).reduce((a, b) -> a + "; " + b).orElse(""))
                    .with("failingRules", eligibility.failing().stream().map(r -> r.rule()).toList())
                    .with("whatMustChange", eligibility.whatMustChange());
        }
    }

    private String write(Eligibility eligibility) {
        try {
            return json.writeValueAsString(eligibility.rules());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rule results cannot be written as JSON", e);
        }
    }
}
