package org.safepolicing.systemtests.soak;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The topics as a partner sees them (read_committed, no group of its own), consumer lag, and poison written raw. */
final class SoakKafka {

    private final String bootstrap;

    SoakKafka(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return Admin.create(p);
    }

    /** Every committed record of {@code topic}, from the start to its current end, in partition and offset order. */
    List<ConsumerRecord<String, String>> readAll(String topic) {
        return readAll(topic, key -> true);
    }

    /**
     * As {@link #readAll(String)}, keeping only the records whose key {@code keys} accepts while it reads: on a stack
     * the bench has run on, a topic holds millions of other records, which the soak's heap need not hold.
     */
    List<ConsumerRecord<String, String>> readAll(String topic, Predicate<String> keys) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = c.endOffsets(parts, Duration.ofSeconds(30)); // read_committed: the LSO
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline) {
                boolean done = true;
                for (TopicPartition tp : parts) {
                    if (c.position(tp, Duration.ofSeconds(30)) < ends.get(tp)) {
                        done = false;
                    }
                }
                if (done) {
                    break;
                }
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    if (keys.test(r.key())) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The {@code group}'s lag on {@code topics}: committed records (read_committed) after the group's committed
     * offset, per partition that has any ({@code topic-partition -> records}); empty when caught up. A partition whose
     * end is beyond the committed offset only by transaction markers or aborted records is not behind.
     */
    Map<String, Long> lag(String group, Collection<String> topics) throws Exception {
        Map<TopicPartition, Long> behind = new HashMap<>();
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (String topic : topics) {
                admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
                        .forEach(i -> request.put(new TopicPartition(topic, i.partition()), OffsetSpec.latest()));
            }
            for (var e : admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                long from = c == null ? 0 : c.offset();
                if (e.getValue().offset() > from) {
                    behind.put(e.getKey(), from);
                }
            }
        }
        Map<String, Long> lag = new java.util.TreeMap<>();
        if (behind.isEmpty()) {
            return lag;
        }
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.assign(behind.keySet());
            behind.forEach(c::seek);
            Map<TopicPartition, Long> ends = c.endOffsets(behind.keySet(), Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                boolean done = true;
                for (TopicPartition tp : behind.keySet()) {
                    if (c.position(tp, Duration.ofSeconds(10)) < ends.get(tp)) {
                        done = false;
                    }
                }
                if (done) {
                    break;
                }
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(300))) {
                    lag.merge(r.topic() + "-" + r.partition() + "@" + behind.get(new TopicPartition(r.topic(), r.partition())),
                            1L, Long::sum);
                }
            }
        }
        return lag;
    }

    RecordMetadata send(String topic, String key, String value, String... headers) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> r = new ProducerRecord<>(topic, key, value);
            for (int i = 0; i < headers.length; i += 2) {
                r.headers().add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
            }
            return producer.send(r).get(150, TimeUnit.SECONDS);
        }
    }

    static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
