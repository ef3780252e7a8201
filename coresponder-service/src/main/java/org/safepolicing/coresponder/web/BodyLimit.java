package org.safepolicing.coresponder.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * The service takes bodies up to 48 MB ({@code quarkus.http.limits.max-body-size}) for one endpoint only, the bulk
 * encounter submission. Every other request that announces more than the platform's 10 MB is refused here with 413
 * problem+json on its Content-Length, before its body is read.
 */
@ApplicationScoped
public class BodyLimit {

    static final long LIMIT = 10L * 1024 * 1024;
    private static final String PROBLEM = """
            {"type":"urn:safe-policing:problem:payload-too-large","title":"Payload too large","status":413,\
            "detail":"a request body here is at most 10 MB; only a bulk encounter submission may be larger (48 MB)"}""";

    void install(@Observes Router router) {
        router.route().order(-1_000).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && !ctx.request().path().endsWith("/encounters/bulk") && tooLong(length)) {
                ctx.response().setStatusCode(413).putHeader("Content-Type", "application/problem+json")
                        .putHeader("Connection", "close").end(PROBLEM);
                return;
            }
            ctx.next();
        });
    }

    private static boolean tooLong(String length) {
        try {
            return Long.parseLong(length.trim()) > LIMIT;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
