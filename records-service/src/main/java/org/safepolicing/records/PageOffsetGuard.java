package org.safepolicing.records;

import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.platform.web.PageRequest;

/**
 * Refuses a page whose first item lies beyond what an int offset holds ({@code ?page=2147483647&size=500}): the
 * platform's {@link PageRequest} bounds the size but not the page, and its offset would overflow into a 500. Applies to
 * every list of this service, the platform's audit trail too.
 */
public class PageOffsetGuard {

    static final int DEFAULT_SIZE = 50;

    @ServerRequestFilter
    public void refuseOverflowingPage(ContainerRequestContext request) {
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        // a repeated parameter may be read by its first or its last value: take the largest of each
        long page = largest(query.get("page"), 0);
        long size = largest(query.get("size"), DEFAULT_SIZE);
        // values that are not numbers, or out of range, are left to the bean validation of PageRequest
        if (page * size > Integer.MAX_VALUE) {
            throw ProblemException.badRequest("page " + page + " of size " + size + " starts beyond the last item any"
                    + " list can have; page * size is at most " + Integer.MAX_VALUE);
        }
    }

    private static long largest(List<String> values, int absent) {
        if (values == null || values.isEmpty()) {
            return absent;
        }
        long largest = 0;
        for (String value : values) {
            Integer n = number(value);
            if (n != null && n > largest) {
                largest = n;
            }
        }
        return largest;
    }

    private static Integer number(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
