package org.safepolicing.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.safepolicing.stack.KafkaTopics;

/**
 * Follows a topic from its beginning on the real broker the service under test uses, and writes raw records to it
 * (through local-stack's {@link KafkaTopics}, the one raw Kafka client of the test code).
 */
public final class TopicProbe implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    private TopicProbe(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-probe-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // what partners see: the outbox relay publishes in transactions
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(p);
        consumer.subscribe(List.of(topic));
    }

    /** A probe on {@code topic} of the broker in {@code kafka.bootstrap.servers}. */
    public static TopicProbe of(String topic) {
        return new TopicProbe(bootstrap(), topic);
    }

    /** A probe on {@code topic} of the broker at {@code bootstrap}. */
    public static TopicProbe on(String bootstrap, String topic) {
        return new TopicProbe(bootstrap, topic);
    }

    public static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** Waits until a record matching {@code match} arrives; fails after {@code timeout}. */
    public ConsumerRecord<String, String> await(Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        for (ConsumerRecord<String, String> r : seen) {
            if (match.test(r)) {
                return r;
            }
        }
        while (Instant.now().isBefore(deadline)) {
            int from = seen.size();
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            for (ConsumerRecord<String, String> r : seen.subList(from, seen.size())) {
                if (match.test(r)) {
                    return r;
                }
            }
        }
        StringBuilder saw = new StringBuilder();
        seen.forEach(r -> saw.append("\n  ").append(r.key()).append(' ').append(header(r, "ce_type")));
        throw new AssertionError("no matching record within " + timeout + "; saw " + seen.size() + " record(s):" + saw);
    }

    /** Every record read so far matching {@code match}, after polling for {@code settle}. */
    public List<ConsumerRecord<String, String>> all(Predicate<ConsumerRecord<String, String>> match, Duration settle) {
        Instant deadline = Instant.now().plus(settle);
        while (Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return seen.stream().filter(match).toList();
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        return KafkaTopics.header(record, name);
    }

    /** Writes one raw record, with the given headers (name, value, name, value...). */
    public static void send(String topic, String key, String value, String... headers) {
        sendTo(bootstrap(), topic, key, value, headers);
    }

    /** Writes one raw record to the broker at {@code bootstrap}. */
    public static void sendTo(String bootstrap, String topic, String key, String value, String... headers) {
        new KafkaTopics(bootstrap).send(topic, key, value, headers);
    }

    /** Writes the records in one producer batch, so a consumer receives those of one key in one poll, in this order. */
    public static void sendTogether(String topic, List<KafkaTopics.Outgoing> records) {
        new KafkaTopics(bootstrap()).sendTogether(topic, records);
    }

    /** Writes a record again, as it was: same topic, key, value and headers (a duplicate delivery). */
    public static void resend(String bootstrap, ConsumerRecord<String, String> record) {
        new KafkaTopics(bootstrap).resend(record);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
