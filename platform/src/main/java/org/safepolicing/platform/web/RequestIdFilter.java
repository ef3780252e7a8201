package org.safepolicing.platform.web;

import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Puts the request id into the logging context (MDC key {@value #MDC_KEY}), so every line logged for the request names
 * it (the JSON logs of the prod profile carry it next to OpenTelemetry's {@code traceId} and {@code spanId}), and
 * echoes it on every answer, so a caller can quote it.
 */
public class RequestIdFilter {

    public static final String MDC_KEY = "requestId";

    private final RequestContext request;

    RequestIdFilter(RequestContext request) {
        this.request = request;
    }

    @ServerRequestFilter(preMatching = true)
    public void logRequestId() {
        // Quarkus keeps the MDC in the request's Vert.x context, so it follows the request to a worker thread and
        // ends with it
        MDC.put(MDC_KEY, request.requestId());
    }

    @ServerResponseFilter
    public void addRequestId(ContainerResponseContext response) {
        response.getHeaders().putSingle(RequestContext.REQUEST_ID_HEADER, request.requestId());
    }
}
