package org.safepolicing.systemtests.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;

/** The broker as the bench sees it: offsets and groups (admin client), the events it waits for, the raw probe. */
public final class BenchKafka implements AutoCloseable {

    static final String PROBE_TOPIC = "bench.kafka-probe.v1";
    final String bootstrap;
    final Admin admin;

    public BenchKafka(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        admin = Admin.create(p);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    List<TopicPartition> partitions(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                .stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    Map<TopicPartition, Long> offsets(Collection<String> topics, OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (String topic : topics) {
            for (TopicPartition tp : partitions(topic)) {
                request.put(tp, spec);
            }
        }
        Map<TopicPartition, Long> result = new HashMap<>();
        admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> result.put(tp, info.offset()));
        return result;
    }

    /** The next offset of each partition (read_uncommitted end: includes transaction markers). */
    Map<TopicPartition, Long> ends(Collection<String> topics) throws Exception {
        return offsets(topics, OffsetSpec.latest());
    }

    /** How many offsets the topics hold (end minus start, markers included). */
    long size(Collection<String> topics) throws Exception {
        Map<TopicPartition, Long> end = ends(topics);
        Map<TopicPartition, Long> start = offsets(topics, OffsetSpec.earliest());
        return end.entrySet().stream().mapToLong(e -> e.getValue() - start.getOrDefault(e.getKey(), 0L)).sum();
    }

    Map<TopicPartition, Long> committed(String group) throws Exception {
        Map<TopicPartition, Long> result = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        offsets.forEach((tp, om) -> {
            if (om != null) {
                result.put(tp, om.offset());
            }
        });
        return result;
    }

    /** The consumer groups of a service: its name, or starting with it. */
    List<String> groupsOf(String service) throws Exception {
        List<String> groups = new ArrayList<>();
        for (ConsumerGroupListing g : admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS)) {
            if (g.groupId().equals(service) || g.groupId().startsWith(service + "-")
                    || g.groupId().startsWith(service + ".")) {
                groups.add(g.groupId());
            }
        }
        return groups;
    }

    /**
     * How far the groups are behind on the topics: end offset minus committed offset, summed (a partition the groups
     * never committed counts from its start, 0). An offset is counted caught up within 1 of the end: a transaction's
     * commit marker takes an offset that a consumer's committed position may stop short of.
     */
    long lag(List<String> groups, Collection<String> topics) throws Exception {
        Map<TopicPartition, Long> committed = new HashMap<>();
        for (String g : groups) {
            committed(g).forEach((tp, o) -> committed.merge(tp, o, Math::max));
        }
        Map<TopicPartition, Long> start = offsets(topics, OffsetSpec.earliest());
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> e : ends(topics).entrySet()) {
            long c = committed.getOrDefault(e.getKey(), start.getOrDefault(e.getKey(), 0L));
            long behind = e.getValue() - c;
            lag += behind <= 1 ? 0 : behind;
        }
        return lag;
    }

    static Properties consumerProps() {
        Properties p = new Properties();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        return p;
    }

    static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ events the sweep waits for

    /** A credential event: when credentialing wrote it ({@code ce_time}), when its relay sent it (Kafka timestamp). */
    record CredentialEvent(String id, String ori, String type, String credentialId, Instant written, Instant sent) {
    }

    /** An eligibility answer: decided (its {@code ce_time}), sent by grants' relay, received here (read_committed). */
    record Decision(Instant decided, Instant sent, Instant received) {
    }

    /**
     * Reads credentialing.events.v1 and grants.eligibility.v1 from their current end, read_committed, as a partner
     * does, and remembers each credential event and the first general answer decided by each event id.
     */
    final class Watcher implements AutoCloseable {
        final Map<String, CredentialEvent> byCredential = new ConcurrentHashMap<>();
        final Map<String, Decision> decisions = new ConcurrentHashMap<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;
        private volatile boolean positioned;
        private volatile Exception failure;

        Watcher() {
            Properties p = consumerProps();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
            thread = Thread.ofPlatform().name("bench-watcher").daemon().start(() -> {
                try (consumer) {
                    List<TopicPartition> all = new ArrayList<>(partitions(Topics.CREDENTIALING_EVENTS));
                    all.addAll(partitions(Topics.GRANTS_ELIGIBILITY));
                    consumer.assign(all);
                    consumer.seekToEnd(all);
                    all.forEach(consumer::position);
                    positioned = true;
                    while (!stop.get()) {
                        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                            Instant received = Instant.now();
                            take(r, received);
                        }
                    }
                } catch (Exception e) {
                    failure = e;
                    positioned = true;
                }
            });
            while (!positioned) {
                LockSupport.parkNanos(10_000_000);
            }
            if (failure != null) {
                throw new IllegalStateException("cannot read the topics", failure);
            }
        }

        private void take(ConsumerRecord<String, String> r, Instant received) {
            String type = header(r, "ce_type");
            String time = header(r, "ce_time");
            if (type == null || time == null || r.value() == null) {
                return;
            }
            try {
                JsonNode data = BenchHttp.JSON.readTree(r.value());
                if (r.topic().equals(Topics.CREDENTIALING_EVENTS)) {
                    if (EventTypes.CREDENTIAL_SOUGHT.equals(type) || EventTypes.CREDENTIAL_WITHDRAWN.equals(type)) {
                        String credential = data.path("credentialId").asText();
                        byCredential.put(credential + "|" + type, new CredentialEvent(header(r, "ce_id"), r.key(),
                                type, credential, Instant.parse(time), Instant.ofEpochMilli(r.timestamp())));
                    }
                } else if (!data.path("grantProgramId").isTextual()) {
                    for (JsonNode rule : data.path("rules")) {
                        String by = rule.path("decidedByEventId").asText(null);
                        if (by != null) {
                            decisions.putIfAbsent(by, new Decision(Instant.parse(time),
                                    Instant.ofEpochMilli(r.timestamp()), received));
                        }
                    }
                }
            } catch (Exception e) {
                // a record that is not the contract's (someone's poison): not ours
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join(5_000);
        }
    }

    // ------------------------------------------------------------------ raw probe

    /**
     * The raw broker at the same rate: a transactional, idempotent producer ({@code acks=all}) on a bench topic of its
     * own, every record due in a transaction of its own batch (a relay draining what is due), and a read_committed
     * consumer; the latency of each record from when it was due to when it was read. Returns microseconds.
     */
    List<Long> probe(double rate, double seconds, int partitions) throws Exception {
        if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(PROBE_TOPIC)) {
            try {
                admin.createTopics(List.of(new NewTopic(PROBE_TOPIC, partitions, (short) 1))).all()
                        .get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                    throw e;
                }
            }
        }
        List<Long> micros = java.util.Collections.synchronizedList(new ArrayList<>());
        int total = (int) Math.round(rate * seconds);
        String runId = UUID.randomUUID().toString();
        Properties cp = consumerProps();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        pp.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        pp.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "suite-bench-probe-" + runId);
        pp.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        pp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        AtomicBoolean positioned = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = Thread.ofPlatform().name("bench-probe-reader").daemon().start(() -> {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(cp)) {
                List<TopicPartition> tps = partitions(PROBE_TOPIC);
                consumer.assign(tps);
                consumer.seekToEnd(tps);
                tps.forEach(consumer::position);
                positioned.set(true);
                while (!stop.get() && micros.size() < total) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                        long now = System.nanoTime();
                        String[] v = r.value().split(" ");
                        if (v.length == 2 && v[0].equals(runId)) {
                            micros.add((now - Long.parseLong(v[1])) / 1_000);
                        }
                    }
                }
            } catch (Exception e) {
                positioned.set(true);
            }
        });
        while (!positioned.get()) {
            LockSupport.parkNanos(10_000_000);
        }
        LinkedBlockingQueue<Long> due = new LinkedBlockingQueue<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(pp)) {
            producer.initTransactions();
            long start = System.nanoTime();
            long interval = (long) (1e9 / rate);
            Thread ticker = Thread.ofPlatform().daemon().start(() -> {
                for (int i = 0; i < total; i++) {
                    long at = start + i * interval;
                    long wait = at - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    due.add(at);
                }
            });
            int sent = 0;
            List<Long> batch = new ArrayList<>();
            while (sent < total) {
                Long first = due.poll(5, TimeUnit.SECONDS);
                if (first == null) {
                    break;
                }
                batch.clear();
                batch.add(first);
                due.drainTo(batch);
                producer.beginTransaction();
                for (Long at : batch) {
                    producer.send(new ProducerRecord<>(PROBE_TOPIC, "key-" + (sent % 1000), runId + " " + at));
                    sent++;
                }
                producer.commitTransaction();
            }
            ticker.join();
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (micros.size() < total && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        stop.set(true);
        reader.join(5_000);
        return new ArrayList<>(micros);
    }

    static Set<String> grantsInputs() {
        return Set.of(Topics.AGENCY_REGISTRY, Topics.CREDENTIALING_EVENTS, Topics.RECORDS_REPORTING,
                Topics.CORESPONDER_EVENTS);
    }
}
