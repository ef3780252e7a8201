package org.safepolicing.grants.program;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.grants.projection.ProjectionLock;
import org.safepolicing.platform.audit.AuditTrail;
import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

/** DOJ's grant programs: created and changed by doj-admin, read by everyone who applies or awards. */
@ApplicationScoped
@Transactional
public class GrantPrograms {

    private final EntityManager em;
    private final AuditTrail audit;
    private final ProjectionLock lock;
    private final ProgramRules rules;

    GrantPrograms(EntityManager em, AuditTrail audit, ProjectionLock lock, ProgramRules rules) {
        this.em = em;
        this.audit = audit;
        this.lock = lock;
        this.rules = rules;
    }

    public GrantProgram create(ProgramTerms terms) {
        GrantProgram program = new GrantProgram();
        program.id = UUID.randomUUID();
        program.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        apply(program, terms, rules);
        em.persist(program);
        audit.record("grant-program.created", "grant-program", program.id.toString(), AuditTrail.SUCCESS);
        return program;
    }

    /** Changes the terms; every applicant is re-decided under the new terms in the same transaction. */
    public GrantProgram update(UUID id, ProgramTerms terms) {
        GrantProgram program = em.find(GrantProgram.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (program == null) {
            throw ProblemException.notFound("grant program", id);
        }
        BigDecimal awarded = awarded(id);
        if (terms.appropriation() != null && terms.appropriation().compareTo(awarded) < 0) {
            throw ProblemException.conflict("appropriation-below-awards", "grant program " + id + " has awarded "
                    + awarded.toPlainString() + " already; its appropriation cannot go below that")
                    .with("awarded", awarded);
        }
        apply(program, terms, rules);
        lock.forAll();
        rules.redecideApplicants(program, program.updatedAt);
        audit.record("grant-program.changed", "grant-program", id.toString(), AuditTrail.SUCCESS);
        return program;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public GrantProgram find(UUID id) {
        GrantProgram program = em.find(GrantProgram.class, id);
        if (program == null) {
            throw ProblemException.notFound("grant program", id);
        }
        return program;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<GrantProgram> list(Integer fiscalYear, GrantArea area, PageRequest paging) {
        String where = " where (:year is null or p.fiscalYear = :year) and (:area is null or p.area = :area)";
        List<GrantProgram> items = em.createQuery("from GrantProgram p" + where + " order by p.fiscalYear desc, p.name, p.id",
                        GrantProgram.class)
                .setParameter("year", fiscalYear).setParameter("area", area)
                .setFirstResult(paging.offset()).setMaxResults(paging.size).getResultList();
        long total = em.createQuery("select count(p) from GrantProgram p" + where, Long.class)
                .setParameter("year", fiscalYear).setParameter("area", area).getSingleResult();
        return Page.of(items, paging, total);
    }

    /** The sum of the program's awards. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public BigDecimal awarded(UUID programId) {
        return em.createQuery("select coalesce(sum(a.amount), 0) from GrantAward a where a.grantProgramId = :id",
                BigDecimal.class).setParameter("id", programId).getSingleResult();
    }

    private static void apply(GrantProgram program, ProgramTerms terms, ProgramRules catalog) {
        if (terms.applicationOpens().isAfter(terms.applicationCloses())) {
            throw ProblemException.unprocessable("application-window", "the application window opens on "
                    + terms.applicationOpens() + ", after it closes on " + terms.applicationCloses());
        }
        // EO 13929 Sec. 2(b) and 3(d) condition every DOJ discretionary grant: a program's rule set adds to them and
        // never removes them, so they are added whether or not the terms name them (stated policy, README)
        List<String> rules = java.util.stream.Stream.concat(catalog.carriedByEveryProgram().stream(),
                terms.rules() == null ? java.util.stream.Stream.<String>empty() : terms.rules().stream())
                .distinct().sorted().toList();
        List<String> unknown = rules.stream().filter(r -> !catalog.selectable().contains(r)).toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.unprocessable("unknown-rule", "no such eligibility rule: " + String.join(", ", unknown)
                    + "; a rule set is chosen from " + String.join(", ", catalog.selectable()))
                    .with("rules", catalog.selectable());
        }
        boolean training = rules.contains(catalog.trainingCoverage());
        if (training != (terms.minimumTrainingCoverage() != null)) {
            throw ProblemException.unprocessable("training-coverage-minimum", training
                    ? "the TRAINING_COVERAGE rule needs minimumTrainingCoverage (0..1)"
                    : "minimumTrainingCoverage is only for a rule set with TRAINING_COVERAGE");
        }
        List<AgencyType> types = terms.allowedAgencyTypes() == null ? List.of() : terms.allowedAgencyTypes();
        program.name = terms.name().strip();
        program.area = terms.area();
        program.fiscalYear = terms.fiscalYear();
        program.appropriation = terms.appropriation().setScale(2);
        program.applicationOpens = terms.applicationOpens();
        program.applicationCloses = terms.applicationCloses();
        program.allowedAgencyTypes = types.size() == AgencyType.values().length ? ""
                : types.stream().distinct().sorted().map(Enum::name).collect(Collectors.joining(","));
        program.rules = String.join(",", new ArrayList<>(rules));
        program.minimumTrainingCoverage = terms.minimumTrainingCoverage();
        program.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
