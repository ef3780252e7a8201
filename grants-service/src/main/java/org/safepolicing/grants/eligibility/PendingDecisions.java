package org.safepolicing.grants.eligibility;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.transaction.TransactionScoped;

/**
 * The agencies whose decision waits for the end of a batch of events, in one transaction. A batch of the projection's
 * consumers ({@link EligibilityService#deferDecisions}) projects its events in offset order and decides each agency
 * once, in one bulk decision, instead of once per event: an import of thousands of agencies is decided a poll at a
 * time. The answer is the same as deciding after each event, because an agency's answer rests on its own facts and
 * the bodies' standings: before a second event of an agency already waiting, or a body's change, is projected
 * ({@link EligibilityService#beforeChange}), and before a program's new terms are applied, the waiting agencies are
 * decided first, so no change of an answer within a batch is folded away.
 */
@TransactionScoped
public class PendingDecisions {

    private boolean deferring;
    /** ORI → the time of the event that caused the decision (the effective time of results no event decided). */
    private final Map<String, Instant> agencies = new LinkedHashMap<>();

    void start() {
        deferring = true;
    }

    boolean deferring() {
        return deferring;
    }

    boolean waiting(String ori) {
        return agencies.containsKey(ori);
    }

    void add(String ori, Instant effectiveAt) {
        agencies.put(ori, effectiveAt);
    }

    /** The waiting agencies, and none waits any more. */
    Map<String, Instant> take() {
        Map<String, Instant> taken = new LinkedHashMap<>(agencies);
        agencies.clear();
        return taken;
    }
}
