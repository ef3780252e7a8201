package org.safepolicing.platform.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.safepolicing.platform.events.OutboxRelay;
import org.safepolicing.testing.SuiteServers;

/** Readiness of the event backbone on the real broker, and against a port where no broker listens. */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "platform"))
class EventBackboneHealthTest {

    @Inject
    OutboxRelay relay;

    @Test
    void withTheBrokerUpTheBackboneIsUpAndSaysSo() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'event-backbone' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'event-backbone' }.data.kafka", equalTo("UP"))
                .body("checks.find { it.name == 'event-backbone' }.data.relay", equalTo("UP"))
                .body("checks.find { it.name == 'event-backbone' }.data.outboxPending", greaterThanOrEqualTo(0));
        assertNull(EventBackboneHealth.probe(probeAdmin(relay.kafkaConnection())));
    }

    @Test
    void withNoBrokerTheProbeAnswersDegradedInSecondsNotAMinute() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort(); // free again once closed: nothing listens there
        }
        try (Admin admin = probeAdmin(Map.of("bootstrap.servers", "127.0.0.1:" + closed))) {
            long started = System.nanoTime();
            String problem = EventBackboneHealth.probe(admin);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertNotNull(problem);
            assertTrue(problem.startsWith("no broker answered within 1500 ms"), problem);
            // bounded by the probe's own timeout (1.5 s); an admin call with Kafka's defaults waits 60 s
            assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "took " + took);
        }
    }

    private static Admin probeAdmin(Map<String, Object> connection) {
        return Admin.create(EventBackboneHealth.settings(connection));
    }
}
