package org.safepolicing.platform.web;

import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Echoes the request id on every answer, so a caller can quote it. */
public class RequestIdFilter {

    private final RequestContext request;

    RequestIdFilter(RequestContext request) {
        this.request = request;
    }

    @ServerResponseFilter
    public void addRequestId(ContainerResponseContext response) {
        response.getHeaders().putSingle(RequestContext.REQUEST_ID_HEADER, request.requestId());
    }
}
