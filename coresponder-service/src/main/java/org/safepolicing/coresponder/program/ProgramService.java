package org.safepolicing.coresponder.program;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.contracts.events.ProgramModel;
import org.safepolicing.contracts.events.ProgramStatus;
import org.safepolicing.platform.audit.AuditTrail;
import org.safepolicing.platform.events.EventPublisher;
import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

/** Programs: creation (PLANNED), status changes with history, clinicians. Creation and each status change are events. */
@ApplicationScoped
@Transactional
public class ProgramService {

    static final String AGGREGATE = "agency";

    private final EntityManager em;
    private final EventPublisher events;
    private final AuditTrail audit;
    private final Caller caller;

    ProgramService(EntityManager em, EventPublisher events, AuditTrail audit, Caller caller) {
        this.em = em;
        this.events = events;
        this.audit = audit;
        this.caller = caller;
    }

    public Program create(String ori, ProgramRequests.Create request) {
        return create(ProgramOwner.agency(ori), request);
    }

    /**
     * Creates a PLANNED program for an agency or a community provider. Only an agency's program is published
     * (CoResponderProgramChanged is keyed and identified by the ORI; a community provider has none).
     */
    public Program create(ProgramOwner owner, ProgramRequests.Create request) {
        Program program = new Program();
        program.id = UUID.randomUUID();
        program.ori = owner.ori();
        program.providerId = owner.providerId();
        program.partnerOrganization = request.partnerOrganization().strip();
        program.model = request.model();
        program.status = ProgramStatus.PLANNED;
        program.coverageHoursPerWeek = request.coverageHoursPerWeek();
        program.coverageArea = request.coverageArea() == null ? null : request.coverageArea().strip();
        program.clinicians = clinicians(request.clinicians());
        program.createdAt = Instant.now();
        program.updatedAt = program.createdAt;
        em.persist(program);
        history(program, null, null);
        publish(program, null);
        audit.record("program.create", "coresponder-program", program.id.toString(), AuditTrail.SUCCESS);
        return program;
    }

    public Program changeStatus(String ori, UUID id, ProgramRequests.StatusChange request) {
        return changeStatus(ProgramOwner.agency(ori), id, request);
    }

    public Program changeStatus(ProgramOwner owner, UUID id, ProgramRequests.StatusChange request) {
        Program program = lock(owner, id);
        if (!program.mayChangeTo(request.status())) {
            throw ProblemException.illegalTransition("program", id, program.status, "change to " + request.status())
                    .with("allowed", program.allowedNext().stream().map(Enum::name).toList());
        }
        ProgramStatus previous = program.status;
        program.status = request.status();
        program.updatedAt = Instant.now();
        history(program, previous, request.reason());
        publish(program, previous);
        audit.record("program.status." + program.status.name().toLowerCase(), "coresponder-program", id.toString(),
                AuditTrail.SUCCESS);
        return program;
    }

    public Program replaceClinicians(String ori, UUID id, ProgramRequests.Clinicians request) {
        return replaceClinicians(ProgramOwner.agency(ori), id, request);
    }

    public Program replaceClinicians(ProgramOwner owner, UUID id, ProgramRequests.Clinicians request) {
        Program program = lock(owner, id);
        if (!program.mayChangeClinicians()) {
            throw ProblemException.illegalTransition("program", id, program.status, "change its clinicians");
        }
        program.clinicians.clear();
        program.clinicians.addAll(clinicians(request.clinicians()));
        program.updatedAt = Instant.now();
        audit.record("program.clinicians", "coresponder-program", id.toString(), AuditTrail.SUCCESS);
        return program;
    }

    /** Records (or corrects) the program's annual budget for {@code year}; audited. */
    public ProgramRequests.CostView reportCost(String ori, UUID id, int year, ProgramRequests.Cost request) {
        return reportCost(ProgramOwner.agency(ori), id, year, request);
    }

    public ProgramRequests.CostView reportCost(ProgramOwner owner, UUID id, int year, ProgramRequests.Cost request) {
        Program program = lock(owner, id);
        Instant now = Instant.now();
        em.createNativeQuery("""
                        insert into program_cost (program_id, year, annual_budget_usd, funding_source, reported_by, reported_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6)
                        on conflict (program_id, year) do update set annual_budget_usd = excluded.annual_budget_usd,
                            funding_source = excluded.funding_source, reported_by = excluded.reported_by,
                            reported_at = excluded.reported_at""")
                .setParameter(1, program.id).setParameter(2, (short) year).setParameter(3, request.budget())
                .setParameter(4, request.fundingSource().name()).setParameter(5, caller.name()).setParameter(6, now)
                .executeUpdate();
        audit.record("program.cost", "coresponder-program", id.toString(), AuditTrail.SUCCESS);
        return new ProgramRequests.CostView(year, request.budget(), request.fundingSource(), caller.name(), now);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ProgramRequests.CostView> costs(String ori, UUID id) {
        return costs(ProgramOwner.agency(ori), id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ProgramRequests.CostView> costs(ProgramOwner owner, UUID id) {
        find(owner, id);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select year, annual_budget_usd, funding_source, reported_by, reported_at from program_cost
                        where program_id = ?1 order by year""").setParameter(1, id).getResultList();
        return rows.stream().map(r -> new ProgramRequests.CostView(((Number) r[0]).intValue(), ((Number) r[1]).longValue(),
                FundingSource.valueOf((String) r[2]), (String) r[3], instant(r[4]))).toList();
    }

    private static Instant instant(Object o) {
        return o instanceof Instant i ? i : o instanceof java.time.OffsetDateTime t ? t.toInstant()
                : ((java.sql.Timestamp) o).toInstant();
    }

    /** The program, if it belongs to {@code ori}; another agency's program is "not found" from here. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Program find(String ori, UUID id) {
        return find(ProgramOwner.agency(ori), id);
    }

    /** The program, if it belongs to {@code owner}; another owner's program is "not found" from here. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Program find(ProgramOwner owner, UUID id) {
        Program program = em.find(Program.class, id);
        if (program == null || !owner.owns(program)) {
            throw ProblemException.notFound("program", id);
        }
        return program;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ProgramStatusChange> history(String ori, UUID id) {
        return history(ProgramOwner.agency(ori), id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ProgramStatusChange> history(ProgramOwner owner, UUID id) {
        find(owner, id);
        return em.createQuery("from ProgramStatusChange where programId = :id order by changedAt", ProgramStatusChange.class)
                .setParameter("id", id).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Program> list(String ori, ProgramModel model, ProgramStatus status, String state, PageRequest paging) {
        String where = " where p.providerId is null and (:ori is null or p.ori = :ori) and (:model is null or p.model = :model)"
                + " and (:status is null or p.status = :status) and (:state is null or substring(p.ori, 1, 2) = :state)";
        long total = em.createQuery("select count(p) from Program p" + where, Long.class)
                .setParameter("ori", ori).setParameter("model", model).setParameter("status", status)
                .setParameter("state", state).getSingleResult();
        List<Program> items = em.createQuery("select p from Program p" + where + " order by p.createdAt, p.id", Program.class)
                .setParameter("ori", ori).setParameter("model", model).setParameter("status", status)
                .setParameter("state", state)
                .setFirstResult(paging.offset()).setMaxResults(paging.size).getResultList();
        return Page.of(items, paging, total);
    }

    /** A community provider's programs, oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Program> listOfProvider(UUID providerId, PageRequest paging) {
        long total = em.createQuery("select count(p) from Program p where p.providerId = :provider", Long.class)
                .setParameter("provider", providerId).getSingleResult();
        List<Program> items = em.createQuery("select p from Program p where p.providerId = :provider order by p.createdAt, p.id",
                        Program.class)
                .setParameter("provider", providerId)
                .setFirstResult(paging.offset()).setMaxResults(paging.size).getResultList();
        return Page.of(items, paging, total);
    }

    /**
     * The program, its row locked for this transaction. The row lock is taken by SQL before the entity is read: Hibernate's
     * own PESSIMISTIC_WRITE find of a program (an entity with an eager element collection, locked by follow-on locking)
     * failed now and then with a NullPointerException when programs changed at the same moment (bin/suite soak).
     */
    private Program lock(ProgramOwner owner, UUID id) {
        boolean exists = !em.createNativeQuery("select 1 from coresponder_program where id = ?1 for update")
                .setParameter(1, id).getResultList().isEmpty();
        Program program = exists ? em.find(Program.class, id) : null;
        if (program == null || !owner.owns(program)) {
            throw ProblemException.notFound("program", id);
        }
        return program;
    }

    /** CoResponderProgramChanged for an agency's program; a community provider's program has no ORI to publish under. */
    private void publish(Program program, ProgramStatus previous) {
        if (program.ori != null) {
            events.publish(Topics.CORESPONDER_EVENTS, EventTypes.PROGRAM_STATUS_CHANGED, AGGREGATE, program.ori,
                    program.changed(previous));
        }
    }

    private void history(Program program, ProgramStatus from, String reason) {
        ProgramStatusChange change = new ProgramStatusChange();
        change.id = UUID.randomUUID();
        change.programId = program.id;
        change.from = from;
        change.to = program.status;
        change.reason = reason == null || reason.isBlank() ? null : reason.strip();
        change.changedBy = caller.name();
        change.changedAt = program.updatedAt;
        em.persist(change);
    }

    private static List<Clinician> clinicians(List<ProgramRequests.ClinicianPosition> positions) {
        return new java.util.ArrayList<>(positions.stream().map(c -> Clinician.of(c.type(), c.weeklyHours())).toList());
    }
}
