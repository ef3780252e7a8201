package org.safepolicing.platform.audit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.safepolicing.contracts.Topics;
import org.safepolicing.platform.events.OutboxRelay;

/**
 * Anchors the audit trail outside the database (issue 16 §4): every {@code platform.audit.anchor-every} (5 min) the
 * heads of the 16 hash chains (last row id and hash, row count) go to the service's own compacted topic
 * {@code <service>.audit-anchors.v1} (event-contracts {@link Topics#auditAnchors}), key the service, when they changed
 * since the last anchor. Written directly to Kafka, not through the outbox (which is in the database being anchored).
 * A chain cannot show rows cut from its end; the anchor can: {@link AuditVerifier} reads the latest anchor and names
 * every anchored head row that is gone ({@code CUT}) or no longer has the anchored hash ({@code ALTERED}). Any replica
 * may anchor: the heads are the database's, so two replicas publish the same anchor.
 */
@ApplicationScoped
public class AuditAnchors {

    private static final Logger LOG = Logger.getLogger(AuditAnchors.class);
    private static final Duration KAFKA_WAIT = Duration.ofSeconds(5);

    private final EntityManager em;
    private final ObjectMapper json;
    private final OutboxRelay relay;
    private final String service;
    private final String topic;
    private volatile String lastDigest;

    AuditAnchors(EntityManager em, ObjectMapper json, OutboxRelay relay,
                 @ConfigProperty(name = "quarkus.application.name") String service) {
        this.em = em;
        this.json = json;
        this.relay = relay;
        this.service = service;
        this.topic = Topics.auditAnchors(service);
    }

    /** The latest anchor: the service, when, the row count, the heads' digest and each chain's head. */
    public record Anchor(String service, Instant anchoredAt, long rows, String headDigest,
                         List<AuditVerifier.ChainHead> chains) {
    }

    @Scheduled(every = "{platform.audit.anchor-every:5m}", delayed = "{platform.audit.anchor-first:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            anchorNow();
        } catch (RuntimeException e) {
            LOG.warnf("the audit trail could not be anchored this round (%s); the next round tries again", e.toString());
        }
    }

    /** Publishes the chains' heads now, unless they are what was last anchored; the anchor, or empty when unchanged. */
    public Optional<Anchor> anchorNow() {
        Anchor anchor = QuarkusTransaction.requiringNew().call(this::heads);
        if (anchor.chains().isEmpty() || anchor.headDigest().equals(lastDigest)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        props.putAll(relay.kafkaConnection());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, service + "-audit-anchors");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(KAFKA_WAIT.toMillis()));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(KAFKA_WAIT.toMillis()));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(KAFKA_WAIT.toMillis() * 2));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(topic, service, json.writeValueAsString(anchor)))
                    .get(KAFKA_WAIT.toMillis() * 3, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while anchoring the audit trail", e);
        } catch (Exception e) {
            throw new IllegalStateException("the audit anchor could not be sent to " + topic + ": " + e.getMessage(), e);
        }
        lastDigest = anchor.headDigest();
        LOG.infof("audit trail anchored on %s: %d rows, head digest %s", topic, anchor.rows(), anchor.headDigest());
        return Optional.of(anchor);
    }

    /** The latest anchor on the service's topic; empty when there is none. Fails when Kafka does not answer in time. */
    public Optional<Anchor> latest() {
        Properties props = new Properties();
        props.putAll(relay.kafkaConnection());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, service + "-audit-anchor-reader");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(KAFKA_WAIT.toMillis()));
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(KAFKA_WAIT.toMillis()));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            // the contract's topic has one partition; read every partition there is all the same
            List<TopicPartition> partitions = consumer.partitionsFor(topic, KAFKA_WAIT).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, KAFKA_WAIT);
            consumer.seekToBeginning(partitions);
            String value = null;
            long deadline = System.nanoTime() + KAFKA_WAIT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, KAFKA_WAIT) < end.getOrDefault(p, 0L))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the anchors on " + topic + " could not be read in time");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (service.equals(r.key()) && r.value() != null) {
                        value = r.value();
                    }
                }
            }
            return value == null ? Optional.empty() : Optional.of(json.readValue(value.getBytes(StandardCharsets.UTF_8), Anchor.class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the latest anchor on " + topic + " is not readable: " + e.getMessage(), e);
        }
    }

    private Anchor heads() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select h.chain, c.rows, h.id, h.row_hash
                  from (select distinct on (chain) chain, id, row_hash from audit_entry order by chain, id desc) h
                  join (select chain, count(*) as rows from audit_entry group by chain) c on c.chain = h.chain
                 order by h.chain""").getResultList();
        List<AuditVerifier.ChainHead> chains = new ArrayList<>();
        long total = 0;
        for (Object[] row : rows) {
            long count = ((Number) row[1]).longValue();
            chains.add(new AuditVerifier.ChainHead(((Number) row[0]).intValue(), count, ((Number) row[2]).longValue(),
                    (String) row[3]));
            total += count;
        }
        return new Anchor(service, Instant.now().truncatedTo(ChronoUnit.MILLIS), total,
                chains.isEmpty() ? "" : AuditVerifier.headHash(chains), List.copyOf(chains));
    }
}
