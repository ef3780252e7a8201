package org.safepolicing.platform.events;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import org.safepolicing.platform.tracing.TraceContext;

/**
 * A CloudEvent as a consumer receives it: the {@code ce_*} attributes, where it came from on Kafka, and its data.
 *
 * @param sequence the producer's outbox sequence ({@code ce_sequence}); increases per aggregate key, so a consumer can
 *                 drop an event older than one it already applied
 * @param trace    the W3C trace context it was sent with ({@code traceparent}, {@code tracestate} headers); null for an
 *                 event sent outside any trace. The inbox runs the effect in a span of that trace.
 */
public record InboundEvent(
        String id,
        String type,
        String source,
        String subject,
        Instant time,
        Long sequence,
        String key,
        String topic,
        int partition,
        long offset,
        JsonNode data,
        TraceContext trace) {
}
