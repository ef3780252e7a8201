package org.safepolicing.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.Topics;
import org.safepolicing.stack.KafkaTopics;

/**
 * Benchmark (prints, asserts only correctness): from a credential change committed in credentialing-service to the
 * new eligibility readable in grants-service, with every service, Kafka, PostgreSQL and Keycloak running on this
 * machine.
 *
 * <p>Several agencies change their credentials at the same time, each in a closed loop (seek, wait until grants
 * answers PASS, withdraw, wait until FAIL, ...), which keeps a steady load of changes on the suite. One sample is the
 * time from the answer of the credentialing call (the change is committed by then) to the first grants answer that
 * shows it, read by polling grants' eligibility API every 50 ms (so that figure is an upper bound, up to 50 ms late).
 * The precise figure comes from the events' own timestamps (see {@link #printStages}): the credential event's
 * {@code ce_time}, written in credentialing's transaction, to the {@code ce_time} of the eligibility event written in
 * grants' deciding transaction, whose commit makes the new answer readable. (Polling every 2 ms from 8 agencies was
 * itself a load of thousands of authenticated requests a second on the 2 cores that run the whole suite, and measured
 * mostly that.)
 *
 * <p>Size: {@code -Dbenchmark.scale=full} takes 2,000 samples (enough for p99.9); the default takes 300.
 */
class EligibilityLatencyBenchmarkIT {

    private static final boolean FULL = "full".equals(System.getProperty("benchmark.scale"));
    private static final int AGENCIES = 4;
    private static final int SAMPLES = FULL ? 2_000 : 300;
    private static final Duration POLL = Duration.ofMillis(50);

    private static Suite suite;

    @BeforeAll
    static void stack() {
        suite = new Suite();
    }

    @Test
    void credentialChangeToEligibilityReadable() throws Exception {
        String body = suite.certifiedBody("Latency Body");
        List<Suite.Agency> agencies = new ArrayList<>();
        for (int i = 0; i < AGENCIES; i++) {
            agencies.add(suite.newAgency("OH"));
        }
        int perAgency = SAMPLES / AGENCIES;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(AGENCIES);
        try {
            List<Future<?>> loops = new ArrayList<>();
            for (Suite.Agency agency : agencies) {
                loops.add(pool.submit(() -> {
                    changeInALoop(http, agency, body, perAgency, micros);
                    return null;
                }));
            }
            for (Future<?> loop : loops) {
                loop.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(perAgency * AGENCIES, micros.size(), "one sample per change");
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT,
                "BENCHMARK credential change committed -> eligibility seen by polling grants every 50 ms (%d changes, %d agencies "
                        + "changing concurrently, all services on this machine): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, "
                        + "p99.9 %.1f ms, max %.1f ms%n",
                sorted.size(), AGENCIES, ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), ms(sorted, 0.999),
                sorted.get(sorted.size() - 1) / 1000.0);
        assertTrue(sorted.get(0) > 0, "a change cannot be readable before it was made");
        printStages(agencies);
    }

    /**
     * Where the time goes, from the timestamps the events carry: the credential event's {@code ce_time} (written in
     * credentialing's transaction), its Kafka timestamp (when the outbox relay sent it) and the {@code ce_time} of the
     * eligibility event grants published for it (written in grants' deciding transaction). One clock: one machine.
     */
    private static void printStages(List<Suite.Agency> agencies) {
        suite.awaitGrantsCaughtUp();
        List<Long> relay = new ArrayList<>();
        List<Long> decide = new ArrayList<>();
        List<Long> total = new ArrayList<>();
        for (Suite.Agency agency : agencies) {
            java.util.Map<String, Instant> decidedAt = new java.util.HashMap<>();
            for (ConsumerRecord<String, String> r : suite.kafka.readKey(Topics.GRANTS_ELIGIBILITY, agency.ori())) {
                JsonNode data = Suite.json(r.value());
                if (data.path("grantProgramId").isTextual()) {
                    continue;
                }
                String by = Suite.sec2b(data).path("decidedByEventId").asText(null);
                if (by != null) {
                    decidedAt.putIfAbsent(by, Instant.parse(KafkaTopics.header(r, "ce_time")));
                }
            }
            for (ConsumerRecord<String, String> r : suite.kafka.readKey(Topics.CREDENTIALING_EVENTS, agency.ori())) {
                Instant written = Instant.parse(KafkaTopics.header(r, "ce_time"));
                Instant sent = Instant.ofEpochMilli(r.timestamp());
                Instant decided = decidedAt.get(Suite.ceId(r));
                if (decided != null) {
                    relay.add(Duration.between(written, sent).toNanos() / 1_000);
                    decide.add(Duration.between(sent, decided).toNanos() / 1_000);
                    total.add(Duration.between(written, decided).toNanos() / 1_000);
                }
            }
        }
        Collections.sort(relay);
        Collections.sort(decide);
        Collections.sort(total);
        System.out.printf(Locale.ROOT, "BENCHMARK credential change written in credentialing -> decision written in grants,"
                        + " from the events' ce_time (%d changes): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms,"
                        + " max %.1f ms%n", total.size(), ms(total, 0.5), ms(total, 0.9), ms(total, 0.99),
                ms(total, 0.999), total.get(total.size() - 1) / 1000.0);
        System.out.printf(Locale.ROOT, "BENCHMARK stages of %d changes: credentialing commit -> sent by its outbox relay"
                        + " p50 %.1f ms, p99 %.1f ms; sent -> grants' decision written p50 %.1f ms, p99 %.1f ms"
                        + " (Kafka timestamps are whole milliseconds)%n", relay.size(), ms(relay, 0.5), ms(relay, 0.99),
                ms(decide, 0.5), ms(decide, 0.99));
        assertTrue(relay.size() >= SAMPLES / 2, "most changes matched to their decision: " + relay.size());
    }

    /** seek → PASS → withdraw → FAIL → ..., one sample per change. */
    private static void changeInALoop(HttpClient http, Suite.Agency agency, String body, int changes, List<Long> micros)
            throws Exception {
        String credential = null;
        for (int i = 0; i < changes; i++) {
            String token = suite.token(agency);
            boolean seeking = credential == null;
            if (seeking) {
                credential = suite.seek(agency, body);
            } else {
                suite.withdraw(agency, credential);
                credential = null;
            }
            long committed = System.nanoTime();
            String expected = seeking ? "PASS" : "FAIL";
            awaitOutcome(http, token, agency.ori(), expected);
            micros.add((System.nanoTime() - committed) / 1_000);
        }
    }

    private static void awaitOutcome(HttpClient http, String token, String ori, String outcome) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(suite.eligibilityUrl(ori)))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + Suite.EVENTUALLY.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200) {
                JsonNode rule = Suite.sec2b(Suite.json(response.body()));
                if (outcome.equals(rule.path("outcome").asText())) {
                    return;
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(POLL.toNanos());
        }
        throw new AssertionError("grants never answered " + outcome + " for " + ori + " within " + Suite.EVENTUALLY
                + "; last answer: " + last);
    }

    private static double ms(List<Long> sortedMicros, double quantile) {
        int index = (int) Math.ceil(quantile * sortedMicros.size()) - 1;
        return sortedMicros.get(Math.max(0, Math.min(index, sortedMicros.size() - 1))) / 1000.0;
    }
}
