package org.safepolicing.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.events.AgencySnapshot;
import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.platform.tracing.EventSpans;

/** How the inbox reads a Kafka record as a CloudEvent, and which records it calls poison. */
class CloudEventReadingTest {

    private final EventInbox inbox = new EventInbox(null, new ObjectMapper().registerModule(new JavaTimeModule()),
            new InboxConfig() {
                @Override
                public int maxAttempts() {
                    return 1;
                }

                @Override
                public Duration initialBackoff() {
                    return Duration.ofMillis(1);
                }

                @Override
                public Duration maxBackoff() {
                    return Duration.ofMillis(1);
                }

                @Override
                public int parallelism() {
                    return 1;
                }

                @Override
                public Duration retention() {
                    return Duration.ofDays(30);
                }
            }, new SimpleMeterRegistry(), new EventSpans(OpenTelemetry.noop().getTracer("test")));

    private static ConsumerRecord<String, String> record(String value, String... headers) {
        ConsumerRecord<String, String> r = new ConsumerRecord<>("agency-registry.v1", 3, 42L, "VA0290100", value);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            r.headers().add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return r;
    }

    private static final String[] GOOD_HEADERS = {"ce_specversion", "1.0", "ce_id", "e-1", "ce_type", "org.safepolicing.agency.registered",
            "ce_source", "/safe-policing/credentialing-service", "ce_time", "2026-11-22T10:00:00Z", "ce_sequence", "17",
            "ce_subject", "VA0290100"};

    @Test
    void aCloudEventInBinaryModeIsReadWithItsAttributesAndPlace() {
        InboundEvent e = inbox.read(record("{\"ori\":\"VA0290100\",\"type\":\"TRIBAL\",\"active\":true,\"future\":1}", GOOD_HEADERS));
        assertEquals("e-1", e.id());
        assertEquals("org.safepolicing.agency.registered", e.type());
        assertEquals(Instant.parse("2026-11-22T10:00:00Z"), e.time());
        assertEquals(17L, e.sequence());
        assertEquals("VA0290100", e.key());
        assertEquals(3, e.partition());
        assertEquals(42L, e.offset());
        AgencySnapshot data = inbox.data(e, AgencySnapshot.class);
        assertEquals(AgencyType.TRIBAL, data.type(), "unknown fields are accepted: schemas only grow");
    }

    @Test
    void recordsThatAreNotCloudEventsArePoison() {
        assertThrows(PoisonEventException.class, () -> inbox.read(record("{}")));
        assertThrows(PoisonEventException.class, () -> inbox.read(record("{}", "ce_specversion", "0.3", "ce_id", "x",
                "ce_type", "t", "ce_source", "s")));
        assertThrows(PoisonEventException.class, () -> inbox.read(record("not json", GOOD_HEADERS)));
        assertThrows(PoisonEventException.class, () -> inbox.read(record("[1,2]", GOOD_HEADERS)));
        assertThrows(PoisonEventException.class, () -> inbox.read(record(null, GOOD_HEADERS)));
        String[] badTime = GOOD_HEADERS.clone();
        badTime[9] = "yesterday";
        assertThrows(PoisonEventException.class, () -> inbox.read(record("{}", badTime)));
        String[] badSequence = GOOD_HEADERS.clone();
        badSequence[11] = "seventeen";
        assertThrows(PoisonEventException.class, () -> inbox.read(record("{}", badSequence)));
    }

    @Test
    void dataThatDoesNotFitTheContractIsPoisonWithAReason() {
        InboundEvent e = inbox.read(record("{\"ori\":\"VA0290100\",\"swornOfficers\":\"many\"}", GOOD_HEADERS));
        PoisonEventException poison = assertThrows(PoisonEventException.class, () -> inbox.data(e, AgencySnapshot.class));
        assertTrue(poison.getMessage().contains("AgencySnapshot"), poison.getMessage());
    }

    @Test
    void theTraceContextIsReadFromTheHeadersAndAWrongOneIsNoPoison() {
        String parent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        String[] traced = concat(GOOD_HEADERS, "traceparent", parent, "tracestate", "vendor=1");
        InboundEvent e = inbox.read(record("{}", traced));
        assertEquals(parent, e.trace().traceparent());
        assertEquals("vendor=1", e.trace().tracestate());
        assertEquals("0af7651916cd43dd8448eb211c80319c", e.trace().spanContext().getTraceId());
        assertTrue(e.trace().spanContext().isRemote());

        assertNull(inbox.read(record("{}", GOOD_HEADERS)).trace(), "an event sent outside any trace has none");
        // a foreign producer's malformed context is ignored as a parent, and the event is read as usual
        InboundEvent wrong = inbox.read(record("{}", concat(GOOD_HEADERS, "traceparent", "00-not-a-context")));
        assertEquals("e-1", wrong.id());
        assertFalse(wrong.trace().spanContext().isValid());
    }

    private static String[] concat(String[] headers, String... more) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + more.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }
}
