package org.safepolicing.platform.web;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;

import io.vertx.core.http.HttpServerRequest;

/**
 * Facts of the current HTTP request that logs, problems and the audit trail need: a request id (the caller's
 * {@code X-Request-Id} when it is sane, else a new one) and the caller's address.
 */
@RequestScoped
public class RequestContext {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final Instance<HttpServerRequest> http;
    private String requestId;

    RequestContext(Instance<HttpServerRequest> http) {
        this.http = http;
    }

    public String requestId() {
        if (requestId == null) {
            String given = http.isResolvable() ? http.get().getHeader(REQUEST_ID_HEADER) : null;
            requestId = given != null && SANE_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        }
        return requestId;
    }

    /** The peer address of the connection (proxies are resolved by quarkus.http.proxy settings). */
    public String sourceAddress() {
        if (!http.isResolvable() || http.get().remoteAddress() == null) {
            return null;
        }
        return http.get().remoteAddress().hostAddress();
    }
}
