package org.safepolicing.credentialing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.safepolicing.credentialing.CredentialingApi.randomOri;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.Topics;
import org.safepolicing.testing.TopicProbe;

/**
 * Benchmark, not a timed test: how long an event waits in the outbox between the change (ce_time, inside the
 * transaction) and the relay handing it to Kafka (the record's create time). It prints the figures and asserts only
 * that every event arrived once.
 */
@QuarkusTest
@QuarkusTestResource(value = org.safepolicing.testing.SuiteServers.class,
        initArgs = @ResourceArg(name = "database", value = "credentialing"))
class OutboxLatencyBenchmarkTest {

    private static final int EVENTS = 200;

    @Test
    void outboxToKafkaLatency() {
        List<String> oris = new ArrayList<>();
        try (TopicProbe registry = TopicProbe.of(Topics.AGENCY_REGISTRY)) {
            Instant start = Instant.now();
            for (int i = 0; i < EVENTS; i++) {
                String ori = randomOri("NY");
                oris.add(ori);
                CredentialingApi.registerAgency(ori, "LOCAL_MUNICIPAL");
            }
            Duration requests = Duration.between(start, Instant.now());
            Set<String> wanted = new HashSet<>(oris);
            registry.await(r -> r.key().equals(oris.get(oris.size() - 1)), Duration.ofSeconds(60));
            List<ConsumerRecord<String, String>> records = registry.all(r -> wanted.contains(r.key()), Duration.ofSeconds(1));
            assertEquals(EVENTS, records.size(), "every registration published exactly once");
            assertEquals(EVENTS, records.stream().map(r -> TopicProbe.header(r, "ce_id")).distinct().count());

            long[] waits = records.stream()
                    .mapToLong(r -> r.timestamp() - Instant.parse(TopicProbe.header(r, "ce_time")).toEpochMilli())
                    .sorted().toArray();
            System.out.printf(Locale.ROOT,
                    "BENCHMARK outbox->kafka, %d events sent one request at a time (%d ms for the requests): "
                            + "p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
                    EVENTS, requests.toMillis(), pct(waits, 50), pct(waits, 95), pct(waits, 99), waits[waits.length - 1]);
        }
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
