package org.safepolicing.platform.events;

import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.safepolicing.platform.audit.AuditTrail;

/**
 * The test application's consumers: batch channels through {@link EventInbox#processBatch} and
 * {@link AgencyRegistryCopy}, single-record channels through {@link EventInbox#process} (the path before batches).
 * The effect writes one {@code applied_event} row; data {@code "poison": true} is refused as poison, and data
 * {@code "flaky": true} fails the first attempt of its event.
 */
@ApplicationScoped
public class InboxTestConsumers {

    static final Set<String> FAILED_ONCE = ConcurrentHashMap.newKeySet();

    private final EventInbox inbox;
    private final AgencyRegistryCopy registry;
    private final EntityManager em;
    private final AuditTrail audit;

    InboxTestConsumers(EventInbox inbox, AgencyRegistryCopy registry, EntityManager em, AuditTrail audit) {
        this.inbox = inbox;
        this.registry = registry;
        this.em = em;
        this.audit = audit;
    }

    @Incoming("batch")
    public CompletionStage<Void> onBatch(KafkaRecordBatch<String, String> batch) {
        return inbox.processBatch("test-batch", batch, e -> effect("test-batch", e));
    }

    @Incoming("single")
    @Blocking
    public void onSingle(ConsumerRecord<String, String> record) {
        inbox.process("test-single", record, e -> effect("test-single", e));
    }

    @Incoming("registry")
    public CompletionStage<Void> onRegistry(KafkaRecordBatch<String, String> batch) {
        return registry.consume("test-registry", batch, snapshots -> snapshots.forEach(s -> {
            em.createNativeQuery("""
                            insert into test_agency (ori, name, active, sequence) values (?1, ?2, ?3, ?4)
                            on conflict (ori) do update set name = excluded.name, active = excluded.active,
                                sequence = excluded.sequence""")
                    .setParameter(1, s.ori()).setParameter(2, s.agency().name()).setParameter(3, s.agency().active())
                    .setParameter(4, s.event().sequence()).executeUpdate();
            // request-scoped beans work in a batch effect: the audit row names the system as actor
            audit.record("agency.copied", "agency", s.ori(), "SUCCESS");
        }));
    }

    @Incoming("bench-batch")
    public CompletionStage<Void> onBenchBatch(KafkaRecordBatch<String, String> batch) {
        return inbox.processBatch("bench-batch", batch, e -> effect("bench-batch", e));
    }

    @Incoming("bench-single")
    @Blocking
    public void onBenchSingle(ConsumerRecord<String, String> record) {
        inbox.process("bench-single", record, e -> effect("bench-single", e));
    }

    private void effect(String consumer, InboundEvent event) {
        if (event.data().path("poison").asBoolean(false)) {
            throw new PoisonEventException("event " + event.id() + " is marked poison");
        }
        if (event.data().path("flaky").asBoolean(false) && FAILED_ONCE.add(event.id())) {
            throw new IllegalStateException("event " + event.id() + " fails its first attempt");
        }
        em.createNativeQuery("insert into applied_event (consumer, event_id, event_key, seq) values (?1, ?2, ?3, ?4)")
                .setParameter(1, consumer).setParameter(2, event.id()).setParameter(3, event.key())
                .setParameter(4, event.data().path("seq").asLong()).executeUpdate();
    }
}
