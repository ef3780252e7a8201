package org.safepolicing.platform.tracing;

import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * The spans of the event backbone (OpenTelemetry messaging conventions): the relay's send of a row, a consumer's batch of
 * one partition, and the effect of each event. Each takes its parent from the event's {@link TraceContext}, so a change
 * is one trace from the request that made it to the events its consumers publish in turn.
 */
@ApplicationScoped
public class EventSpans {

    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
    static final AttributeKey<String> CONSUMER = AttributeKey.stringKey("messaging.consumer.group.name");
    static final AttributeKey<Long> BATCH_SIZE = AttributeKey.longKey("messaging.batch.message_count");
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("cloudevents.event_id");
    static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("cloudevents.event_type");

    private final Tracer tracer;

    public EventSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /**
     * The relay's send of one outbox row, a child of the context the row was written in; null for a row written outside
     * any trace (it is sent without trace headers, as before). The record carries this span's context.
     */
    public Span publishing(String topic, String eventId, String eventType, TraceContext written) {
        if (written == null) {
            return null;
        }
        SpanContext parent = written.spanContext();
        if (!parent.isValid()) {
            return null;
        }
        return tracer.spanBuilder("publish " + topic)
                .setParent(Context.root().with(Span.wrap(parent)))
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(OPERATION, "publish")
                .setAttribute(DESTINATION, topic)
                .setAttribute(MESSAGE_ID, eventId)
                .setAttribute(EVENT_ID, eventId)
                .setAttribute(EVENT_TYPE, eventType)
                .startSpan();
    }

    /**
     * A consumer's transaction over one partition's records of a poll. Its parent is the first record's context that has
     * one (a poll of one event, the usual case for a change made by a request, stays in that event's trace), and it links
     * to every record's context; without any, it is the root of a new trace.
     */
    public Span batch(String consumer, String topic, int partition, List<TraceContext> records) {
        List<SpanContext> contexts = records.stream().filter(Objects::nonNull).map(TraceContext::spanContext)
                .filter(SpanContext::isValid).toList();
        SpanBuilder span = tracer.spanBuilder("process " + topic)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(OPERATION, "process")
                .setAttribute(DESTINATION, topic)
                .setAttribute(PARTITION, Integer.toString(partition))
                .setAttribute(CONSUMER, consumer)
                .setAttribute(BATCH_SIZE, (long) records.size());
        span.setParent(contexts.isEmpty() ? Context.root() : Context.root().with(Span.wrap(contexts.get(0))));
        for (SpanContext c : contexts) {
            span.addLink(c);
        }
        return span.startSpan();
    }

    /**
     * The effect of one event, a child of the context the event was sent with (linked to the consumer's current span, its
     * batch), else of the current span. Events the effect publishes carry this span's context.
     */
    public Span applying(String consumer, String topic, String eventId, String eventType, TraceContext sent) {
        SpanContext parent = sent == null ? SpanContext.getInvalid() : sent.spanContext();
        SpanBuilder span = tracer.spanBuilder("process " + eventType)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(OPERATION, "process")
                .setAttribute(DESTINATION, topic)
                .setAttribute(CONSUMER, consumer)
                .setAttribute(MESSAGE_ID, eventId)
                .setAttribute(EVENT_ID, eventId)
                .setAttribute(EVENT_TYPE, eventType);
        if (parent.isValid()) {
            span.setParent(Context.root().with(Span.wrap(parent)));
            SpanContext around = Span.current().getSpanContext();
            if (around.isValid()) {
                span.addLink(around);
            }
        }
        return span.startSpan();
    }

    /** Marks the span failed with the exception. */
    public static void failed(Span span, Throwable error) {
        if (span != null) {
            span.recordException(error);
            span.setStatus(StatusCode.ERROR, error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
        }
    }

    /** Marks the span failed with a reason. */
    public static void failed(Span span, String reason) {
        if (span != null) {
            span.setStatus(StatusCode.ERROR, reason);
        }
    }
}
