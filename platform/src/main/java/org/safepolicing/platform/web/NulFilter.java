package org.safepolicing.platform.web;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.safepolicing.platform.problem.ProblemException;

/**
 * Refuses a path or query value with a NUL character (400 problem+json) before any resource sees it: PostgreSQL can
 * neither store nor compare text with NUL, so such a value passed on to a query would fail as a 500. JSON bodies are
 * covered by {@link NulRefusingJson}.
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
                throw ProblemException.badRequest("query parameter " + parameter.getKey().replace('\u0000', '?')
                        + " contains a NUL character");
            }
        }
    }
}
