package org.safepolicing.platform.events;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.platform.tracing.TraceContext;

/**
 * Publishes a domain event by writing it to the outbox inside the caller's transaction: the event exists if and only
 * if the change it reports was committed. The relay sends it to Kafka after the commit. The row keeps the W3C trace
 * context of the span current here (the request's, or the consumer's effect's), which the relay sends on as headers.
 */
@ApplicationScoped
public class EventPublisher {

    private final EntityManager em;
    private final ObjectMapper json;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;
    private final Event<EventsCommitted> committed;

    EventPublisher(EntityManager em, ObjectMapper json, TransactionSynchronizationRegistry transactions, OutboxRelay relay,
                   Event<EventsCommitted> committed) {
        this.em = em;
        this.json = json;
        this.transactions = transactions;
        this.relay = relay;
        this.committed = committed;
    }

    /**
     * @param topic         one of {@link Topics}
     * @param type          one of {@link EventTypes}; its payload class must match {@code data}
     * @param aggregateType what the key identifies, e.g. {@code agency}, {@code credentialing-body}
     * @param key           the Kafka key: the aggregate's key (the ORI for agency facts)
     * @return the event id, which is the CloudEvent id
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(String topic, String type, String aggregateType, String key, Record data) {
        if (Topics.find(topic).isEmpty()) {
            throw new IllegalArgumentException("unknown topic " + topic);
        }
        Class<? extends Record> expected = EventTypes.PAYLOADS.get(type);
        if (expected == null || !expected.isInstance(data)) {
            throw new IllegalArgumentException("event type " + type + " does not carry " + data.getClass().getSimpleName());
        }
        OutboxEvent event = new OutboxEvent();
        event.id = EventIds.next();
        event.topic = topic;
        event.eventType = type;
        event.aggregateType = aggregateType;
        event.aggregateKey = key;
        event.occurredAt = Instant.now();
        TraceContext trace = TraceContext.current();
        if (trace != null) {
            event.traceparent = trace.traceparent();
            event.tracestate = trace.tracestate();
        }
        try {
            event.payload = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event payload cannot be written as JSON: " + type, e);
        }
        em.persist(event);
        @SuppressWarnings("unchecked")
        Set<String> topics = (Set<String>) transactions.getResource(PUBLISHED_TOPICS);
        if (topics == null) {
            topics = new HashSet<>();
            transactions.putResource(PUBLISHED_TOPICS, topics);
            transactions.registerInterposedSynchronization(new AfterCommit(relay, committed, topics));
        }
        topics.add(topic);
        return event.id;
    }

    private static final Object PUBLISHED_TOPICS = new Object();

    /**
     * Once per transaction that published: wakes the relay as soon as it commits, so an event leaves within
     * milliseconds, and tells the service's beans which topics changed ({@link EventsCommitted}).
     */
    private record AfterCommit(OutboxRelay relay, Event<EventsCommitted> committed, Set<String> topics)
            implements Synchronization {
        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                relay.wake();
                committed.fire(new EventsCommitted(Set.copyOf(topics)));
            }
        }
    }
}
