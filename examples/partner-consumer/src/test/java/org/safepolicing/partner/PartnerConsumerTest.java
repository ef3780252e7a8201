package org.safepolicing.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.safepolicing.stack.StackProcess;

/**
 * The partner example against a real Kafka broker (started by the local stack, with the suite's topics): committed
 * events are printed once and in order; a redelivered event, an older event of a key, an aborted transaction's
 * event and a record that is not a CloudEvent are not.
 */
class PartnerConsumerTest {

    private static StackProcess kafka;

    @BeforeAll
    static void broker() throws IOException {
        Path target = Files.createDirectories(Path.of("target"));
        kafka = StackProcess.kafka(Files.createTempDirectory(target.toAbsolutePath(), "kafka-"), StackProcess.freePort(),
                StackProcess.freePort(), true);
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void actsOnEachCommittedChangeOnceAndInOrderPerKey() {
        String ori = "VA" + String.format("%07d", Math.abs(UUID.randomUUID().hashCode() % 10_000_000));
        String first = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = producer("partner-test-" + UUID.randomUUID())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(event("agency-registry.v1", ori, first, "org.safepolicing.agency.registered", 10,
                    "{\"ori\":\"" + ori + "\",\"name\":\"Example Police\",\"type\":\"LOCAL_MUNICIPAL\",\"state\":\"VA\","
                            + "\"swornOfficers\":40,\"active\":true}"));
            producer.send(event("grants.eligibility.v1", ori, UUID.randomUUID().toString(),
                    "org.safepolicing.grants.eligibility.changed", 12, "{\"ori\":\"" + ori + "\",\"grantProgramId\":null,"
                            + "\"eligible\":true,\"rules\":[{\"rule\":\"SEC_2B_CREDENTIAL\",\"outcome\":\"PASS\","
                            + "\"reason\":\"credential sought\"}]}"));
            // redelivery of the first event (same ce_id), then an older event of the same key
            producer.send(event("agency-registry.v1", ori, first, "org.safepolicing.agency.registered", 10, "{}"));
            producer.send(event("agency-registry.v1", ori, UUID.randomUUID().toString(),
                    "org.safepolicing.agency.updated", 9, "{\"name\":\"older\"}"));
            producer.send(new ProducerRecord<>("agency-registry.v1", ori, "not a cloud event"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(event("agency-registry.v1", ori, UUID.randomUUID().toString(),
                    "org.safepolicing.agency.updated", 11, "{\"name\":\"aborted\"}"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(event("agency-registry.v1", ori, UUID.randomUUID().toString(),
                    "org.safepolicing.agency.deactivated", 13, "{\"ori\":\"" + ori + "\",\"name\":\"Example Police\","
                            + "\"type\":\"LOCAL_MUNICIPAL\",\"state\":\"VA\",\"swornOfficers\":40,\"active\":false}"));
            producer.commitTransaction();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PartnerConsumer.Summary summary = PartnerConsumer.run(kafka.address(), "partner-" + UUID.randomUUID(),
                PartnerConsumer.TOPICS, Duration.ofSeconds(60), 3, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertEquals(3, summary.acted(), summary.lines().toString());
        List<String> lines = summary.lines();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("eligibility " + ori + " general ELIGIBLE | SEC_2B_CREDENTIAL PASS")), lines.toString());
        List<String> registry = lines.stream().filter(l -> l.startsWith("registry")).toList();
        assertEquals(List.of("registry " + ori + " registered: Example Police (LOCAL_MUNICIPAL, VA, sworn 40, active true)",
                "registry " + ori + " deactivated: Example Police (LOCAL_MUNICIPAL, VA, sworn 40, active false)"), registry,
                "in order, without the redelivery, the older event or the aborted one");
        assertEquals(1, summary.duplicates());
        assertEquals(1, summary.stale());
        assertEquals(1, summary.notCloudEvents());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("deactivated"));
    }

    @Test
    void ledgerDropsRedeliveriesAndOlderSequencesPerKey() {
        PartnerLedger ledger = new PartnerLedger(2);
        PublicEvent a = new PublicEvent("t", "K1", "a", "x", null, 5, "{}");
        assertEquals(PartnerLedger.Verdict.ACT, ledger.accept(a));
        assertEquals(PartnerLedger.Verdict.DUPLICATE, ledger.accept(a));
        assertEquals(PartnerLedger.Verdict.STALE, ledger.accept(new PublicEvent("t", "K1", "b", "x", null, 5, "{}")));
        assertEquals(PartnerLedger.Verdict.ACT, ledger.accept(new PublicEvent("t", "K2", "c", "x", null, 1, "{}")),
                "sequences are per key");
        assertEquals(PartnerLedger.Verdict.ACT, ledger.accept(new PublicEvent("t2", "K1", "d", "x", null, 1, "{}")),
                "and per topic");
    }

    private static ProducerRecord<String, String> event(String topic, String key, String id, String type, long sequence,
                                                        String data) {
        ProducerRecord<String, String> r = new ProducerRecord<>(topic, key, data);
        r.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        r.headers().add("ce_id", id.getBytes(StandardCharsets.UTF_8));
        r.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        r.headers().add("ce_source", "/safe-policing/test".getBytes(StandardCharsets.UTF_8));
        r.headers().add("ce_time", "2026-12-05T12:00:00Z".getBytes(StandardCharsets.UTF_8));
        r.headers().add("ce_subject", key.getBytes(StandardCharsets.UTF_8));
        r.headers().add("ce_sequence", Long.toString(sequence).getBytes(StandardCharsets.UTF_8));
        return r;
    }

    private static KafkaProducer<String, String> producer(String transactionalId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.address());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }
}
