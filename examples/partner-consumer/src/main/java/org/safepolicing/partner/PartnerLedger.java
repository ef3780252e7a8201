package org.safepolicing.partner;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a partner must remember to act on each change once and in order, whatever Kafka redelivers:
 * <ul>
 * <li>the ids of events already acted on ({@code ce_id}): a redelivery after a crash or a producer retry has the same
 * id, and is dropped;</li>
 * <li>per topic and key, the highest {@code ce_sequence} acted on: an event with a lower or equal sequence is older than
 * what the partner already holds (possible when a partner re-reads from an earlier offset, or merges replicas), and is
 * dropped.</li>
 * </ul>
 * A real partner keeps both in its own database, in the same transaction as its effect; this example keeps them in
 * memory (the seen ids bounded to the most recent {@code maxRemembered}).
 */
public final class PartnerLedger {

    /** What to do with an event. */
    public enum Verdict {
        /** New and in order: act on it. */
        ACT,
        /** Its id was acted on before. */
        DUPLICATE,
        /** An event with the same key and a higher or equal sequence was acted on before. */
        STALE
    }

    private final Map<String, Long> lastSequence = new HashMap<>();
    private final Map<String, Boolean> seen;

    public PartnerLedger(int maxRemembered) {
        this.seen = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > maxRemembered;
            }
        };
    }

    /** Decides and, for {@link Verdict#ACT}, records the event as acted on. */
    public Verdict accept(PublicEvent event) {
        if (seen.containsKey(event.id())) {
            return Verdict.DUPLICATE;
        }
        String slot = event.topic() + "|" + event.key();
        Long last = lastSequence.get(slot);
        if (last != null && event.sequence() <= last) {
            seen.put(event.id(), Boolean.TRUE);
            return Verdict.STALE;
        }
        lastSequence.put(slot, event.sequence());
        seen.put(event.id(), Boolean.TRUE);
        return Verdict.ACT;
    }
}
