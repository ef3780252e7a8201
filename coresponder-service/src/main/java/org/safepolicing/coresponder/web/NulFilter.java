package org.safepolicing.coresponder.web;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.safepolicing.platform.problem.ProblemException;

/**
 * Refuses a path or query value with a NUL character (400 problem+json) before any resource sees it. PostgreSQL cannot
 * store or compare text with NUL, so such a value, passed on to a query, failed as a 500; the platform's
 * {@code GET /api/v1/audit/entries} did exactly that with {@code ?actor=%00}.
 */
public class NulFilter {

    @ServerRequestFilter
    public void refuseNul(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().indexOf('\u0000') >= 0) {
            throw ProblemException.badRequest("the path contains a NUL character");
        }
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters().entrySet()) {
            if (parameter.getKey().indexOf('\u0000') >= 0
                    || parameter.getValue().stream().anyMatch(v -> v != null && v.indexOf('\u0000') >= 0)) {
                throw ProblemException.badRequest("query parameter values must not contain a NUL character");
            }
        }
    }
}
