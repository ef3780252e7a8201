package org.safepolicing.platform.tracing;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * The W3C trace context an event carries: {@code traceparent} and, when there is one, {@code tracestate}. The outbox row
 * keeps it (columns of the same names), the relay sends it as Kafka headers of the same names, and the consumer reads it
 * back, so the spans of one change, across services, form one trace.
 */
public record TraceContext(String traceparent, String tracestate) {

    /** The W3C header, also the Kafka header name (as OpenTelemetry's Kafka instrumentation reads it). */
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    /** The context of the span current on this thread (a request's, a consumer's), or null outside any trace. */
    public static TraceContext current() {
        return of(Context.current());
    }

    /** The context of {@code context}'s span, or null when it has no valid span. */
    public static TraceContext of(Context context) {
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(context, carrier, Map::put);
        String parent = carrier.get(TRACEPARENT);
        return parent == null ? null : new TraceContext(parent, carrier.get(TRACESTATE));
    }

    /** Read from headers (a lookup by name that answers null when absent); null without a {@code traceparent}. */
    public static TraceContext from(Function<String, String> headers) {
        String parent = headers.apply(TRACEPARENT);
        if (parent == null || parent.isBlank()) {
            return null;
        }
        String state = headers.apply(TRACESTATE);
        return new TraceContext(parent, state == null || state.isBlank() ? null : state);
    }

    /** The span it names, as a remote parent; invalid (and then ignored as a parent) when the value is not W3C. */
    public SpanContext spanContext() {
        return Span.fromContext(W3C.extract(Context.root(), this, GETTER)).getSpanContext();
    }

    private static final TextMapGetter<TraceContext> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(TraceContext carrier) {
            return carrier.tracestate() == null ? java.util.List.of(TRACEPARENT) : java.util.List.of(TRACEPARENT, TRACESTATE);
        }

        @Override
        public String get(TraceContext carrier, String key) {
            if (carrier == null) {
                return null;
            }
            return TRACEPARENT.equals(key) ? carrier.traceparent() : TRACESTATE.equals(key) ? carrier.tracestate() : null;
        }
    };
}
