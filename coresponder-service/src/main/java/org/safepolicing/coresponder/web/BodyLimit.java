package org.safepolicing.coresponder.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service takes bodies up to 48 MB ({@code quarkus.http.limits.max-body-size}) for one endpoint only, the bulk
 * encounter submission. Every other request that announces more than the platform's 10 MB, and a bulk submission that
 * announces more than the service's limit, is refused here with 413 problem+json on its Content-Length, before its
 * body is read (the HTTP server's own refusal has no body).
 */
@ApplicationScoped
public class BodyLimit {

    static final long LIMIT = 10L * 1024 * 1024;
    private static final String PROBLEM = """
            {"type":"urn:safe-policing:problem:payload-too-large","title":"Payload too large","status":413,\
            "detail":"%s"}""";

    private final long bulkLimit;

    BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize bulkLimit) {
        this.bulkLimit = bulkLimit.asLongValue();
    }

    void install(@Observes Router router) {
        String other = PROBLEM.formatted("a request body here is at most 10 MB; only a bulk encounter submission may be larger ("
                + megabytes(bulkLimit) + ")");
        String bulk = PROBLEM.formatted("a bulk encounter submission is at most " + megabytes(bulkLimit)
                + "; split the batch");
        router.route().order(-1_000).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            boolean isBulk = ctx.request().path().endsWith("/encounters/bulk");
            if (length != null && tooLong(length, isBulk ? bulkLimit : LIMIT)) {
                ctx.response().setStatusCode(413).putHeader("Content-Type", "application/problem+json")
                        .putHeader("Connection", "close").end(isBulk ? bulk : other);
                return;
            }
            ctx.next();
        });
    }

    private static String megabytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes + " bytes";
    }

    private static boolean tooLong(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
