package org.safepolicing.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.stack.KafkaTopics;

/**
 * The broker dies (SIGKILL, no clean shutdown) while agencies change their credentials. The API keeps answering (the
 * outbox holds the events), credentialing stays ready with its event backbone DEGRADED, and once the broker is back every event
 * reaches grants-service and none has a second effect: each agency's eligibility events are exactly the transitions
 * its changes call for, in order, each decided by the right event.
 */
class BrokerOutageIT {

    /**
     * The most one readiness request may take while the broker is gone: the platform's probe gives up after 1.5 s
     * (Kafka's admin defaults would wait 60 s); this bound leaves room for a loaded machine.
     */
    private static final Duration READINESS_ANSWER = Duration.ofSeconds(10);

    private static Suite suite;

    @BeforeAll
    static void stack() {
        suite = new Suite();
    }

    @Test
    void everyEventArrivesOnceAfterTheBrokerComesBack() throws Exception {
        String body = suite.certifiedBody("Outage Body");
        // three agencies, three stories: seek-withdraw-seek (ends PASS), seek-withdraw (ends FAIL), seek (ends PASS)
        List<Suite.Agency> agencies = List.of(suite.newAgency("PA"), suite.newAgency("PA"), suite.newAgency("NJ"));
        int[] changes = {3, 2, 1};
        suite.awaitGrantsCaughtUp();
        for (Suite.Agency agency : agencies) {
            assertEquals(List.of(Suite.trail(false, "FAIL", null)), suite.eligibilityTrail(agency.ori()),
                    "before the outage: registered, no credential");
        }
        agencies.forEach(suite::token); // tokens first: Keycloak is not what this test takes away
        double duplicatesBefore = duplicatesDropped();

        suite.stack.kafka().kill();
        Instant killed = Instant.now();
        try {
            Instant changing = Instant.now();
            for (int i = 0; i < agencies.size(); i++) {
                Suite.Agency agency = agencies.get(i);
                String credential = suite.seek(agency, body);
                if (changes[i] >= 2) {
                    suite.withdraw(agency, credential);
                }
                if (changes[i] >= 3) {
                    suite.seek(agency, body);
                }
            }
            System.out.printf("with the broker down, %d credential changes answered 2xx in %d ms%n",
                    Arrays.stream(changes).sum(), Duration.between(changing, Instant.now()).toMillis());
            // the API answered every change (2xx, checked above) and the events wait in the outbox
            int made = Arrays.stream(changes).sum();
            assertTrue(suite.outboxPending(SystemStack.CREDENTIALING) >= made,
                    "the outbox holds the " + made + " credential events while Kafka is down");

            // still in service (200), the event backbone DEGRADED in its details, each answer within seconds
            AtomicLong slowest = new AtomicLong();
            JsonNode backbone = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                Instant asked = Instant.now();
                HttpResponse<String> answer = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(suite.credentialing() + "/q/health/ready"))
                                .timeout(READINESS_ANSWER).GET().build(), HttpResponse.BodyHandlers.ofString());
                slowest.accumulateAndGet(Duration.between(asked, Instant.now()).toMillis(), Math::max);
                assertEquals(200, answer.statusCode(), "credentialing stays in service while Kafka is down: " + answer.body());
                return eventBackbone(Suite.json(answer.body()));
            }, b -> "DEGRADED".equals(b.path("kafka").asText()));
            assertEquals("DEGRADED", backbone.path("kafka").asText(), "readiness names Kafka: " + backbone);
            assertEquals("DEGRADED", backbone.path("status").asText(), "readiness: " + backbone);
            System.out.printf("credentialing readiness answered 200 with the event backbone DEGRADED %d s into the"
                    + " outage, each answer within %d ms: %s%n", Duration.between(killed, Instant.now()).toSeconds(),
                    slowest.get(), backbone);
        } finally {
            suite.stack.kafka().start();
        }

        // back: ready again, and everything arrives
        await().atMost(Suite.EVENTUALLY).pollInterval(Duration.ofMillis(500)).until(() -> "UP".equals(
                eventBackbone(Suite.json(given().get(suite.credentialing() + "/q/health/ready").asString()))
                        .path("kafka").asText()));
        suite.awaitGrantsCaughtUp();

        System.out.printf("grants' inbox dropped %.0f redelivered event(s) during and after the outage%n",
                duplicatesDropped() - duplicatesBefore);
        for (int i = 0; i < agencies.size(); i++) {
            Suite.Agency agency = agencies.get(i);
            List<ConsumerRecord<String, String>> records = suite.kafka.readKey(Topics.CREDENTIALING_EVENTS, agency.ori());
            // distinct events, in the order they were made (a redelivered copy keeps its ce_id and is not counted)
            LinkedHashSet<String> ids = new LinkedHashSet<>();
            List<String> types = new ArrayList<>();
            for (ConsumerRecord<String, String> r : records) {
                if (ids.add(Suite.ceId(r))) {
                    types.add(KafkaTopics.header(r, "ce_type"));
                }
            }
            List<String> expectedTypes = List.of(EventTypes.CREDENTIAL_SOUGHT, EventTypes.CREDENTIAL_WITHDRAWN,
                    EventTypes.CREDENTIAL_SOUGHT).subList(0, changes[i]);
            assertEquals(expectedTypes, types, agency.ori() + ": the credential events, each once, in order ("
                    + records.size() + " record(s) for " + ids.size() + " event(s))");
            if (records.size() > ids.size()) {
                System.out.printf("%s: %d credential record(s) on the topic for %d distinct event(s): redelivered"
                        + " after the outage; grants must have applied each once (checked below)%n",
                        agency.ori(), records.size(), ids.size());
            }

            List<String> eventIds = List.copyOf(ids);
            List<String> expected = new ArrayList<>(List.of(Suite.trail(false, "FAIL", null),
                    Suite.trail(true, "PASS", eventIds.get(0))));
            if (changes[i] >= 2) {
                expected.add(Suite.trail(false, "FAIL", eventIds.get(1)));
            }
            if (changes[i] >= 3) {
                expected.add(Suite.trail(true, "PASS", eventIds.get(2)));
            }
            assertEquals(expected, suite.eligibilityTrail(agency.ori()),
                    agency.ori() + ": eligibility events after the outage, each transition once, in order");

            // and the answer is the last change's
            String lastOutcome = changes[i] == 2 ? "FAIL" : "PASS";
            suite.awaitRule(suite.token(agency), agency.ori(), lastOutcome, eventIds.get(eventIds.size() - 1));
        }
    }

    private static double duplicatesDropped() {
        return suite.metricIfAny(SystemStack.GRANTS, "inbox_events_total", "result=\"duplicate\"").orElse(0);
    }

    /** The data of the platform's event-backbone readiness check. */
    private static JsonNode eventBackbone(JsonNode health) {
        for (JsonNode check : health.path("checks")) {
            if ("event-backbone".equals(check.path("name").asText())) {
                return check.path("data");
            }
        }
        throw new AssertionError("no event-backbone check in readiness: " + health);
    }
}
