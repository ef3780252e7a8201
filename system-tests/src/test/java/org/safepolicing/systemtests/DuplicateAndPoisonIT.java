package org.safepolicing.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Ori;
import org.safepolicing.contracts.Topics;
import org.safepolicing.stack.KafkaTopics;

/**
 * What a partner or a broker hiccup can put on credentialing.events.v1: a record delivered a second time changes
 * nothing at grants-service; records that are not valid events are parked in grants-service.dead-letter.v1 with their
 * reason, and the partition moves on: a valid event after them still takes effect.
 */
class DuplicateAndPoisonIT {

    private static final String DEAD_LETTERS = Topics.deadLetter(Topics.GRANTS_SERVICE);
    private static Suite suite;

    @BeforeAll
    static void stack() {
        suite = new Suite();
    }

    @Test
    void aRecordDeliveredAgainHasNoSecondEffect() {
        Suite.Agency agency = suite.newAgency("OH");
        String body = suite.certifiedBody("Duplicate Body");
        String credential = suite.seek(agency, body);
        ConsumerRecord<String, String> sought = suite.credentialEvent(agency.ori(), EventTypes.CREDENTIAL_SOUGHT, credential);
        suite.awaitRule(suite.token(agency), agency.ori(), "PASS", Suite.ceId(sought));
        suite.withdraw(agency, credential);
        String withdrawn = Suite.ceId(suite.credentialEvent(agency.ori(), EventTypes.CREDENTIAL_WITHDRAWN, credential));
        suite.awaitRule(suite.token(agency), agency.ori(), "FAIL", withdrawn);
        suite.awaitGrantsCaughtUp();
        JsonNode before = suite.eligibility(suite.token(agency), agency.ori());
        List<String> trailBefore = suite.eligibilityTrail(agency.ori());
        assertEquals(List.of(Suite.trail(false, "FAIL", null), Suite.trail(true, "PASS", Suite.ceId(sought)),
                Suite.trail(false, "FAIL", withdrawn)), trailBefore);

        // the credential.sought record again, byte for byte: applied a second time it would turn the rule PASS
        RecordMetadata again = suite.kafka.resend(sought);
        assertEquals(sought.partition(), again.partition(), "same key, same partition");
        suite.awaitConsumed(Suite.GRANTS_GROUP,
                Map.of(new TopicPartition(again.topic(), again.partition()), again.offset() + 1));
        suite.awaitOutboxEmpty(SystemStack.GRANTS);

        assertEquals(before, suite.eligibility(suite.token(agency), agency.ori()),
                "the answer (outcome, deciding event, asOf) is unchanged by the duplicate");
        assertEquals(trailBefore, suite.eligibilityTrail(agency.ori()), "no eligibility event for the duplicate");
        assertTrue(suite.kafka.readAll(DEAD_LETTERS).stream().noneMatch(r -> agency.ori().equals(r.key())),
                "a duplicate is not poison: nothing dead-lettered");
    }

    @Test
    void malformedRecordsAreDeadLetteredAndThePartitionMovesOn() {
        Suite.Agency agency = suite.newAgency("WA");
        String ori = agency.ori();
        String body = suite.certifiedBody("After Poison Body");
        int partitions = Topics.find(Topics.CREDENTIALING_EVENTS).orElseThrow().partitions();
        int partition = KafkaTopics.partitionOf(ori, partitions);
        String invalidOri = invalidOriOnPartition(partition, partitions);

        Map<String, RecordMetadata> poison = new LinkedHashMap<>();
        poison.put("data that is not JSON", suite.kafka.send(Topics.CREDENTIALING_EVENTS, ori, "not json",
                ceHeaders(EventTypes.CREDENTIAL_SOUGHT, ori)));
        poison.put("an event about an invalid ORI", suite.kafka.send(Topics.CREDENTIALING_EVENTS, invalidOri,
                credentialData(invalidOri, body), ceHeaders(EventTypes.CREDENTIAL_SOUGHT, invalidOri)));
        poison.put("a record without CloudEvent headers", suite.kafka.send(Topics.CREDENTIALING_EVENTS, ori,
                credentialData(ori, body)));
        poison.values().forEach(m -> assertEquals(partition, m.partition(), "all on the agency's partition"));

        // each one parked once in the dead-letter topic, with its reason
        Map<String, ConsumerRecord<String, String>> parked = new LinkedHashMap<>();
        poison.forEach((what, m) -> parked.put(what, suite.awaitRecord(DEAD_LETTERS, what + " (" + m + ")",
                r -> isDeadLetterOf(r, m))));
        List<ConsumerRecord<String, String>> deadLetters = suite.kafka.readAll(DEAD_LETTERS);
        poison.forEach((what, m) -> assertEquals(1, deadLetters.stream().filter(r -> isDeadLetterOf(r, m)).count(),
                what + " is dead-lettered exactly once"));
        parked.forEach((what, r) -> {
            String reason = KafkaTopics.header(r, "dead-letter-reason");
            assertNotNull(reason, what + ": the dead letter says why");
            assertFalse(reason.isBlank(), what + ": the dead letter says why");
            System.out.printf("dead-lettered %s: %s%n", what, reason);
        });
        assertEquals("not json", parked.get("data that is not JSON").value(), "the record is parked as it came");

        // a valid event after them on the same partition takes effect
        String credential = suite.seek(agency, body);
        ConsumerRecord<String, String> sought = suite.credentialEvent(ori, EventTypes.CREDENTIAL_SOUGHT, credential);
        assertEquals(partition, sought.partition());
        assertTrue(poison.values().stream().allMatch(m -> m.offset() < sought.offset()), "the valid event comes after");
        suite.awaitRule(suite.token(agency), ori, "PASS", Suite.ceId(sought));
        suite.awaitGrantsCaughtUp();
        assertEquals(List.of(Suite.trail(false, "FAIL", null), Suite.trail(true, "PASS", Suite.ceId(sought))),
                suite.eligibilityTrail(ori), "the poison had no effect on the agency's eligibility");
        assertTrue(suite.eligibilityTrail(invalidOri).isEmpty(), "nothing decided for an invalid ORI");
    }

    /** A dead letter names where its record came from (SmallRye's dead-letter-topic/partition/offset headers). */
    private static boolean isDeadLetterOf(ConsumerRecord<String, String> r, RecordMetadata original) {
        return original.topic().equals(KafkaTopics.header(r, "dead-letter-topic"))
                && Integer.toString(original.partition()).equals(KafkaTopics.header(r, "dead-letter-partition"))
                && Long.toString(original.offset()).equals(KafkaTopics.header(r, "dead-letter-offset"));
    }

    /** An ORI-shaped key that is not a valid ORI (no such state code) and lands on {@code partition}. */
    private static String invalidOriOnPartition(int partition, int partitions) {
        for (int i = 0; i < 100_000; i++) {
            String candidate = "XX" + String.format("%07d", i);
            if (!Ori.isValid(candidate) && KafkaTopics.partitionOf(candidate, partitions) == partition) {
                return candidate;
            }
        }
        throw new IllegalStateException("no invalid ORI found for partition " + partition);
    }

    private static String[] ceHeaders(String type, String subject) {
        List<String> h = new ArrayList<>(List.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(),
                "ce_source", "/system-tests", "ce_type", type, "ce_time", Instant.now().toString(),
                "ce_subject", subject, "ce_sequence", "1", "content-type", "application/json"));
        return h.toArray(String[]::new);
    }

    private static String credentialData(String ori, String bodyId) {
        return "{\"credentialId\":\"" + UUID.randomUUID() + "\",\"ori\":\"" + ori + "\",\"bodyId\":\"" + bodyId
                + "\",\"status\":\"SOUGHT\",\"previousStatus\":null,\"standardsVersion\":\"DOJ-2020\","
                + "\"occurredAt\":\"" + Instant.now() + "\"}";
    }
}
