package org.safepolicing.grants.eligibility;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.All;

import org.jboss.logging.Logger;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.contracts.events.EligibilityChanged;
import org.safepolicing.grants.projection.AgencyProjection;
import org.safepolicing.grants.projection.BodyProjection;
import org.safepolicing.grants.projection.CredentialProjection;
import org.safepolicing.platform.events.EventPublisher;

/**
 * Decides agencies' eligibility from the projection, keeps the current answer and the history of every change, and
 * publishes {@code grants.eligibility.changed} when an answer changes, all in the caller's transaction.
 */
@ApplicationScoped
public class EligibilityService {

    private static final Logger LOG = Logger.getLogger(EligibilityService.class);
    private static final String AGGREGATE = "agency";
    private static final TypeReference<List<RuleResult>> RULE_LIST = new TypeReference<>() {
    };
    /** Every agency whose latest credential names the body, with what else is known of it: one query. */
    private static final String NAMING_BODY = """
            select c, a, e from CredentialProjection c
              left join AgencyProjection a on a.ori = c.ori
              left join AgencyEligibility e on e.ori = c.ori
             where c.bodyId = :bodyId""";

    private final EntityManager em;
    private final EventPublisher publisher;
    private final ObjectMapper json;
    private final List<EligibilityRule> rules;

    EligibilityService(EntityManager em, EventPublisher publisher, ObjectMapper json, @All List<EligibilityRule> rules) {
        this.em = em;
        this.publisher = publisher;
        this.json = json;
        this.rules = rules.stream().sorted(Comparator.comparing(EligibilityRule::code)).toList();
    }

    /** Re-decides one agency after its registry entry or credential changed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void decideForAgency(String ori) {
        AgencyProjection agency = em.find(AgencyProjection.class, ori);
        CredentialProjection credential = em.find(CredentialProjection.class, ori);
        BodyProjection body = credential == null ? null : em.find(BodyProjection.class, credential.bodyId);
        AgencyEligibility current = em.find(AgencyEligibility.class, ori);
        record(List.of(new Pending(new AgencyStanding(ori, agency, credential, body), current)));
    }

    /** Re-decides every agency whose latest credential names the body, after the body's standing changed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void decideForBody(UUID bodyId) {
        long started = System.nanoTime();
        BodyProjection body = em.find(BodyProjection.class, bodyId);
        List<Pending> pending = em.createQuery(NAMING_BODY, Object[].class)
                .setParameter("bodyId", bodyId)
                .getResultStream()
                .map(row -> {
                    CredentialProjection credential = (CredentialProjection) row[0];
                    AgencyStanding standing = new AgencyStanding(credential.ori, (AgencyProjection) row[1], credential, body);
                    return new Pending(standing, (AgencyEligibility) row[2]);
                })
                .toList();
        int changed = record(pending);
        LOG.infof("credentialing body %s is %s: %d agencies re-decided, %d answers changed, in %d ms", bodyId,
                body == null ? "unknown" : body.status, pending.size(), changed, (System.nanoTime() - started) / 1_000_000);
    }

    /** The agency's current answer; for an agency never decided, the answer from what is known (usually nothing). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Eligibility current(String ori) {
        AgencyEligibility stored = em.find(AgencyEligibility.class, ori);
        if (stored != null) {
            return new Eligibility(ori, stored.eligible, stored.decidedAt, read(stored.rules));
        }
        AgencyProjection agency = em.find(AgencyProjection.class, ori);
        CredentialProjection credential = em.find(CredentialProjection.class, ori);
        BodyProjection body = credential == null ? null : em.find(BodyProjection.class, credential.bodyId);
        List<RuleResult> results = evaluate(new AgencyStanding(ori, agency, credential, body));
        return new Eligibility(ori, allPass(results), Instant.now().truncatedTo(ChronoUnit.MICROS), results);
    }

    /** Returns how many agencies' answers changed. */
    private int record(List<Pending> pending) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<EligibilityHistoryEntry> history = new ArrayList<>();
        List<EligibilityChanged> changes = new ArrayList<>();
        int changed = 0;
        for (Pending p : pending) {
            String ori = p.standing().ori();
            List<RuleResult> after = evaluate(p.standing());
            boolean eligible = allPass(after);
            AgencyEligibility row = p.current();
            List<RuleResult> before = row == null ? List.of() : read(row.rules);
            if (row != null && after.equals(before)) {
                continue;
            }
            changed++;
            Map<String, RuleResult> beforeByRule = before.stream()
                    .collect(Collectors.toMap(RuleResult::rule, Function.identity()));
            boolean outcomeChanged = row == null || row.eligible != eligible;
            for (RuleResult result : after) {
                RuleResult previous = beforeByRule.get(result.rule());
                if (!result.equals(previous)) {
                    history.add(EligibilityHistoryEntry.of(ori, result, now));
                }
                outcomeChanged |= previous == null || previous.outcome() != result.outcome();
            }
            boolean previouslyEligible = row != null && row.eligible;
            boolean first = row == null;
            if (first) {
                row = new AgencyEligibility();
                row.ori = ori;
            }
            row.eligible = eligible;
            row.rules = write(after);
            row.decidedAt = now;
            if (first) {
                em.persist(row);
            }
            if (outcomeChanged) {
                changes.add(new EligibilityChanged(ori, null, eligible, previouslyEligible,
                        after.stream().map(RuleResult::toContract).toList(), now));
            }
        }
        // persisted table by table, so the inserts of each go out in batches
        history.forEach(em::persist);
        changes.forEach(change -> publisher.publish(Topics.GRANTS_ELIGIBILITY, EventTypes.ELIGIBILITY_CHANGED, AGGREGATE,
                change.ori(), change));
        return changed;
    }

    private List<RuleResult> evaluate(AgencyStanding standing) {
        return rules.stream().map(rule -> rule.evaluate(standing)).toList();
    }

    private static boolean allPass(List<RuleResult> results) {
        return results.stream().allMatch(RuleResult::passed);
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

    private record Pending(AgencyStanding standing, AgencyEligibility current) {
    }
}
