package org.safepolicing.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.response.Response;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;

/**
 * PostgreSQL goes away while the services run (its launcher is SIGKILLed; the server is shut down with it). Every
 * service answers what needs its database with {@code 503} problem+json and {@code Retry-After}, reads and changes
 * alike, never a {@code 500}; readiness reports DOWN. Once PostgreSQL is back on the same data, the services
 * reconnect by themselves, nothing stored before is lost, and a change made then flows on to grants.
 */
class DatabaseOutageIT {

    private static Suite suite;

    @BeforeAll
    static void stack() {
        suite = new Suite();
    }

    @Test
    void everyServiceAnswers503WhileTheDatabaseIsAwayAndRecoversAfter() {
        Suite.Agency agency = suite.newAgency("MD");
        String ori = agency.ori();
        String token = suite.token(agency);
        String body = suite.certifiedBody("Database Outage Body");
        String before = suite.seek(agency, body);
        ConsumerRecord<String, String> sought = suite.credentialEvent(ori, EventTypes.CREDENTIAL_SOUGHT, before);
        suite.awaitAnswer(token, ori, Suite.SEC_2B, "PASS", Suite.ceId(sought), true);
        String admin = suite.admin(); // tokens first: Keycloak is not what this test takes away

        Map<String, Supplier<Response>> calls = new LinkedHashMap<>();
        calls.put("credentialing: read the agency's credentials",
                () -> suite.as(token).get(suite.credentialing() + "/api/v1/agencies/" + ori + "/credentials"));
        calls.put("credentialing: seek a credential",
                () -> suite.as(token).body(Map.of("bodyId", body))
                        .post(suite.credentialing() + "/api/v1/agencies/" + ori + "/credentials"));
        calls.put("records: read the reporting standing",
                () -> suite.as(token).get(url(SystemStack.RECORDS) + "/api/v1/agencies/" + ori + "/reporting"));
        calls.put("records: file a zero report",
                () -> suite.as(token).body(Map.of("period", SystemStack.FIRST_REPORTING_PERIOD, "zeroReport", true))
                        .post(url(SystemStack.RECORDS) + "/api/v1/agencies/" + ori + "/reports"));
        calls.put("coresponder: read the agency's programs",
                () -> suite.as(token).get(url(SystemStack.CORESPONDER) + "/api/v1/agencies/" + ori + "/programs"));
        calls.put("grants: read eligibility", () -> suite.as(token).get(suite.eligibilityUrl(ori)));
        calls.put("grants: list programs", () -> suite.as(admin).get(url(SystemStack.GRANTS) + "/api/v1/grant-programs"));

        suite.stack.postgres().kill();
        try {
            int port = suite.stack.postgres().port();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !accepting(port));
            // the first calls may meet pooled connections the server has just closed: those must be 503s too
            for (int round = 0; round < 2; round++) {
                calls.forEach((what, call) -> {
                    Response r = call.get();
                    assertEquals(503, r.statusCode(), what + " while the database is away: " + r.asString());
                    assertEquals("application/problem+json", r.contentType().split(";")[0], what);
                    assertEquals("5", r.header("Retry-After"), what + ": Retry-After");
                    JsonNode problem = Suite.json(r.asString());
                    assertTrue(problem.path("type").asText().endsWith("service-unavailable"), what + ": " + problem);
                    assertFalse(r.asString().contains("Exception"), what + " shows no exception: " + r.asString());
                });
            }
            Response ready = suite.as(admin).get(suite.credentialing() + "/q/health/ready");
            assertEquals(503, ready.statusCode(), "readiness while the database is away: " + ready.asString());
        } finally {
            suite.stack.postgres().start();
        }

        // back: the services reconnect by themselves; what was stored before is there; a new change flows to grants
        await().atMost(Suite.EVENTUALLY).pollInterval(Duration.ofMillis(500)).until(() ->
                suite.as(token).get(suite.credentialing() + "/api/v1/agencies/" + ori + "/credentials").statusCode() == 200);
        List<String> ids = suite.as(token).get(suite.credentialing() + "/api/v1/agencies/" + ori + "/credentials")
                .jsonPath().getList("id");
        assertEquals(List.of(before), ids, "the credential stored before the outage, and only it");
        suite.withdraw(agency, before);
        ConsumerRecord<String, String> withdrawn = suite.credentialEvent(ori, EventTypes.CREDENTIAL_WITHDRAWN, before);
        suite.awaitAnswer(token, ori, Suite.SEC_2B, "FAIL", Suite.ceId(withdrawn), false);
        for (String service : List.of(SystemStack.CREDENTIALING, SystemStack.RECORDS, SystemStack.CORESPONDER,
                SystemStack.GRANTS)) {
            await().atMost(Suite.EVENTUALLY).pollInterval(Duration.ofMillis(500)).until(() ->
                    suite.as(admin).get(url(service) + "/q/health/ready").statusCode() == 200);
        }
    }

    private static String url(String service) {
        return suite.stack.url(service);
    }

    private static boolean accepting(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
