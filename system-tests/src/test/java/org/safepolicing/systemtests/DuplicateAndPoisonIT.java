package org.safepolicing.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.testing.TopicProbe;

/** A duplicate delivery changes nothing; malformed records are dead-lettered and later events still flow. */
class DuplicateAndPoisonIT {

    private static final String DEAD_LETTERS = Topics.deadLetter(SuiteUnderTest.GRANTS);
    private final SuiteApi api = new SuiteApi();

    @Test
    void anEventDeliveredTwiceHasOneEffect() {
        String ori = SuiteApi.randomOri("OH");
        api.registerAgency(ori, "LOCAL_MUNICIPAL");
        String agency = api.suite.newAgencyUser(ori);
        String body = api.certifiedBody("Duplicate Body");
        String first = api.seek(agency, ori, body);
        api.awaitRule(agency, ori, "PASS", EventTypes.CREDENTIAL_SOUGHT);
        api.withdraw(agency, ori, first);
        api.awaitRule(agency, ori, "FAIL", EventTypes.CREDENTIAL_WITHDRAWN);

        ConsumerRecord<String, String> sought;
        try (TopicProbe probe = TopicProbe.on(api.suite.kafkaBootstrap(), Topics.CREDENTIALING_EVENTS)) {
            sought = probe.await(r -> ori.equals(r.key()) && EventTypes.CREDENTIAL_SOUGHT.equals(TopicProbe.header(r, "ce_type")),
                    SuiteApi.EVENTUALLY);
        }
        TopicProbe.resend(api.suite.kafkaBootstrap(), sought);
        // a later event on the same partition: once it is applied, the duplicate before it has been handled
        api.seek(agency, ori, body);
        var answer = api.awaitRule(agency, ori, "PASS", EventTypes.CREDENTIAL_SOUGHT);
        String secondSought = api.lastCredentialEventId(ori, EventTypes.CREDENTIAL_SOUGHT);
        assertEquals(secondSought, answer.getString("rules[0].decidedBy.eventId"), "decided by the new event, not the replay");

        List<JsonNode> changes = api.eligibilityEvents(ori, 4);
        assertEquals("false,true,false,true", changes.stream().map(e -> e.get("eligible").asText()).collect(Collectors.joining(",")));
        assertEquals(secondSought, changes.get(3).get("rules").get(0).get("decidedByEventId").asText());
    }

    @Test
    void malformedRecordsAreDeadLetteredAndThePartitionMovesOn() {
        String ori = SuiteApi.randomOri("WA");
        String bootstrap = api.suite.kafkaBootstrap();
        String marker = UUID.randomUUID().toString();
        // same key as the agency: same partition as its later, valid events
        TopicProbe.sendTo(bootstrap, Topics.CREDENTIALING_EVENTS, ori, "not json " + marker,
                "ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_type", EventTypes.CREDENTIAL_SOUGHT,
                "ce_source", "/system-test", "ce_time", Instant.now().toString(), "ce_sequence", "1");
        TopicProbe.sendTo(bootstrap, Topics.CREDENTIALING_EVENTS, ori, "{\"note\":\"no headers " + marker + "\"}");
        TopicProbe.sendTo(bootstrap, Topics.CREDENTIALING_EVENTS, ori,
                "{\"credentialId\":\"" + UUID.randomUUID() + "\",\"ori\":\"bad-ori\",\"bodyId\":\"" + UUID.randomUUID()
                        + "\",\"status\":\"SOUGHT\",\"occurredAt\":\"" + Instant.now() + "\",\"reason\":\"" + marker + "\"}",
                "ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_type", EventTypes.CREDENTIAL_SOUGHT,
                "ce_source", "/system-test", "ce_time", Instant.now().toString(), "ce_sequence", "2");

        try (TopicProbe deadLetters = TopicProbe.on(bootstrap, DEAD_LETTERS)) {
            await().atMost(SuiteApi.EVENTUALLY).until(() -> deadLetters.all(r -> carries(r, marker), Duration.ofMillis(300)).size() >= 3);
            List<ConsumerRecord<String, String>> parked = deadLetters.all(r -> carries(r, marker), Duration.ofSeconds(1));
            assertEquals(3, parked.size(), "each malformed record is parked once");
            parked.forEach(r -> assertNotNull(TopicProbe.header(r, "dead-letter-reason"), "the reason travels with it"));
        }

        api.registerAgency(ori, "LOCAL_MUNICIPAL");
        String agency = api.suite.newAgencyUser(ori);
        api.seek(agency, ori, api.certifiedBody("After Poison Body"));
        api.awaitRule(agency, ori, "PASS", EventTypes.CREDENTIAL_SOUGHT);
    }

    private static boolean carries(ConsumerRecord<String, String> record, String marker) {
        return record.value() != null && record.value().contains(marker);
    }
}
