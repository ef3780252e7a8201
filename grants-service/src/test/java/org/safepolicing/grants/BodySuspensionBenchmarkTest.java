package org.safepolicing.grants;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.contracts.events.BodyStatus;
import org.safepolicing.contracts.events.CredentialStatus;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TopicProbe;

/**
 * Benchmark: a credentialing body with many dependent agencies (3,000 with {@code -Dbenchmark.scale=full}, 300 by
 * default) is suspended. Everything is driven through the topics, as credentialing-service would: one credential event
 * per agency, then the suspension. Prints how long until every affected answer is readable, and until every
 * EligibilityChanged is on grants.eligibility.v1. A tenth of the agencies hold an award, so their per-program answers
 * and review flags are part of the work. Times are printed, not asserted; the outcome is asserted.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "grants"))
class BodySuspensionBenchmarkTest {

    private static final int AGENCIES = "full".equals(System.getProperty("benchmark.scale")) ? 3_000 : 300;
    private static final Duration SETUP = Duration.ofMinutes(10);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void suspendingABodyReDecidesAndPublishesEveryDependentAgency() throws Exception {
        GrantsDatabase db = new GrantsDatabase(dataSource);
        UUID bodyId = UUID.randomUUID();
        String prefix = "WY" + (char) ('A' + ThreadLocalRandom.current().nextInt(26))
                + (char) ('A' + ThreadLocalRandom.current().nextInt(26));
        db.awaitProcessed(Upstream.certifiedBody(bodyId, "Busy Body", Instant.now()));
        List<String> oris = new ArrayList<>();
        for (int i = 0; i < AGENCIES; i++) {
            oris.add(prefix + String.format("%05d", i));
        }
        // the agencies are current in reporting (records-service's standing, Sec. 3(d)) and seek credentials from the
        // body: written by a few threads, as busy producers would
        long consumingFrom = System.nanoTime();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (String ori : oris) {
                sent.add(writers.submit(() -> Upstream.reportingCurrent(ori, Instant.now())));
                sent.add(writers.submit(() -> Upstream.credential(ori, bodyId, EventTypes.CREDENTIAL_SOUGHT,
                        CredentialStatus.SOUGHT, Instant.now())));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            writers.shutdown();
        }
        await().atMost(SETUP).pollInterval(Duration.ofMillis(200)).until(() -> db.count(
                "select count(*) from agency_eligibility where ori like ? and eligible", prefix + "%") == AGENCIES);
        long consumed = System.nanoTime() - consumingFrom;
        System.out.printf("BENCHMARK consuming: %d events (a reporting standing and a credential per agency, two topics)"
                        + " written and applied in %d ms: %d events/s%n", 2 * AGENCIES, ms(consumed),
                2L * AGENCIES * 1_000_000_000L / Math.max(1, consumed));
        UUID programId = GrantsApi.program("100000000.00");
        List<UUID> awards = new ArrayList<>();
        for (int i = 0; i < AGENCIES; i += 10) {
            awards.add(GrantsApi.awarded(GrantsApi.applied(programId, oris.get(i), "1000.00"), "1000.00"));
        }

        long started = System.nanoTime();
        String suspension = Upstream.body(bodyId, "Busy Body", EventTypes.BODY_SUSPENDED, BodyStatus.SUSPENDED,
                BodyStatus.CERTIFIED, "benchmark", Instant.now());
        long sent = System.nanoTime();
        await().atMost(SETUP).pollInterval(Duration.ofMillis(20)).until(() -> db.count(
                "select count(*) from agency_eligibility where ori like ? and not eligible", prefix + "%") == AGENCIES);
        long readable = System.nanoTime();
        Set<String> published = new HashSet<>();
        try (TopicProbe probe = TopicProbe.of(Topics.GRANTS_ELIGIBILITY)) {
            while (published.size() < AGENCIES && System.nanoTime() - readable < SETUP.toNanos()) {
                for (ConsumerRecord<String, String> r : probe.all(r -> r.key().startsWith(prefix)
                        && r.value().contains(suspension) && Upstream.field(r, "grantProgramId") == null,
                        Duration.ofMillis(100))) {
                    published.add(r.key());
                }
            }
        }
        long onTopic = System.nanoTime();

        assertEquals(AGENCIES, published.size());
        assertEquals(AGENCIES, db.count("select count(*) from eligibility_history where ori like ? and decided_by_event_id = ?"
                + " and grant_program_id is null", prefix + "%", suspension));
        assertEquals(awards.size(), db.count("select count(*) from grant_award where ori like ? and flagged", prefix + "%"));
        System.out.printf("BENCHMARK body suspended with %d dependent agencies (%d awards flagged): sent in %d ms;"
                        + " every answer readable after %d ms; every EligibilityChanged on %s after %d ms%n",
                AGENCIES, awards.size(), ms(sent - started), ms(readable - started), Topics.GRANTS_ELIGIBILITY,
                ms(onTopic - started));
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
