package org.safepolicing.platform.events;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Ori;
import org.safepolicing.contracts.events.AgencySnapshot;

/**
 * A service's local copy of {@code agency-registry.v1}, the one way to keep it: on top of
 * {@link EventInbox#processBatch}, so each poll is one transaction per partition and each event applies once.
 * <ul>
 * <li>Each {@code agency.registered/updated/deactivated} event's data is checked once against the contract
 * ({@code agency-snapshot.v1.json}, {@link AgencySnapshot}): a valid ORI equal to the Kafka key, a name, a type, a state
 * code, {@code active} true or false, counts not negative, a {@code ce_sequence}; text the database cannot hold (a NUL,
 * a name over 500 characters) is refused too. A snapshot that breaks it is poison: dead-lettered, the rest goes on.
 * Other event types are recorded and skipped.</li>
 * <li>Snapshots are ordered per ORI by {@code ce_sequence} (the producer's outbox sequence): of several in one poll
 * only the newest is applied; one not newer than the last applied (kept per consumer and ORI in
 * {@code snapshot_sequence}) is skipped. Both count as {@code inbox_snapshots_total{result=stale}}.</li>
 * <li>The service's {@link Upsert} gets all newest snapshots of the partition's batch at once, in offset order, inside
 * the transaction, so it can write them with a few set-based statements (an import of 20,000 agencies is 20,000 events;
 * a statement or two per agency was most of a copy's cost).</li>
 * </ul>
 * <pre>
 * &#64;Incoming("agency-registry")   // mp.messaging.incoming.agency-registry.batch=true
 * public CompletionStage&lt;Void&gt; on(KafkaRecordBatch&lt;String, String&gt; batch) {
 *     return registry.consume("records-agency-registry", batch, snapshots -&gt; agencies.upsertAll(snapshots));
 * }
 * </pre>
 */
@ApplicationScoped
public class AgencyRegistryCopy {

    /** The agency's name is stored by every copy; longer is refused (a stated storage policy, not the contract's). */
    public static final int MAX_NAME = 500;
    private static final Logger LOG = Logger.getLogger(AgencyRegistryCopy.class);
    private static final Set<String> SNAPSHOT_TYPES = Set.of(EventTypes.AGENCY_REGISTERED, EventTypes.AGENCY_UPDATED,
            EventTypes.AGENCY_DEACTIVATED);
    private static final String STORED_SQL = """
            select snapshot_key, sequence from snapshot_sequence
             where consumer = ? and snapshot_key = any(?) for update""";
    private static final String ADVANCE_SQL = """
            insert into snapshot_sequence (consumer, snapshot_key, sequence, event_id)
            select ?, k.key, k.seq, k.id from unnest(?::text[], ?::bigint[], ?::text[]) as k(key, seq, id)
            on conflict (consumer, snapshot_key) do update
               set sequence = excluded.sequence, event_id = excluded.event_id, applied_at = now()
             where snapshot_sequence.sequence < excluded.sequence""";

    /** What the service does with the newest snapshots of a batch, in the batch's transaction. */
    @FunctionalInterface
    public interface Upsert {
        /**
         * @param snapshots one per agency, each newer than the copy's, in offset order; never empty
         */
        void upsert(List<Snapshot> snapshots);
    }

    /**
     * The newest snapshot of an agency in a batch.
     *
     * @param agency the snapshot, checked against the contract
     * @param event  its CloudEvent (id, time, {@code ce_sequence}, raw data, e.g. a type this build does not know yet as
     *               text: {@code event.data().get("type").asText()})
     */
    public record Snapshot(AgencySnapshot agency, InboundEvent event) {
        public String ori() {
            return agency.ori();
        }

        long sequence() {
            return event.sequence();
        }
    }

    private final EventInbox inbox;
    private final EntityManager em;
    private final MeterRegistry meters;

    AgencyRegistryCopy(EventInbox inbox, EntityManager em, MeterRegistry meters) {
        this.inbox = inbox;
        this.em = em;
        this.meters = meters;
    }

    /** Applies one poll of a {@code batch=true} channel on {@code agency-registry.v1}; return it from the method. */
    public CompletionStage<Void> consume(String consumer, KafkaRecordBatch<String, String> batch, Upsert upsert) {
        return inbox.processBatch(consumer, batch, effect(consumer, upsert));
    }

    /**
     * The same as a {@link BatchEffect}, for a channel that also carries other events or a single-record channel
     * ({@code inbox.process(consumer, record, e -> copy.apply(e))} is not offered: ordering needs the batch).
     */
    public BatchEffect effect(String consumer, Upsert upsert) {
        return new BatchEffect() {
            @Override
            public void apply(InboundEvent event) {
                // everything happens per batch, in afterBatch: only the newest snapshot per ORI is applied
            }

            @Override
            public void afterBatch(List<InboundEvent> events) {
                copy(consumer, events, upsert);
            }
        };
    }

    private void copy(String consumer, List<InboundEvent> events, Upsert upsert) {
        Map<String, Snapshot> newest = new LinkedHashMap<>();
        int stale = 0;
        for (InboundEvent event : events) {
            if (!SNAPSHOT_TYPES.contains(event.type())) {
                LOG.debugf("event %s of type %s is not an agency snapshot; recorded and skipped", event.id(), event.type());
                continue;
            }
            Snapshot s = new Snapshot(check(event), event);
            Snapshot before = newest.get(s.ori());
            if (before == null || s.sequence() > before.sequence()) {
                newest.put(s.ori(), s);
            }
            if (before != null) {
                stale++;
            }
        }
        if (newest.isEmpty()) {
            count(consumer, "stale", stale);
            return;
        }
        Map<String, Long> stored = stored(consumer, newest.keySet());
        List<Snapshot> apply = new ArrayList<>(newest.size());
        for (Snapshot s : newest.values()) {
            Long last = stored.get(s.ori());
            if (last != null && s.sequence() <= last) {
                LOG.debugf("snapshot %s (sequence %d) of %s is not newer than %d; skipped", s.event().id(), s.sequence(),
                        s.ori(), last);
                stale++;
            } else {
                apply.add(s);
            }
        }
        apply.sort(Comparator.comparingLong(s -> s.event().offset()));
        if (!apply.isEmpty()) {
            upsert.upsert(List.copyOf(apply));
        }
        advance(consumer, apply);
        count(consumer, "applied", apply.size());
        count(consumer, "stale", stale);
    }

    /** The contract, checked once for every copy. */
    AgencySnapshot check(InboundEvent event) {
        AgencySnapshot a = inbox.data(event, AgencySnapshot.class);
        JsonNode data = event.data();
        if (!Ori.isValid(a.ori())) {
            throw poison(event, "carries an invalid ORI");
        }
        if (!a.ori().equals(event.key())) {
            throw poison(event, "is keyed '" + event.key() + "' but concerns " + a.ori());
        }
        if (event.sequence() == null) {
            throw poison(event, "has no ce_sequence, so it cannot be ordered against the agency's other snapshots");
        }
        if (a.name() == null || a.name().isBlank()) {
            throw poison(event, "has no agency name");
        }
        if (a.name().length() > MAX_NAME || hasNul(a.name()) || hasNul(a.county()) || hasNul(a.urbanRural())) {
            throw poison(event, "has a name longer than " + MAX_NAME + " characters or text holding a NUL");
        }
        JsonNode type = data.get("type");
        if (type == null || !type.isTextual() || type.asText().isBlank() || type.asText().length() > 100
                || hasNul(type.asText())) {
            throw poison(event, "has no agency type");
        }
        if (a.state() == null || !Ori.STATE_CODES.contains(a.state())) {
            throw poison(event, "has no state, or one that is not a state code");
        }
        JsonNode active = data.get("active");
        if (active == null || !active.isBoolean()) {
            throw poison(event, "has no active (true or false)");
        }
        if ((a.swornOfficers() != null && a.swornOfficers() < 0) || (a.populationServed() != null && a.populationServed() < 0)
                || a.version() < 0) {
            throw poison(event, "has a negative count or version");
        }
        return a;
    }

    private Map<String, Long> stored(String consumer, Set<String> oris) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            Map<String, Long> found = new HashMap<>();
            try (PreparedStatement select = c.prepareStatement(STORED_SQL)) {
                select.setString(1, consumer);
                select.setArray(2, c.createArrayOf("text", oris.toArray()));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return found;
        });
    }

    private void advance(String consumer, List<Snapshot> applied) {
        if (applied.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement upsert = c.prepareStatement(ADVANCE_SQL)) {
                upsert.setString(1, consumer);
                upsert.setArray(2, c.createArrayOf("text", applied.stream().map(Snapshot::ori).toArray()));
                upsert.setArray(3, c.createArrayOf("int8", applied.stream().map(Snapshot::sequence).toArray()));
                upsert.setArray(4, c.createArrayOf("text", applied.stream().map(s -> s.event().id()).toArray()));
                upsert.executeUpdate();
            }
        });
    }

    private void count(String consumer, String result, int n) {
        if (n > 0) {
            meters.counter("inbox.snapshots", "consumer", consumer, "result", result).increment(n);
        }
    }

    private static boolean hasNul(String s) {
        return s != null && s.indexOf('\u0000') >= 0;
    }

    private static PoisonEventException poison(InboundEvent event, String what) {
        return new PoisonEventException("event " + event.id() + " of type " + event.type() + " " + what);
    }

}
