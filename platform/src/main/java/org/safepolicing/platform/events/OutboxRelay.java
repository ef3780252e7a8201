package org.safepolicing.platform.events;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.safepolicing.platform.tracing.EventSpans;
import org.safepolicing.platform.tracing.TraceContext;

/**
 * Sends outbox rows to Kafka as CloudEvents, oldest first, and marks them published.
 * <ul>
 * <li>One relay at a time across replicas: each batch runs under a PostgreSQL transaction-level advisory lock.</li>
 * <li>Each batch is one Kafka transaction (idempotent, acks=all): consumers reading committed records see all of it or
 * none of it. A batch that fails half-way is aborted and re-sent whole, so a later event of a key can never become
 * visible before an earlier one that failed; rows of one key go out in outbox order and stay in order per key. The
 * transactional id also fences a stale relay of an earlier process.</li>
 * <li>While Kafka is down, rows stay PENDING with their attempt count and last error, and the relay backs off
 * exponentially; after a restart it simply continues with the PENDING rows.</li>
 * <li>A row Kafka refuses for good (larger than {@code platform.outbox.max-record-bytes} or than the broker takes, a
 * topic name Kafka cannot have) is PARKED with its reason instead of stopping the rows behind it (a refusal by the
 * broker names no record, so that batch's rows are then sent one per transaction to find it): it is counted in
 * {@code outbox_events_parked}, logged as an error and shown in readiness ({@code outboxParked}); the rest of the batch
 * is sent again at once. Its consumers never see it, so parking trades that one event for the flow of all others; an
 * operator mends the row and sets it PENDING again.</li>
 * <li>A row written in a trace is sent in a span of its own ({@code publish <topic>}, a child of the row's context),
 * and the record carries that span's context as the W3C {@code traceparent} (and {@code tracestate}) header; a row
 * without one is sent without them.</li>
 * <li>It is woken right after a commit that wrote an event, and otherwise polls every {@code poll-interval}. The first
 * commit after a quiet spell is sent at once; when commits came while the last batch was being sent (a burst), it
 * lingers {@code linger}, a few ms, so the burst forms one batch. A batch takes every pending row up to {@code batch-size}
 * (5,000); while a batch was full the relay loops at once.</li>
 * </ul>
 * Delivery is at least once: a crash between the Kafka commit and the database commit re-sends a row with the
 * same {@code ce_id}, which consumers drop as a duplicate. Consumers must read with {@code isolation.level=read_committed}.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Key of the advisory lock that makes one replica the relay for one batch. */
    private static final String LOCK_SQL = "select pg_try_advisory_xact_lock(hashtext('safe-policing.outbox-relay'))";
    private static final String PENDING_SQL = """
            select id, seq, topic, event_type, aggregate_key, payload::text, occurred_at, traceparent, tracestate
              from outbox_event where status = 'PENDING' order by seq limit ? for update""";
    private static final String PUBLISHED_SQL =
            "update outbox_event set status = 'PUBLISHED', published_at = now(), attempts = attempts + 1, last_attempt_at = now() where id = any(?)";
    private static final String PARKED_SQL =
            "update outbox_event set status = 'PARKED', attempts = attempts + 1, last_error = ?, last_attempt_at = now() where id = ?";
    private static final String FAILED_SQL =
            "update outbox_event set attempts = attempts + 1, last_error = ?, last_attempt_at = now() where id = ?";

    private final AgroalDataSource dataSource;
    private final OutboxConfig config;
    private final String bootstrapServers;
    private final String applicationName;
    private final Map<String, Object> connectionSettings;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Counter published;
    private final Counter failures;
    private final Counter parkedCount;
    private final EventSpans spans;

    private volatile boolean running;
    private volatile boolean healthy = true;
    /**
     * When the broker refused a record of a batch for good without saying which (it answers for a whole request): the
     * last row of that batch; rows up to it are then sent one per transaction, so the refused one is found and parked.
     * -1 otherwise.
     */
    private volatile long oneAtATimeThrough = -1;
    private Thread thread;
    private Producer<String, String> producer;

    OutboxRelay(AgroalDataSource dataSource, OutboxConfig config, MeterRegistry meters, EventSpans spans,
                @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                @ConfigProperty(name = "quarkus.application.name") String applicationName,
                @Identifier("default-kafka-broker") Instance<Map<String, Object>> kafkaSettings) {
        this.dataSource = dataSource;
        this.spans = spans;
        this.connectionSettings = connectionSettings(kafkaSettings);
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.applicationName = applicationName;
        this.published = Counter.builder("outbox.events.published").description("Events sent to Kafka and acknowledged")
                .register(meters);
        this.failures = Counter.builder("outbox.send.failures").description("Failed attempts to send an outbox batch")
                .register(meters);
        this.parkedCount = Counter.builder("outbox.parked").description("Events parked because Kafka refuses them for good")
                .register(meters);
        Gauge.builder("outbox.events.pending", this, r -> orNaN(r.backlog().pending()))
                .description("Events written but not yet acknowledged by Kafka").register(meters);
        Gauge.builder("outbox.oldest.pending.seconds", this, r -> r.backlog().oldestSeconds())
                .description("Age of the oldest event not yet acknowledged by Kafka (0 when none waits)").register(meters);
        Gauge.builder("outbox.events.parked", this, r -> orNaN(r.backlog().parked()))
                .description("Events Kafka refused for good, parked with their reason").register(meters);
    }

    /** The brokers and how to reach them securely, as the relay does. */
    public Map<String, Object> kafkaConnection() {
        Map<String, Object> settings = new java.util.HashMap<>(connectionSettings);
        settings.put("bootstrap.servers", bootstrapServers);
        return settings;
    }

    /** The backlog: how many events wait for Kafka, how old the oldest is, and how many were parked. */
    public record Backlog(long pending, double oldestSeconds, long parked) {
    }

    /** The backlog as the database has it now; -1 and NaN when the database cannot be read. */
    public Backlog backlog() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     select (select count(*) from outbox_event where status = 'PENDING'),
                            coalesce(extract(epoch from now() - (select occurred_at from outbox_event
                              where status = 'PENDING' order by seq limit 1)), 0),
                            (select count(*) from outbox_event where status = 'PARKED')""");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return new Backlog(rs.getLong(1), Math.max(0, rs.getDouble(2)), rs.getLong(3));
        } catch (SQLException e) {
            return new Backlog(-1, Double.NaN, -1);
        }
    }

    /**
     * How to reach the brokers securely, as the service's consumers do: the {@code kafka.security.*}, {@code kafka.sasl.*}
     * and {@code kafka.ssl.*} settings (e.g. {@code KAFKA_SECURITY_PROTOCOL=SASL_SSL} in production).
     */
    private static Map<String, Object> connectionSettings(Instance<Map<String, Object>> kafkaSettings) {
        Map<String, Object> settings = new java.util.HashMap<>();
        if (kafkaSettings.isResolvable()) {
            kafkaSettings.get().forEach((key, value) -> {
                if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                    settings.put(key, value);
                }
            });
        }
        return Map.copyOf(settings);
    }

    void start(@Observes StartupEvent startup) {
        if (!config.relayEnabled()) {
            LOG.info("outbox relay disabled on this instance");
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::loop);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeProducer();
    }

    /** Called after a commit that wrote an event. */
    public void wake() {
        wakeUps.release();
    }

    /** False while the last attempt to reach Kafka failed. */
    public boolean healthy() {
        return healthy;
    }

    private void loop() {
        Duration backoff = Duration.ZERO;
        while (running) {
            try {
                boolean more = relayBatch();
                if (!healthy) {
                    LOG.info("outbox relay: Kafka reachable again, sending resumed");
                }
                healthy = true;
                backoff = Duration.ZERO;
                if (!more) {
                    waitForWork(config.pollInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failures.increment();
                if (healthy) {
                    LOG.warnf("outbox relay: sending failed, retrying with backoff: %s", rootMessage(e));
                }
                healthy = false;
                closeProducer();
                backoff = backoff.isZero() ? config.initialBackoff() : min(backoff.multipliedBy(2), config.maxBackoff());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void waitForWork(Duration timeout) throws InterruptedException {
        if (wakeUps.tryAcquire()) {
            // commits came while the last batch was being sent: a burst is on, so a bounded linger lets more of it
            // join this batch (one Kafka transaction for many rows)
            if (!config.linger().isZero()) {
                Thread.sleep(config.linger());
            }
            wakeUps.drainPermits();
        } else if (wakeUps.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            // the first commit after a quiet spell goes out at once: a lone change pays no linger at each hop
            wakeUps.drainPermits();
        }
    }

    /** Sends one batch. Returns true when the batch was full, so more rows may be waiting. */
    boolean relayBatch() throws SQLException, InterruptedException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                boolean more = relayBatch(connection);
                connection.commit();
                return more;
            } catch (SQLException | RuntimeException | InterruptedException e) {
                connection.rollback();
                throw e;
            } catch (SendFailed e) {
                // keep the failed attempt on record (attempts, last error); the batch stays PENDING
                connection.commit();
                throw new IllegalStateException(e.getMessage(), e.getCause());
            }
        }
    }

    private boolean relayBatch(Connection connection) throws SQLException, InterruptedException, SendFailed {
        try (PreparedStatement lock = connection.prepareStatement(LOCK_SQL); ResultSet rs = lock.executeQuery()) {
            if (!rs.next() || !rs.getBoolean(1)) {
                return false; // another replica is relaying
            }
        }
        List<PendingEvent> batch = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(PENDING_SQL)) {
            select.setInt(1, oneAtATimeThrough >= 0 ? 1 : config.batchSize());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    batch.add(new PendingEvent(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getTimestamp(7),
                            TraceContext.from(name -> column(rs, name))));
                }
            }
        }
        if (batch.isEmpty()) {
            return false;
        }
        SendSpans sending = new SendSpans();
        try {
            return send(connection, batch, sending);
        } catch (SendFailed e) {
            sending.failure = e.getCause();
            throw e;
        } catch (RuntimeException e) {
            sending.failure = e;
            throw e;
        } finally {
            sending.end();
        }
    }

    /** Sends the batch; {@code sending} keeps the span of each row sent in a trace and its outcome. */
    private boolean send(Connection connection, List<PendingEvent> batch, SendSpans sending)
            throws SQLException, InterruptedException, SendFailed {
        List<ProducerRecord<String, String>> records = new ArrayList<>(batch.size());
        Map<UUID, String> refused = new LinkedHashMap<>();
        for (PendingEvent event : batch) {
            ProducerRecord<String, String> record = toRecord(event, sending);
            String reason = refusedForGood(record);
            if (reason != null) {
                refused.put(event.id(), reason);
            }
            records.add(record);
        }
        if (!refused.isEmpty()) {
            return park(connection, refused, sending); // the rest of the batch goes out at once, without them
        }
        Producer<String, String> kafka = producer();
        // The producer refuses a record it can never send at once, in send() (its future is already failed): that
        // names the record. Refusals that come back later (from the broker) name no record for sure, because a
        // transaction in error fails its other records with the same error.
        int refusedAt = -1;
        String refusedWhy = null;
        Set<String> refusedLater = ConcurrentHashMap.newKeySet();
        try {
            kafka.beginTransaction();
            for (int i = 0; i < batch.size(); i++) {
                Future<RecordMetadata> sent = kafka.send(records.get(i), (metadata, error) -> {
                    if (refusedForGood(error)) {
                        refusedLater.add(rootMessage(error));
                    }
                });
                if (sent.isDone()) {
                    Throwable error = failure(sent);
                    if (refusedForGood(error)) {
                        refusedAt = i;
                        refusedWhy = "Kafka refused it for good: " + rootMessage(error);
                        break;
                    }
                }
            }
            if (refusedAt >= 0) {
                throw new IllegalStateException(refusedWhy);
            }
            // flushes, waits for every acknowledgement, then makes the whole batch visible at once
            kafka.commitTransaction();
            sending.committed = true;
        } catch (RuntimeException e) {
            abort(kafka);
            if (refusedAt >= 0) {
                return park(connection, Map.of(batch.get(refusedAt).id(), refusedWhy), sending);
            }
            if (!refusedLater.isEmpty()) {
                if (batch.size() == 1) {
                    if (batch.get(0).seq() >= oneAtATimeThrough) {
                        oneAtATimeThrough = -1;
                    }
                    return park(connection, Map.of(batch.get(0).id(), "Kafka refused it for good: "
                            + refusedLater.iterator().next()), sending);
                }
                LOG.warnf("outbox relay: Kafka refused a record of a batch of %d for good (%s); sending them one at a time"
                        + " to find it", batch.size(), refusedLater.iterator().next());
                oneAtATimeThrough = batch.get(batch.size() - 1).seq();
                return true;
            }
            try (PreparedStatement update = connection.prepareStatement(FAILED_SQL)) {
                update.setString(1, truncate(rootMessage(e), 2000));
                update.setObject(2, batch.get(0).id());
                update.executeUpdate();
            }
            throw new SendFailed(e);
        }
        try (PreparedStatement update = connection.prepareStatement(PUBLISHED_SQL)) {
            update.setArray(1, connection.createArrayOf("uuid", batch.stream().map(PendingEvent::id).toArray()));
            update.executeUpdate();
        }
        published.increment(batch.size());
        LOG.debugf("outbox relay: %d event(s) published", batch.size());
        if (oneAtATimeThrough >= 0) {
            if (batch.get(batch.size() - 1).seq() >= oneAtATimeThrough) {
                oneAtATimeThrough = -1; // the rows of the refused batch are behind us
            }
            return true;
        }
        return batch.size() == config.batchSize();
    }

    /** Why Kafka would refuse the record whatever the retries, or null: its size, or a topic name it cannot have. */
    private String refusedForGood(ProducerRecord<String, String> record) {
        try {
            Topic.validate(record.topic());
        } catch (InvalidTopicException e) {
            return "a topic name Kafka cannot have: " + e.getMessage();
        }
        long size = (record.value() == null ? 0 : record.value().getBytes(StandardCharsets.UTF_8).length)
                + (record.key() == null ? 0 : record.key().getBytes(StandardCharsets.UTF_8).length);
        for (Header h : record.headers()) {
            size += h.key().length() + (h.value() == null ? 0 : h.value().length);
        }
        if (size > config.maxRecordBytes()) {
            return "the record is " + size + " bytes, more than platform.outbox.max-record-bytes ("
                    + config.maxRecordBytes() + ")";
        }
        return null;
    }

    private static boolean refusedForGood(Throwable error) {
        return error instanceof RecordTooLargeException || error instanceof InvalidTopicException;
    }

    private static Throwable failure(Future<RecordMetadata> sent) {
        try {
            sent.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Parks the rows Kafka refuses for good, with their reasons; the caller's batch is then read again at once. */
    private boolean park(Connection connection, Map<UUID, String> refused, SendSpans sending) throws SQLException {
        sending.parked.putAll(refused);
        try (PreparedStatement update = connection.prepareStatement(PARKED_SQL)) {
            for (Map.Entry<UUID, String> row : refused.entrySet()) {
                update.setString(1, truncate(row.getValue(), 2000));
                update.setObject(2, row.getKey());
                update.addBatch();
                LOG.errorf("outbox relay: event %s parked: %s", row.getKey(), row.getValue());
            }
            update.executeBatch();
        }
        parkedCount.increment(refused.size());
        return true;
    }

    private ProducerRecord<String, String> toRecord(PendingEvent event, SendSpans sending) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(headers, CloudEventHeaders.ID, event.id().toString());
        header(headers, CloudEventHeaders.SOURCE, config.source());
        header(headers, CloudEventHeaders.TYPE, event.type());
        header(headers, CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(event.occurredAt().toInstant()));
        header(headers, CloudEventHeaders.SUBJECT, event.key());
        header(headers, CloudEventHeaders.SEQUENCE, Long.toString(event.seq()));
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        Span span = spans.publishing(event.topic(), event.id().toString(), event.type(), event.trace());
        if (span != null) {
            sending.spans.put(event.id(), span);
            TraceContext sent = TraceContext.of(Context.root().with(span));
            if (sent != null) {
                header(headers, TraceContext.TRACEPARENT, sent.traceparent());
                if (sent.tracestate() != null) {
                    header(headers, TraceContext.TRACESTATE, sent.tracestate());
                }
            }
        }
        return new ProducerRecord<>(event.topic(), null, event.key(), event.payload(), headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private synchronized Producer<String, String> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.putAll(connectionSettings);
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-outbox-relay");
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.transactionalId().orElse(applicationName + "-outbox-relay"));
            // an open transaction holds back every read_committed consumer of its partitions: one left open by a crash
            // (ours or the broker's) is aborted by the broker after this, so keep it short but above one send + commit
            props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(config.sendTimeout().multipliedBy(2).toMillis()));
            props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(config.sendTimeout().toMillis()));
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(config.sendTimeout().toMillis()));
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(config.sendTimeout().toMillis() + 1));
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            KafkaProducer<String, String> created = new KafkaProducer<>(props);
            try {
                // fences any earlier producer with the same transactional id and aborts its open transaction
                created.initTransactions();
            } catch (RuntimeException e) {
                created.close(Duration.ZERO);
                throw e;
            }
            producer = created;
        }
        return producer;
    }

    private void abort(Producer<String, String> kafka) {
        try {
            kafka.abortTransaction();
        } catch (RuntimeException e) {
            LOG.debug("aborting the outbox transaction failed; the next producer's initTransactions aborts it", e);
        }
    }

    private synchronized void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.debug("closing the outbox producer failed", e);
            }
            producer = null;
        }
    }

    /** A count for a gauge: NaN when the database could not be read (-1). */
    private static double orNaN(long count) {
        return count < 0 ? Double.NaN : count;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private record PendingEvent(UUID id, long seq, String topic, String type, String key, String payload, Timestamp occurredAt,
                                TraceContext trace) {
    }

    /** The spans of a batch's rows sent in a trace, ended with the batch's outcome for each row. */
    private static final class SendSpans {
        private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outbox.outcome");
        final Map<UUID, Span> spans = new LinkedHashMap<>();
        final Map<UUID, String> parked = new LinkedHashMap<>();
        boolean committed;
        Throwable failure;

        void end() {
            spans.forEach((id, span) -> {
                String parkedWhy = parked.get(id);
                if (parkedWhy != null) {
                    span.setAttribute(OUTCOME, "parked");
                    EventSpans.failed(span, "parked: " + parkedWhy);
                } else if (failure != null) {
                    span.setAttribute(OUTCOME, "failed");
                    EventSpans.failed(span, failure);
                } else if (committed) {
                    span.setAttribute(OUTCOME, "published");
                } else {
                    // a row of its batch was refused: the batch was not committed and is read again at once
                    span.setAttribute(OUTCOME, "sent-again");
                }
                span.end();
            });
        }
    }

    private static String column(ResultSet rs, String name) {
        try {
            return rs.getString(name);
        } catch (SQLException e) {
            throw new IllegalStateException("outbox column " + name + " cannot be read", e);
        }
    }

    private static final class SendFailed extends Exception {
        SendFailed(Exception cause) {
            super("Kafka did not acknowledge an outbox event: " + rootMessage(cause), cause);
        }
    }
}
