package org.safepolicing.grants.eligibility;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.contracts.events.EligibilityChanged;
import org.safepolicing.grants.program.GrantProgram;
import org.safepolicing.grants.projection.AgencyDecisions;
import org.safepolicing.grants.projection.AgencyStanding;
import org.safepolicing.grants.projection.ProjectionQueries;
import org.safepolicing.platform.events.EventPublisher;

/**
 * Decides agencies' eligibility from the projection, keeps the current answers and the history of every change,
 * publishes {@code grants.eligibility.changed} when an answer changes, and tells the awards when an answer for a
 * program changed ({@link ProgramAnswersChanged}), all in the caller's transaction. The projection asks for its
 * decisions through {@link AgencyDecisions}.
 * <p>
 * Two kinds of answer are kept: the conditions every DOJ discretionary grant carries (Sec. 2(b) and 3(d); published
 * with {@code grantProgramId} null) for every agency the projection has heard of, and each program's rule set for every
 * agency that applied to the program (published with the program's id).
 */
@ApplicationScoped
public class EligibilityService implements AgencyDecisions {

    private static final Logger LOG = Logger.getLogger(EligibilityService.class);
    private static final String AGGREGATE = "agency";
    private static final TypeReference<List<RuleResult>> RULE_LIST = new TypeReference<>() {
    };

    private final EntityManager em;
    private final EventPublisher publisher;
    private final ObjectMapper json;
    private final RuleCatalog catalog;
    private final ProjectionQueries standings;
    private final PendingDecisions pending;
    private final Event<ProgramAnswersChanged> programAnswersChanged;

    EligibilityService(EntityManager em, EventPublisher publisher, ObjectMapper json, RuleCatalog catalog,
                       ProjectionQueries standings, PendingDecisions pending,
                       Event<ProgramAnswersChanged> programAnswersChanged) {
        this.pending = pending;
        this.em = em;
        this.publisher = publisher;
        this.json = json;
        this.catalog = catalog;
        this.standings = standings;
        this.programAnswersChanged = programAnswersChanged;
    }

    /**
     * Re-decides one agency after one of its facts changed; within a batch of events ({@link #deferDecisions}) at the
     * batch's end, or earlier when {@link #beforeChange} finds the agency about to change again.
     */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void decideForAgency(String ori, Instant effectiveAt) {
        if (pending.deferring()) {
            pending.add(ori, effectiveAt);
            return;
        }
        decide(List.of(ori), new Batch(now(), effectiveAt, true), null);
    }

    /**
     * Within a batch of events ({@link #deferDecisions}), called before each event changes the projection: takes the
     * waiting decisions the event would otherwise fold away, so every agency's answer and history are as if decided
     * after each event. They are taken when the event is a second one of a waiting agency ({@code ori}: a report
     * followed by a later report of the same agency in one poll keeps both results in the history), or when it changes
     * many agencies' facts at once ({@code manyAgencies}: a body's standing).
     */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void beforeChange(String ori, boolean manyAgencies) {
        if (pending.deferring() && (manyAgencies || pending.waiting(ori))) {
            decidePending();
        }
    }

    /**
     * From now until {@link #decidePending} at the end of the transaction's batch of events, agencies' decisions wait
     * and are taken together (see {@link PendingDecisions}).
     */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void deferDecisions() {
        pending.start();
    }

    /** Decides every waiting agency, in one bulk decision. */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void decidePending() {
        if (!pending.deferring()) {
            return;
        }
        Map<String, Instant> waiting = pending.take();
        if (!waiting.isEmpty()) {
            decide(waiting.keySet(), new Batch(now(), waiting, true), null);
        }
    }

    /**
     * Re-decides every agency whose latest credential, or the earlier credential it renews, names the body, after the
     * body's standing changed.
     */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void decideForBody(UUID bodyId, Instant effectiveAt) {
        decidePending();
        long started = System.nanoTime();
        List<String> oris = standings.agenciesRelyingOn(bodyId);
        int changed = decide(oris, new Batch(now(), effectiveAt, true), null);
        LOG.infof("credentialing body %s changed: %d agencies re-decided, %d answers changed, in %d ms", bodyId,
                oris.size(), changed, (System.nanoTime() - started) / 1_000_000);
    }

    /** Re-decides every applicant of the program, after its terms changed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void decideForProgram(GrantProgram program, Instant effectiveAt) {
        decidePending();
        List<String> oris = em.createQuery(
                        "select p.ori from ProgramEligibility p where p.grantProgramId = :id", String.class)
                .setParameter("id", program.id).getResultList();
        decide(oris, new Batch(now(), effectiveAt, false), program.id);
    }

    /**
     * Starts keeping (and publishing) the agency's eligibility for the program, e.g. when it applies, and returns it.
     * The caller holds the agency's projection lock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Eligibility track(String ori, GrantProgram program) {
        if (em.find(ProgramEligibility.class, new ProgramEligibility.Key(program.id, ori)) == null) {
            Instant now = now();
            List<RuleResult> after = catalog.evaluate(standings.load(ori), program);
            ProgramEligibility row = new ProgramEligibility();
            row.grantProgramId = program.id;
            row.ori = ori;
            row.eligible = allPass(after);
            row.rules = write(after);
            row.decidedAt = now;
            em.persist(row);
            Batch batch = new Batch(now, now, false);
            batch.compare(ori, program.id, false, false, List.of(), after);
            batch.flush();
        }
        return currentForProgram(ori, program);
    }

    /** The agency's current answer for the general conditions; for an agency never decided, from what is known. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Eligibility current(String ori) {
        AgencyEligibility stored = em.find(AgencyEligibility.class, ori);
        if (stored != null) {
            return answer(ori, null, stored.eligible, stored.decidedAt, read(stored.rules));
        }
        return evaluateNow(ori, null);
    }

    /** The agency's current answer for the program: kept for applicants, decided on the spot for any other agency. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Eligibility currentForProgram(String ori, GrantProgram program) {
        ProgramEligibility stored = em.find(ProgramEligibility.class, new ProgramEligibility.Key(program.id, ori));
        if (stored != null) {
            return answer(ori, program, stored.eligible, stored.decidedAt, read(stored.rules));
        }
        return evaluateNow(ori, program);
    }

    /** Decides from the projection as it is, without keeping the answer (reports, agencies that have not applied). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Eligibility evaluateNow(String ori, GrantProgram program) {
        return evaluate(standings.load(ori), program);
    }

    public Eligibility evaluate(AgencyStanding standing, GrantProgram program) {
        List<RuleResult> results = catalog.evaluate(standing, program);
        return answer(standing.ori(), program, allPass(results), now(), results);
    }

    /**
     * The answer that held at {@code at}, from the history: each rule's latest recorded result effective then. For the
     * general conditions a rule with no result yet answers as for an agency never seen. Empty for a program the agency
     * had no recorded answer for then (answers per program are kept from the agency's application on).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Eligibility> at(String ori, GrantProgram program, Instant at) {
        List<EligibilityHistoryEntry> entries = em.createQuery("""
                        from EligibilityHistoryEntry h where h.ori = :ori and h.effectiveAt <= :at
                         and (h.grantProgramId = :program or (:program is null and h.grantProgramId is null))
                         order by h.changedAt, h.effectiveAt""", EligibilityHistoryEntry.class)
                .setParameter("ori", ori).setParameter("at", at)
                .setParameter("program", program == null ? null : program.id)
                .getResultList();
        if (entries.isEmpty() && program != null) {
            return Optional.empty();
        }
        Map<String, EligibilityHistoryEntry> latest = new LinkedHashMap<>();
        entries.forEach(e -> latest.put(e.rule, e));
        Map<String, RuleResult> byRule = new HashMap<>();
        latest.values().forEach(e -> byRule.put(e.rule, new RuleResult(e.rule, e.outcome, e.reason,
                e.decidedByEventId == null ? null : new DecidingEvent(e.decidedByEventId, e.decidedByEventType,
                        e.decidedByEventTime))));
        if (program == null) {
            catalog.evaluate(AgencyStanding.unknown(ori), null).forEach(r -> byRule.putIfAbsent(r.rule(), r));
        }
        List<RuleResult> results = byRule.values().stream()
                .sorted(java.util.Comparator.comparing(RuleResult::rule)).toList();
        Instant since = latest.values().stream().map(e -> e.effectiveAt).max(Instant::compareTo).orElse(at);
        return Optional.of(answer(ori, program, allPass(results), since, results));
    }

    private Eligibility answer(String ori, GrantProgram program, boolean eligible, Instant asOf, List<RuleResult> rules) {
        return new Eligibility(ori, program == null ? null : program.id, eligible, asOf, rules,
                catalog.whatMustChange(rules, program));
    }

    /**
     * Re-decides the agencies: their general answer (unless {@code onlyProgram} is set) and their answer for each
     * program they applied to (or only {@code onlyProgram}). Returns how many answers changed.
     */
    private int decide(Collection<String> oris, Batch batch, UUID onlyProgram) {
        if (oris.isEmpty()) {
            return 0;
        }
        Map<String, AgencyStanding> standing = standings.loadAll(oris);
        List<String> keys = new ArrayList<>(standing.keySet());
        int changed = 0;
        if (onlyProgram == null) {
            // by id array, as ProjectionQueries reads the standings (an HQL "in :oris" is translated at every call)
            Map<String, AgencyEligibility> general = new HashMap<>();
            for (AgencyEligibility e : em.unwrap(Session.class).findMultiple(AgencyEligibility.class, keys)) {
                if (e != null) {
                    general.put(e.ori, e);
                }
            }
            for (AgencyStanding s : standing.values()) {
                AgencyEligibility row = general.get(s.ori());
                List<RuleResult> after = catalog.evaluate(s, null);
                List<RuleResult> before = row == null ? List.of() : read(row.rules);
                if (row != null && after.equals(before)) {
                    continue;
                }
                changed++;
                batch.compare(s.ori(), null, row != null, row != null && row.eligible, before, after);
                boolean first = row == null;
                if (first) {
                    row = new AgencyEligibility();
                    row.ori = s.ori();
                }
                row.eligible = allPass(after);
                row.rules = write(after);
                row.decidedAt = batch.now;
                if (first) {
                    em.persist(row);
                }
            }
        }
        List<ProgramEligibility> tracked = em.createQuery(
                        "from ProgramEligibility where ori in :oris and (:program is null or grantProgramId = :program)",
                        ProgramEligibility.class)
                .setParameter("oris", keys).setParameter("program", onlyProgram).getResultList();
        if (!tracked.isEmpty()) {
            Map<UUID, GrantProgram> programs = new HashMap<>();
            List<ProgramAnswersChanged.Answer> programAnswers = new ArrayList<>();
            for (ProgramEligibility row : tracked) {
                GrantProgram program = programs.computeIfAbsent(row.grantProgramId, id -> em.find(GrantProgram.class, id));
                List<RuleResult> after = catalog.evaluate(standing.get(row.ori), program);
                List<RuleResult> before = read(row.rules);
                if (after.equals(before)) {
                    continue;
                }
                changed++;
                batch.compare(row.ori, program.id, true, row.eligible, before, after);
                row.eligible = allPass(after);
                row.rules = write(after);
                row.decidedAt = batch.now;
                programAnswers.add(new ProgramAnswersChanged.Answer(row.ori, program.id, row.eligible, after));
            }
            if (!programAnswers.isEmpty()) {
                programAnswersChanged.fire(new ProgramAnswersChanged(programAnswers, batch.now));
            }
        }
        batch.flush();
        return changed;
    }

    private static boolean allPass(List<RuleResult> results) {
        return results.stream().allMatch(RuleResult::passed);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private List<RuleResult> read(String stored) {
        try {
            return json.readValue(stored, RULE_LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rule results cannot be read", e);
        }
    }

    private String write(List<RuleResult> results) {
        try {
            return json.writeValueAsString(results);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rule results cannot be written as JSON", e);
        }
    }

    /** History rows and events of one decision run, written table by table so the inserts go out in batches. */
    private final class Batch {

        final Instant now;
        final Instant effectiveAt;
        /** Per agency, when agencies decided together were caused by different events. */
        final Map<String, Instant> effectiveByAgency;
        /** True when an upstream event caused the run (not an application or a program's new terms). */
        final boolean fromEvent;
        final List<EligibilityHistoryEntry> history = new ArrayList<>();
        final List<EligibilityChanged> changes = new ArrayList<>();

        Batch(Instant now, Instant effectiveAt, boolean fromEvent) {
            this(now, effectiveAt, Map.of(), fromEvent);
        }

        Batch(Instant now, Map<String, Instant> effectiveByAgency, boolean fromEvent) {
            this(now, now, effectiveByAgency, fromEvent);
        }

        private Batch(Instant now, Instant effectiveAt, Map<String, Instant> effectiveByAgency, boolean fromEvent) {
            this.now = now;
            this.effectiveAt = effectiveAt;
            this.effectiveByAgency = effectiveByAgency;
            this.fromEvent = fromEvent;
        }

        /**
         * From when a result holds. Caused by an event: the time of the event that decided it (the latest fact it
         * rests on), else of the event that caused the run; so a replay, whatever the order of its topics, gives the
         * same history. Caused by an application or new program terms: now.
         */
        Instant effectiveAt(String ori, RuleResult result) {
            if (fromEvent && result.decidedBy() != null && result.decidedBy().eventTime() != null) {
                return result.decidedBy().eventTime();
            }
            return effectiveByAgency.getOrDefault(ori, effectiveAt);
        }

        /** Records each rule whose result changed; publishes when the answer or any rule's outcome changed. */
        void compare(String ori, UUID programId, boolean existed, boolean wasEligible, List<RuleResult> before,
                     List<RuleResult> after) {
            boolean eligible = allPass(after);
            Map<String, RuleResult> beforeByRule = before.stream()
                    .collect(Collectors.toMap(RuleResult::rule, Function.identity()));
            boolean outcomeChanged = !existed || wasEligible != eligible || before.size() != after.size();
            for (RuleResult result : after) {
                RuleResult previous = beforeByRule.get(result.rule());
                if (!result.equals(previous)) {
                    history.add(EligibilityHistoryEntry.of(ori, programId, result, now, effectiveAt(ori, result)));
                }
                outcomeChanged |= previous == null || previous.outcome() != result.outcome();
            }
            if (outcomeChanged) {
                changes.add(new EligibilityChanged(ori, programId, eligible, existed && wasEligible,
                        after.stream().map(RuleResult::toContract).toList(), now));
            }
        }

        void flush() {
            history.forEach(em::persist);
            changes.forEach(change -> publisher.publish(Topics.GRANTS_ELIGIBILITY, EventTypes.ELIGIBILITY_CHANGED,
                    AGGREGATE, change.ori(), change));
        }
    }
}
