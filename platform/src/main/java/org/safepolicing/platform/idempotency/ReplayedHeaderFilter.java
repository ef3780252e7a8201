package org.safepolicing.platform.idempotency;

import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** {@code Idempotent-Replayed: true} on an answer that repeats the first answer to the same Idempotency-Key. */
public class ReplayedHeaderFilter {

    public static final String HEADER = "Idempotent-Replayed";

    private final IdempotencyState state;

    ReplayedHeaderFilter(IdempotencyState state) {
        this.state = state;
    }

    @ServerResponseFilter
    public void mark(ContainerResponseContext response) {
        if (state.isReplayed()) {
            response.getHeaders().putSingle(HEADER, "true");
        }
    }
}
