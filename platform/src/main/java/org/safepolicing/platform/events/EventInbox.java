package org.safepolicing.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

/**
 * The one way a service consumes events. For each Kafka record it
 * <ol>
 * <li>reads the CloudEvent (binary mode); a record that is not one is poison;</li>
 * <li>in one transaction, records the event id for this consumer and applies the effect, so the effect happens once
 * however often the event is delivered;</li>
 * <li>retries with backoff when the effect fails for a passing reason, and gives up after
 * {@code platform.inbox.max-attempts};</li>
 * <li>lets a {@link PoisonEventException} or the last failure escape, so the channel's dead-letter strategy parks the
 * record with the reason and the partition moves on.</li>
 * </ol>
 */
@ApplicationScoped
public class EventInbox {

    private static final Logger LOG = Logger.getLogger(EventInbox.class);
    private static final String RECORD_SQL = """
            insert into processed_event (consumer, event_id, event_type, topic, kafka_partition, kafka_offset)
            values (?1, ?2, ?3, ?4, ?5, ?6) on conflict do nothing""";

    private final EntityManager em;
    private final ObjectMapper events;
    private final InboxConfig config;
    private final MeterRegistry meters;

    EventInbox(EntityManager em, ObjectMapper json, InboxConfig config, MeterRegistry meters) {
        this.em = em;
        // Schemas only grow: a consumer must accept fields it does not know yet.
        this.events = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL, true);
        this.config = config;
        this.meters = meters;
    }

    /**
     * Processes one record for {@code consumer} (a stable name, e.g. {@code grants-eligibility}).
     *
     * @return true when the effect ran, false when the event had been processed before
     */
    public boolean process(String consumer, ConsumerRecord<String, String> record, Consumer<InboundEvent> effect) {
        InboundEvent event = read(record);
        Duration backoff = config.initialBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                boolean applied = QuarkusTransaction.requiringNew().call(() -> applyOnce(consumer, event, effect));
                meters.counter("inbox.events", "consumer", consumer, "result", applied ? "applied" : "duplicate").increment();
                return applied;
            } catch (PoisonEventException e) {
                meters.counter("inbox.events", "consumer", consumer, "result", "poison").increment();
                throw e;
            } catch (RuntimeException e) {
                if (attempt >= config.maxAttempts()) {
                    meters.counter("inbox.events", "consumer", consumer, "result", "failed").increment();
                    throw new IllegalStateException("event " + event.id() + " failed " + attempt + " times: "
                            + OutboxRelay.rootMessage(e), e);
                }
                LOG.warnf("event %s (%s) failed on attempt %d, retrying in %s: %s", event.id(), event.type(), attempt,
                        backoff, OutboxRelay.rootMessage(e));
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : backoff.multipliedBy(2);
            }
        }
    }

    /** Turns the event's data into the contract's payload class; data that does not fit is poison. */
    public <T> T data(InboundEvent event, Class<T> type) {
        try {
            T value = events.treeToValue(event.data(), type);
            if (value == null) {
                throw new PoisonEventException("event " + event.id() + " has no data");
            }
            return value;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PoisonEventException("event " + event.id() + " of type " + event.type()
                    + " does not match " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private boolean applyOnce(String consumer, InboundEvent event, Consumer<InboundEvent> effect) {
        int inserted = em.createNativeQuery(RECORD_SQL)
                .setParameter(1, consumer)
                .setParameter(2, event.id())
                .setParameter(3, event.type())
                .setParameter(4, event.topic())
                .setParameter(5, event.partition())
                .setParameter(6, event.offset())
                .executeUpdate();
        if (inserted == 0) {
            LOG.debugf("event %s already processed by %s, skipped", event.id(), consumer);
            return false;
        }
        effect.accept(event);
        return true;
    }

    static final int MAX_ATTRIBUTE = 200;

    private static boolean storable(String value) {
        return value.length() <= MAX_ATTRIBUTE && value.chars().noneMatch(Character::isISOControl);
    }

    InboundEvent read(ConsumerRecord<String, String> record) {
        String where = record.topic() + "/" + record.partition() + "@" + record.offset();
        String spec = header(record, CloudEventHeaders.SPEC_VERSION);
        String id = header(record, CloudEventHeaders.ID);
        String type = header(record, CloudEventHeaders.TYPE);
        String source = header(record, CloudEventHeaders.SOURCE);
        if (!CloudEventHeaders.SPEC_VERSION_VALUE.equals(spec) || blank(id) || blank(type) || blank(source)) {
            throw new PoisonEventException("record " + where + " is not a CloudEvent 1.0 in binary mode"
                    + " (ce_specversion, ce_id, ce_type and ce_source are required)");
        }
        if (!storable(id) || !storable(type) || !storable(source)) {
            // the inbox stores id and type: a value the database cannot hold is poison now, not after every retry
            throw new PoisonEventException("record " + where + " has a ce_id, ce_type or ce_source longer than "
                    + MAX_ATTRIBUTE + " characters or with control characters");
        }
        Instant time;
        try {
            String t = header(record, CloudEventHeaders.TIME);
            time = t == null ? null : Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new PoisonEventException("record " + where + " has a ce_time that is not an RFC 3339 time");
        }
        Long sequence;
        try {
            String s = header(record, CloudEventHeaders.SEQUENCE);
            sequence = s == null ? null : Long.valueOf(s);
        } catch (NumberFormatException e) {
            throw new PoisonEventException("record " + where + " has a ce_sequence that is not a number");
        }
        if (record.value() == null) {
            throw new PoisonEventException("record " + where + " (event " + id + ") has no data");
        }
        JsonNode data;
        try {
            data = events.readTree(record.value());
        } catch (JsonProcessingException e) {
            throw new PoisonEventException("record " + where + " (event " + id + ") data is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (data == null || !data.isObject()) {
            throw new PoisonEventException("record " + where + " (event " + id + ") data is not a JSON object");
        }
        return new InboundEvent(id, type, source, header(record, CloudEventHeaders.SUBJECT), time, sequence, record.key(),
                record.topic(), record.partition(), record.offset(), data);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying an event", e);
        }
    }
}
