package org.safepolicing.platform.events;

import java.util.List;

/**
 * What a consumer does with one partition's share of a poll, inside the one transaction of {@link EventInbox#processBatch}.
 * The inbox calls {@link #beforeBatch} once, then {@link #apply} for each event not processed before, in offset
 * order, then {@link #afterBatch} once. All three see the same list: the new events of this partition, in offset order
 * (duplicates already left out).
 * <p>
 * A {@link PoisonEventException} from any of them rolls the batch back; the inbox then re-runs the partition's records
 * one transaction each, so only the poison record is dead-lettered. Any other exception is a passing failure: the batch
 * is retried with backoff.
 */
public interface BatchEffect {

    /**
     * Before the first effect, e.g. take the row or advisory locks of every key of the batch in one fixed (sorted) order,
     * so two batches that share keys cannot deadlock.
     */
    default void beforeBatch(List<InboundEvent> events) {
    }

    /** The effect of one event; runs once per event id for this consumer. */
    void apply(InboundEvent event);

    /** After the last effect, e.g. re-decide each key the batch touched once instead of once per event. */
    default void afterBatch(List<InboundEvent> events) {
    }

    /** A batch effect that only applies each event. */
    static BatchEffect each(java.util.function.Consumer<InboundEvent> effect) {
        return effect::accept;
    }
}
