package org.safepolicing.credentialing;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safepolicing.credentialing.CredentialingApi.as;
import static org.safepolicing.credentialing.CredentialingApi.assess;
import static org.safepolicing.credentialing.CredentialingApi.assessor;
import static org.safepolicing.credentialing.CredentialingApi.certifiedBody;
import static org.safepolicing.credentialing.CredentialingApi.decide;
import static org.safepolicing.credentialing.CredentialingApi.seek;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;
import org.safepolicing.testing.TopicProbe;

/**
 * A body suspended while 500 of its agencies hold SOUGHT or CREDENTIALED credentials. The decision (README, "When a
 * body's standing changes"): the credentials themselves do not change, so the service publishes exactly one event, the
 * body's, keyed by its id; grants-service re-decides every agency whose credential names the body when it reads it.
 * This test proves each of the 500 agencies is reachable from that one event (its credential's last event names the
 * body), that the event carries the body's whole standing, and that nothing else changes.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "credentialing"))
class BodySuspensionImpactTest {

    private static final int AGENCIES = 500;
    private static final int CONTROL = 5;
    private static final Duration EVENT_WAIT = Duration.ofSeconds(60);

    @Test
    void suspendingABodyWith500AgenciesIsOneBodyEventThatReachesEachAndChangesNothingElse() {
        String prefix = "NE" + letters(2);
        List<String> oris = new ArrayList<>();
        StringBuilder csv = new StringBuilder("ori,name,type,state\n");
        for (int i = 0; i < AGENCIES + CONTROL; i++) {
            String ori = prefix + String.format("%05d", i);
            oris.add(ori);
            csv.append(ori).append(",Suspension Test Agency ").append(i).append(",LOCAL_MUNICIPAL,NE\n");
        }
        as(TestTokens.dojAdmin()).contentType("text/csv").body(csv.toString()).post("/api/v1/agencies/import")
                .then().statusCode(200).body("registered", equalTo(AGENCIES + CONTROL));
        List<String> affected = oris.subList(0, AGENCIES);
        List<String> control = oris.subList(AGENCIES, AGENCIES + CONTROL);

        String bodyId = certifiedBody(CredentialingApi.MANDATORY);
        String controlBody = certifiedBody(CredentialingApi.MANDATORY);
        Map<String, String> credentialOf = new java.util.concurrent.ConcurrentHashMap<>();
        // four callers at once, as several agencies and the body's assessors would be
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int n = 0; n < AGENCIES; n++) {
                int i = n;
                done.add(callers.submit(() -> {
                    String ori = affected.get(i);
                    String id = seek(ori, bodyId);
                    credentialOf.put(ori, id);
                    if (i % 2 == 1) { // half of them credentialed, half still seeking
                        assess(ori, id, bodyId, "UOF_LAWFUL", "MET");
                        assess(ori, id, bodyId, "CHOKEHOLD_BAN", "MET");
                        decide(ori, id, bodyId, "CREDENTIALED");
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get(5, java.util.concurrent.TimeUnit.MINUTES);
            }
        } catch (Exception e) {
            throw new AssertionError("setting up 500 credentials failed", e);
        } finally {
            callers.shutdownNow();
        }
        control.forEach(ori -> seek(ori, controlBody));
        as(assessor(bodyId)).get("/api/v1/bodies/{id}/reports/eligible-agencies", bodyId).then().statusCode(200)
                .body("count", equalTo(AGENCIES));

        try (TopicProbe topic = TopicProbe.of(Topics.CREDENTIALING_EVENTS)) {
            Set<String> affectedSet = new HashSet<>(affected);
            // every credential event of the 500 is out before the suspension
            int before = 0;
            java.time.Instant deadline = java.time.Instant.now().plus(EVENT_WAIT);
            while (before < AGENCIES + AGENCIES / 2 && java.time.Instant.now().isBefore(deadline)) {
                before = topic.all(r -> affectedSet.contains(r.key()), Duration.ofMillis(500)).size();
            }
            assertEquals(AGENCIES + AGENCIES / 2, before, "500 sought + 250 granted");

            as(TestTokens.dojAdmin()).body("{\"reason\":\"assessor conflicts of interest under review\"}")
                    .post("/api/v1/bodies/{id}/suspension", bodyId).then().statusCode(200).body("status", equalTo("SUSPENDED"));

            ConsumerRecord<String, String> suspended = topic.await(
                    r -> EventContract.is(r, bodyId, EventTypes.BODY_SUSPENDED), EVENT_WAIT);
            JsonNode data = EventContract.check(suspended);
            assertEquals(bodyId, data.get("bodyId").asText());
            assertEquals("SUSPENDED", data.get("status").asText());
            assertEquals("CERTIFIED", data.get("previousStatus").asText());
            assertEquals("assessor conflicts of interest under review", data.get("reason").asText());
            assertTrue(data.get("termEnd").isTextual(), "the term travels with the standing");
            assertEquals(2, data.get("coveredStandards").size());

            List<ConsumerRecord<String, String>> all = topic.all(r -> true, Duration.ofSeconds(3));
            // exactly one event about the body after the suspension, and no credential event for any of the 500
            long bodyEventsAfter = all.stream().filter(r -> bodyId.equals(r.key()))
                    .filter(r -> r.partition() == suspended.partition() && r.offset() >= suspended.offset()).count();
            assertEquals(1, bodyEventsAfter);
            assertEquals(before, all.stream().filter(r -> affectedSet.contains(r.key())).count(),
                    "no credential of the 500 changed, so none has a new event");
            assertTrue(all.stream().noneMatch(r -> controlBody.equals(r.key())
                    && !EventTypes.BODY_APPLIED.equals(TopicProbe.header(r, "ce_type"))
                    && !EventTypes.BODY_CERTIFIED.equals(TopicProbe.header(r, "ce_type"))), "the other body is untouched");

            // each affected agency's latest credential event names the body, so the body event reaches it
            Map<String, JsonNode> latest = new HashMap<>();
            all.stream().filter(r -> affectedSet.contains(r.key())).forEach(r -> latest.put(r.key(), EventContract.json(r)));
            assertEquals(AGENCIES, latest.size());
            latest.forEach((ori, event) -> {
                assertEquals(bodyId, event.get("bodyId").asText(), ori);
                assertEquals(credentialOf.get(ori), event.get("credentialId").asText(), ori);
            });
        }

        // the credentials are as they were; the body's list of eligible agencies is empty while it is suspended
        as(assessor(bodyId)).get("/api/v1/bodies/{id}/credentials?status=SOUGHT&size=1", bodyId).then().statusCode(200)
                .body("total", equalTo(AGENCIES / 2));
        as(assessor(bodyId)).get("/api/v1/bodies/{id}/credentials?status=CREDENTIALED&size=1", bodyId).then().statusCode(200)
                .body("total", equalTo(AGENCIES / 2));
        as(assessor(bodyId)).get("/api/v1/bodies/{id}/reports/eligible-agencies", bodyId).then().statusCode(200)
                .body("bodyStatus", equalTo("SUSPENDED")).body("count", equalTo(0));
        as(assessor(controlBody)).get("/api/v1/bodies/{id}/reports/eligible-agencies", controlBody).then().statusCode(200)
                .body("count", equalTo(CONTROL));
        as(TestTokens.dojAdmin()).get("/api/v1/agencies?q={prefix}&size=1", prefix).then().statusCode(200)
                .body("total", equalTo(AGENCIES + CONTROL));

        // reinstated, the same 500 are eligible again: nothing was lost
        as(TestTokens.dojAdmin()).post("/api/v1/bodies/{id}/reinstatement", bodyId).then().statusCode(200);
        as(assessor(bodyId)).get("/api/v1/bodies/{id}/reports/eligible-agencies", bodyId).then().statusCode(200)
                .body("count", equalTo(AGENCIES));
    }

    private static String letters(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('A' + ThreadLocalRandom.current().nextInt(26)));
        }
        return s.toString();
    }
}
