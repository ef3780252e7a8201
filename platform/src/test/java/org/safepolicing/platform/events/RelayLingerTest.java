package org.safepolicing.platform.events;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.Topics;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TopicProbe;

/**
 * A lone change is sent as soon as its transaction commits: the relay's linger (here 30 s, and no polling for a
 * minute) is only for commits that come while a batch is being sent, so each of two changes made one after the other
 * reaches Kafka long before the linger could have ended.
 */
@QuarkusTest
@TestProfile(RelayLingerTest.LongLinger.class)
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "platform"))
@QuarkusTestResource(TestTopics.class)
class RelayLingerTest {

    /** Well below the linger: with a linger before every send, no change could arrive within it. */
    private static final Duration SOONER_THAN_THE_LINGER = Duration.ofSeconds(15);

    public static class LongLinger implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("platform.outbox.linger", "30s", "platform.outbox.poll-interval", "60s");
        }
    }

    @Test
    void eachLoneChangeGoesOutWithoutTheLinger() {
        try (TopicProbe probe = TopicProbe.on(TestTopics.bootstrap(), Topics.AGENCY_REGISTRY)) {
            for (int change = 1; change <= 2; change++) {
                String key = "lone-" + UUID.randomUUID();
                String eventId = given().when().post("/platform-test/traced/" + key)
                        .then().statusCode(200).extract().asString();

                ConsumerRecord<String, String> sent = probe.await(
                        r -> eventId.equals(TopicProbe.header(r, CloudEventHeaders.ID)), SOONER_THAN_THE_LINGER);
                assertEquals(key, sent.key(), "change " + change);
            }
        }
    }
}
