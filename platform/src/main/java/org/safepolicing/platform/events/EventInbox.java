package org.safepolicing.platform.events;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.safepolicing.platform.tracing.EventSpans;
import org.safepolicing.platform.tracing.TraceContext;

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
 * {@link #processBatch} does the same for a whole poll ({@code batch=true} channel): per partition one transaction,
 * partitions in parallel, poison isolated and dead-lettered by the channel's own failure strategy, offsets committed
 * after the transactions.
 * <p>Tracing: each event's effect runs in a span whose parent is the context its record carries ({@code traceparent}),
 * so events the effect publishes continue that trace; a batch's partition runs in a span whose parent is its first
 * traced record's context, linked to every record's (see {@link EventSpans#batch}).
 */
@ApplicationScoped
public class EventInbox {

    private static final Logger LOG = Logger.getLogger(EventInbox.class);
    /**
     * Records events as processed by a consumer and returns the ids that are new: not in {@code processed_event}, and not
     * at or below their partition's floor ({@code inbox_floor}, raised by {@link InboxRetention} when it forgets old
     * rows) with a {@code ce_time} at or before the floor's. One statement for a whole batch.
     */
    private static final String RECORD_SQL = """
            insert into processed_event (consumer, event_id, event_type, topic, kafka_partition, kafka_offset, event_time)
            select ?, e.id, e.type, e.topic, e.part, e.off, e.time::timestamptz
              from unnest(?::text[], ?::text[], ?::text[], ?::int[], ?::bigint[], ?::text[])
                   as e(id, type, topic, part, off, time)
             where not exists (select 1 from inbox_floor f
                                where f.consumer = ? and f.topic = e.topic and f.kafka_partition = e.part
                                  and e.off <= f.floor_offset and e.time::timestamptz <= f.floor_time)
            on conflict do nothing
            returning event_id""";

    private final EntityManager em;
    private final ObjectMapper events;
    private final InboxConfig config;
    private final MeterRegistry meters;
    private final ExecutorService partitions;
    private final EventSpans spans;

    EventInbox(EntityManager em, ObjectMapper json, InboxConfig config, MeterRegistry meters, EventSpans spans) {
        this.em = em;
        this.spans = spans;
        // Schemas only grow: a consumer must accept fields it does not know yet.
        this.events = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL, true);
        this.config = config;
        this.meters = meters;
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(config.parallelism(), config.parallelism(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> Thread.ofPlatform().daemon().name("inbox-batch-" + threads.incrementAndGet())
                        .unstarted(r));
        pool.allowCoreThreadTimeOut(true);
        this.partitions = pool;
    }

    @PreDestroy
    void stop() {
        partitions.shutdownNow();
    }

    /**
     * Processes one record for {@code consumer} (a stable name, e.g. {@code grants-eligibility}).
     *
     * @return true when the effect ran, false when the event had been processed before
     */
    public boolean process(String consumer, ConsumerRecord<String, String> record, Consumer<InboundEvent> effect) {
        return process(consumer, read(record), effect);
    }

    private boolean process(String consumer, InboundEvent event, Consumer<InboundEvent> effect) {
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
                backoff = next(backoff);
            }
        }
    }

    /**
     * Processes one poll of a {@code batch=true} channel for {@code consumer}. Return its result from the
     * {@code @Incoming} method (no {@code @Blocking}: the work runs on the inbox's own bounded pool):
     * <pre>
     * &#64;Incoming("agency-registry")
     * public CompletionStage&lt;Void&gt; on(KafkaRecordBatch&lt;String, String&gt; batch) {
     *     return inbox.processBatch("grants-projection", batch, projector::apply);
     * }
     * </pre>
     * Per partition, in parallel across partitions (at most {@code platform.inbox.parallelism} at a time): one
     * transaction records every event id in {@code processed_event} (one statement; ids already there are duplicates)
     * and runs the effect of each new event in offset order, so per-key order holds and each event id has one effect.
     * A record that is not a CloudEvent is dead-lettered at once; a {@link PoisonEventException} from the effect rolls
     * the partition's batch back and re-runs it record by record, so only the poison record is dead-lettered (through
     * the channel's failure strategy: the same {@code dead-letter-*} headers as {@link #process}); a passing failure is
     * retried with backoff, then record by record. The poll's offsets are acknowledged (committed by the connector)
     * only when every partition's transaction has committed.
     * <p>{@code effect} is a {@link BatchEffect}: a method reference {@code projector::apply} will do, or an
     * implementation with {@code beforeBatch} / {@code afterBatch} hooks.
     */
    public CompletionStage<Void> processBatch(String consumer, KafkaRecordBatch<String, String> batch, BatchEffect effect) {
        // a poll holds each partition's records in offset order
        Map<String, List<KafkaRecord<String, String>>> byPartition = new LinkedHashMap<>();
        for (KafkaRecord<String, String> r : batch.getRecords()) {
            byPartition.computeIfAbsent(r.getTopic() + "/" + r.getPartition(), k -> new ArrayList<>()).add(r);
        }
        List<CompletableFuture<Void>> running = new ArrayList<>(byPartition.size());
        for (List<KafkaRecord<String, String>> records : byPartition.values()) {
            running.add(CompletableFuture.runAsync(() -> inRequestContext(() -> processPartition(consumer, records, effect)),
                    partitions));
        }
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
                .thenCompose(done -> batch.ack())
                .whenComplete((done, failure) -> {
                    if (failure != null) {
                        LOG.errorf(failure, "a batch of %d record(s) for %s could not be completed", batch.getRecords().size(),
                                consumer);
                    }
                });
    }

    /**
     * As for a single-record {@code @Incoming} method, the effects see an active request context (request-scoped beans
     * such as the audit trail's caller work; outside HTTP the actor is {@code system}).
     */
    private static void inRequestContext(Runnable work) {
        ManagedContext request = Arc.container().requestContext();
        if (request.isActive()) {
            work.run();
            return;
        }
        request.activate();
        try {
            work.run();
        } finally {
            request.terminate();
        }
    }

    /** One partition's records of a poll, in offset order, in the batch's span. */
    private void processPartition(String consumer, List<KafkaRecord<String, String>> records, BatchEffect effect) {
        KafkaRecord<String, String> first = records.get(0);
        Span span = spans.batch(consumer, first.getTopic(), first.getPartition(),
                records.stream().map(r -> TraceContext.from(name -> header(consumerRecord(r), name))).toList());
        try (Scope current = span.makeCurrent()) {
            processPartitionInSpan(consumer, records, effect);
        } catch (RuntimeException e) {
            EventSpans.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    private void processPartitionInSpan(String consumer, List<KafkaRecord<String, String>> records, BatchEffect effect) {
        List<Parked> parked = new ArrayList<>();
        List<Item> items = new ArrayList<>(records.size());
        for (KafkaRecord<String, String> r : records) {
            try {
                items.add(new Item(r, read(consumerRecord(r))));
            } catch (PoisonEventException e) {
                count(consumer, "poison", 1);
                parked.add(new Parked(r, e));
            }
        }
        boolean oneByOne = false;
        Duration backoff = config.initialBackoff();
        for (int attempt = 1; !items.isEmpty(); attempt++) {
            try {
                int applied = QuarkusTransaction.requiringNew().call(() -> applyBatch(consumer, items, effect));
                count(consumer, "applied", applied);
                count(consumer, "duplicate", items.size() - applied);
                break;
            } catch (PoisonEventException e) {
                LOG.infof("a batch of %d event(s) for %s holds poison (%s); processing it record by record", items.size(),
                        consumer, e.getMessage());
                oneByOne = true;
                break;
            } catch (RuntimeException e) {
                if (attempt >= config.maxAttempts()) {
                    LOG.warnf("a batch of %d event(s) for %s failed %d times (%s); processing it record by record",
                            items.size(), consumer, attempt, OutboxRelay.rootMessage(e));
                    oneByOne = true;
                    break;
                }
                LOG.warnf("a batch of %d event(s) for %s failed on attempt %d, retrying in %s: %s", items.size(), consumer,
                        attempt, backoff, OutboxRelay.rootMessage(e));
                sleep(backoff);
                backoff = next(backoff);
            }
        }
        if (oneByOne) {
            for (Item item : items) {
                try {
                    processEvent(consumer, item.event(), effect);
                } catch (RuntimeException e) {
                    parked.add(new Parked(item.record(), e));
                }
            }
        }
        for (Parked p : parked) {
            // the channel's failure strategy (dead-letter-queue): the same headers as a record that failed on its own
            p.record().nack(p.reason()).toCompletableFuture().join();
        }
    }

    /** The single-record path of a batch: its own transaction, retried like {@link #process}. */
    private void processEvent(String consumer, InboundEvent event, BatchEffect effect) {
        process(consumer, event, e -> {
            List<InboundEvent> one = List.of(e);
            effect.beforeBatch(one);
            effect.apply(e);
            effect.afterBatch(one);
        });
    }

    /** In the caller's transaction: records the batch's ids and applies the new events. Returns how many were new. */
    private int applyBatch(String consumer, List<Item> items, BatchEffect effect) {
        Set<String> fresh = record(consumer, items.stream().map(Item::event).toList());
        List<InboundEvent> events = new ArrayList<>(fresh.size());
        for (Item item : items) {
            // an id seen twice in one poll is applied at its first offset only
            if (fresh.remove(item.event().id())) {
                events.add(item.event());
            }
        }
        if (events.isEmpty()) {
            return 0;
        }
        effect.beforeBatch(events);
        for (InboundEvent event : events) {
            inSpan(consumer, event, () -> effect.apply(event));
        }
        effect.afterBatch(events);
        return events.size();
    }

    private void count(String consumer, String result, int n) {
        if (n > 0) {
            meters.counter("inbox.events", "consumer", consumer, "result", result).increment(n);
        }
    }

    private Duration next(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : doubled;
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecord<String, String> consumerRecord(KafkaRecord<String, String> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> (ConsumerRecord<String, String>) m.getRecord())
                .orElseThrow(() -> new IllegalStateException("a batch record without Kafka metadata"));
    }

    private record Item(KafkaRecord<String, String> record, InboundEvent event) {
    }

    private record Parked(KafkaRecord<String, String> record, RuntimeException reason) {
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
        if (record(consumer, List.of(event)).isEmpty()) {
            LOG.debugf("event %s already processed by %s, skipped", event.id(), consumer);
            return false;
        }
        inSpan(consumer, event, () -> effect.accept(event));
        return true;
    }

    /** In the caller's transaction: {@link #RECORD_SQL} for {@code events}; returns the ids that were new. */
    private Set<String> record(String consumer, List<InboundEvent> events) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement insert = c.prepareStatement(RECORD_SQL)) {
                int n = events.size();
                Object[] ids = new Object[n], types = new Object[n], topics = new Object[n], parts = new Object[n],
                        offsets = new Object[n], times = new Object[n];
                for (int i = 0; i < n; i++) {
                    InboundEvent e = events.get(i);
                    ids[i] = e.id();
                    types[i] = e.type();
                    topics[i] = e.topic();
                    parts[i] = e.partition();
                    offsets[i] = e.offset();
                    times[i] = e.time() == null ? null : e.time().toString();
                }
                insert.setString(1, consumer);
                Array[] arrays = {c.createArrayOf("text", ids), c.createArrayOf("text", types), c.createArrayOf("text", topics),
                        c.createArrayOf("int4", parts), c.createArrayOf("int8", offsets), c.createArrayOf("text", times)};
                for (int i = 0; i < arrays.length; i++) {
                    insert.setArray(i + 2, arrays[i]);
                }
                insert.setString(arrays.length + 2, consumer);
                Set<String> inserted = new HashSet<>();
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        inserted.add(rs.getString(1));
                    }
                }
                return inserted;
            }
        });
    }

    /** Runs an event's effect in its span: a child of the context the event was sent with. */
    private void inSpan(String consumer, InboundEvent event, Runnable work) {
        Span span = spans.applying(consumer, event.topic(), event.id(), event.type(), event.trace());
        try (Scope current = span.makeCurrent()) {
            work.run();
        } catch (RuntimeException e) {
            EventSpans.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
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
                record.topic(), record.partition(), record.offset(), data, TraceContext.from(name -> header(record, name)));
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
