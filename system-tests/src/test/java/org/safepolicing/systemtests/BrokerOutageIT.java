package org.safepolicing.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.testing.TopicProbe;

/**
 * The broker dies while agencies change their credentials. The API keeps answering (the outbox holds the events),
 * readiness reports Kafka down, and after the broker is back every event arrives at grants-service and none has a
 * second effect.
 */
class BrokerOutageIT {

    private static final int AGENCIES = 3;
    private final SuiteApi api = new SuiteApi();

    @Test
    void everyEventArrivesOnceAfterTheBrokerComesBack() {
        String body = api.certifiedBody("Outage Body");
        List<String> oris = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < AGENCIES; i++) {
            String ori = SuiteApi.randomOri("PA");
            api.registerAgency(ori, "LOCAL_MUNICIPAL");
            oris.add(ori);
            tokens.add(api.suite.newAgencyUser(ori));
        }
        // each agency's first answer (registered, no credential) is out before the broker dies
        oris.forEach(ori -> api.eligibilityEvents(ori, 1));

        api.suite.kafka().kill();
        try {
            for (int i = 0; i < AGENCIES; i++) {
                String credential = api.seek(tokens.get(i), oris.get(i), body);
                api.withdraw(tokens.get(i), oris.get(i), credential);
                api.seek(tokens.get(i), oris.get(i), body);
            }
            await().atMost(Duration.ofSeconds(90)).until(() ->
                    given().get(api.suite.url(SuiteUnderTest.CREDENTIALING) + "/q/health/ready").statusCode() == 503);
        } finally {
            api.suite.kafka().start();
        }

        for (int i = 0; i < AGENCIES; i++) {
            String ori = oris.get(i);
            api.awaitRule(tokens.get(i), ori, "PASS", EventTypes.CREDENTIAL_SOUGHT);
            List<JsonNode> changes = api.eligibilityEvents(ori, 4);
            String outcomes = changes.stream().map(e -> e.get("eligible").asText()).collect(Collectors.joining(","));
            if (changes.size() != 4) {
                dumpDiagnostics(ori);
            }
            assertEquals("false,true,false,true", outcomes,
                    "agency " + ori + ": registered, sought, withdrawn, sought again, each applied exactly once");
            assertEquals(api.lastCredentialEventId(ori, EventTypes.CREDENTIAL_SOUGHT),
                    changes.get(3).get("rules").get(0).get("decidedByEventId").asText());
            assertInOrder(ori);
        }
        await().atMost(SuiteApi.EVENTUALLY).until(() ->
                given().get(api.suite.url(SuiteUnderTest.CREDENTIALING) + "/q/health/ready").statusCode() == 200);
    }

    /** What partners see of one agency's credential events (committed records only) is in outbox order. */
    private void assertInOrder(String ori) {
        try (TopicProbe probe = TopicProbe.on(api.suite.kafkaBootstrap(), Topics.CREDENTIALING_EVENTS)) {
            List<Long> sequences = probe.all(r -> ori.equals(r.key()), Duration.ofSeconds(2)).stream()
                    .map(r -> Long.valueOf(TopicProbe.header(r, "ce_sequence"))).toList();
            assertEquals(3, sequences.stream().distinct().count(), "sought, withdrawn, sought: " + sequences);
            for (int i = 1; i < sequences.size(); i++) {
                assertTrue(sequences.get(i) >= sequences.get(i - 1), "events of " + ori + " out of order: " + sequences);
            }
        }
    }

    private void dumpDiagnostics(String ori) {
        try (TopicProbe probe = TopicProbe.on(api.suite.kafkaBootstrap(),
                Topics.CREDENTIALING_EVENTS)) {
            probe.all(r -> ori.equals(r.key()), Duration.ofSeconds(3)).forEach(r -> System.out.println("DIAG record p" + r.partition()
                    + "@" + r.offset() + " " + TopicProbe.header(r, "ce_type") + " "
                    + TopicProbe.header(r, "ce_id") + " seq " + TopicProbe.header(r, "ce_sequence")));
        }
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", api.suite.kafkaBootstrap());
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(p)) {
            admin.listConsumerGroupOffsets("grants-service").partitionsToOffsetAndMetadata().get()
                    .forEach((tp, om) -> System.out.println("DIAG committed " + tp + " " + om.offset()));
        } catch (Exception e) {
            System.out.println("DIAG admin failed " + e);
        }
    }
}
