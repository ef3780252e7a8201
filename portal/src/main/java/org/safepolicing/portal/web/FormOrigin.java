package org.safepolicing.portal.web;

import java.net.URI;

import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * A second line behind each form's CSRF token, before sign-in or any form is read: a state-changing request whose
 * {@code Origin} names another site, or that the browser marks as cross-site ({@code Sec-Fetch-Site}), is refused
 * with a 403 page.
 */
public class FormOrigin {

    void register(@Observes Filters filters) {
        filters.register(this::check, 100);
    }

    private void check(RoutingContext context) {
        HttpMethod method = context.request().method();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
            context.next();
            return;
        }
        String refusal = refusal(context);
        if (refusal == null) {
            context.next();
            return;
        }
        context.response().setStatusCode(403).putHeader("Content-Type", "text/html;charset=UTF-8")
                .end(PAGE.formatted(escape(refusal)));
    }

    /** A page of its own (no sign-in state is read this early): the title, the detail, the way back. */
    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Forbidden · Safe Policing portal</title><link rel="stylesheet" href="/assets/portal.css"></head>
            <body><main id="main"><section class="problem"><h1>Forbidden</h1><p class="status">HTTP 403</p>
            <p id="problem-detail">%s</p><p><a href="/">Back to the start page</a></p></section></main></body></html>
            """;

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String refusal(RoutingContext context) {
        if ("cross-site".equals(context.request().getHeader("Sec-Fetch-Site"))) {
            return "A form from another site cannot change anything here.";
        }
        String origin = context.request().getHeader("Origin");
        if (origin == null || origin.isBlank() || "null".equals(origin)) {
            return null;
        }
        URI from;
        try {
            from = URI.create(origin.strip());
        } catch (IllegalArgumentException e) {
            return "A form from an unreadable origin cannot change anything here.";
        }
        URI self = URI.create(context.request().absoluteURI());
        if (from.getHost() == null || !from.getHost().equalsIgnoreCase(self.getHost()) || port(from) != port(self)) {
            return "A form from another site (" + origin + ") cannot change anything here.";
        }
        return null;
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }
}
