package org.safepolicing.platform.events;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes CloudEvents (binary mode) and raw records to the test broker; reads the dead-letter topic; waits. */
final class TestEvents implements AutoCloseable {

    static final String DEAD_LETTER = "platform-test.dead-letter.v1";
    private final KafkaProducer<String, String> producer;

    TestEvents() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestTopics.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(p);
    }

    /** A CloudEvent with the given id; returns the id. */
    String event(String topic, String id, String type, String key, Long sequence, String data) {
        RecordHeaders h = new RecordHeaders();
        h.add(CloudEventHeaders.SPEC_VERSION, bytes("1.0"));
        h.add(CloudEventHeaders.ID, bytes(id));
        h.add(CloudEventHeaders.SOURCE, bytes("/platform-test"));
        h.add(CloudEventHeaders.TYPE, bytes(type));
        h.add(CloudEventHeaders.TIME, bytes(Instant.now().toString()));
        if (sequence != null) {
            h.add(CloudEventHeaders.SEQUENCE, bytes(sequence.toString()));
        }
        producer.send(new ProducerRecord<>(topic, null, key, data, h));
        return id;
    }

    String event(String topic, String key, long seq, String extra) {
        return event(topic, UUID.randomUUID().toString(), "org.safepolicing.test.thing", key, seq,
                "{\"seq\":" + seq + (extra == null ? "" : "," + extra) + "}");
    }

    void raw(String topic, String key, String value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Every record of the dead-letter topic so far whose original came from {@code topic}. */
    static List<ConsumerRecord<String, String>> deadLetters(String topic, int atLeast, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestTopics.bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-probe-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            c.subscribe(List.of(DEAD_LETTER));
            while (Instant.now().isBefore(deadline) && found.size() < atLeast) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    if (topic.equals(header(r, "dead-letter-topic"))) {
                        found.add(r);
                    }
                }
            }
            // a little longer: more than expected would be a failure too
            for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                if (topic.equals(header(r, "dead-letter-topic"))) {
                    found.add(r);
                }
            }
        }
        return found;
    }

    static long count(DataSource ds, String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Map.Entry<String, Long>> rows(DataSource ds, String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<Map.Entry<String, Long>> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(Map.entry(rs.getString(1), rs.getLong(2)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier done) {
        Instant deadline = Instant.now().plus(timeout);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
