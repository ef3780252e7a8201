package org.safepolicing.grants.award;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.safepolicing.grants.eligibility.ProgramAnswersChanged;
import org.safepolicing.grants.eligibility.RuleResult;
import org.safepolicing.platform.audit.AuditTrail;

/**
 * Flags an award while its agency is not eligible for the award's program, with the failing rules and their reasons,
 * and clears the flag when it is eligible again; both audited. Runs in the transaction that changed the answers.
 */
@ApplicationScoped
public class AwardReview {

    private final EntityManager em;
    private final AuditTrail audit;

    AwardReview(EntityManager em, AuditTrail audit) {
        this.em = em;
        this.audit = audit;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void onProgramAnswersChanged(@Observes ProgramAnswersChanged changed) {
        Map<String, List<GrantAward>> awards = em.createQuery("from GrantAward where ori in :oris", GrantAward.class)
                .setParameter("oris", changed.answers().stream().map(ProgramAnswersChanged.Answer::ori).distinct().toList())
                .getResultStream()
                .collect(Collectors.groupingBy(a -> a.ori + "/" + a.grantProgramId));
        for (ProgramAnswersChanged.Answer answer : changed.answers()) {
            review(awards.getOrDefault(answer.ori() + "/" + answer.grantProgramId(), List.of()), answer.eligible(),
                    answer.rules(), changed.decidedAt());
        }
    }

    private void review(List<GrantAward> awards, boolean eligible, List<RuleResult> rules, Instant now) {
        for (GrantAward award : awards) {
            if (!eligible) {
                String reason = rules.stream().filter(r -> !r.passed()).map(r -> r.rule() + ": " + r.reason())
                        .collect(Collectors.joining("; "));
                if (!award.flagged || !reason.equals(award.flagReason)) {
                    if (!award.flagged) {
                        award.flaggedAt = now;
                    }
                    award.flagged = true;
                    award.flagReason = reason;
                    audit.record("grant-award.flagged", "grant-award", award.id.toString(), AuditTrail.SUCCESS);
                }
            } else if (award.flagged) {
                award.flagged = false;
                award.flagReason = null;
                award.flagClearedAt = now;
                audit.record("grant-award.unflagged", "grant-award", award.id.toString(), AuditTrail.SUCCESS);
            }
        }
    }
}
