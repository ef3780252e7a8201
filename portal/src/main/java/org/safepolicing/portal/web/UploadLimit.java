package org.safepolicing.portal.web;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Named;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The portal's upload limit ({@code quarkus.http.limits.max-body-size}, 2 MB) as a page people can read. Quarkus itself
 * answers a request whose Content-Length is over the limit with a bare 413 (no body) and closes the connection before
 * reading the body, so a browser still sending the file often shows "connection reset" instead. Here, before Quarkus'
 * check (its route has order -2): a request that announces more than the limit is answered with the portal's page that
 * names the limit; its body, up to {@link #DRAINED} times the limit, is read and thrown away first, so the browser has
 * sent it all and shows the page; a larger one gets the page at once. Browsers always announce the length of a form
 * they post. A body sent without a length (chunked, which only other clients do) is cut off by Quarkus REST with its
 * bare 413 once it passes the limit (it writes that answer itself); a 413 that reaches a failure handler or
 * {@link ProblemPages} gets this page. Templates read the limit as {@code inject:uploadLimit}.
 */
@Named("uploadLimit")
@ApplicationScoped
public class UploadLimit {

    /** Before Quarkus' own body-size check (RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT, -2) and every other route. */
    static final int ORDER = -1_000;
    /** How many times the limit a refused body may be before it is no longer read to its end. */
    static final int DRAINED = 8;

    private final long limit;
    private final Template page;

    UploadLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit,
                @Location("upload-too-large") Template page) {
        this.limit = limit.asLongValue();
        this.page = page;
    }

    /** The limit in bytes. */
    public long getBytes() {
        return limit;
    }

    /** The limit as people read it, e.g. {@code 2 MB}. */
    public String getLabel() {
        return size(limit);
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
        router.route().order(ORDER).failureHandler(context -> {
            if (context.statusCode() == 413 && !context.response().headWritten()) {
                refuse(context, null);
            } else {
                context.next();
            }
        });
    }

    private void check(RoutingContext context) {
        HttpMethod method = context.request().method();
        String header = context.request().getHeader("Content-Length");
        long length = header == null || method == HttpMethod.GET || method == HttpMethod.HEAD ? -1 : length(header);
        if (length <= limit) {
            context.next();
            return;
        }
        if (length > DRAINED * limit) {
            refuse(context, length);
            return;
        }
        context.request().handler(ignored -> {
        });
        context.request().exceptionHandler(ignored -> context.request().connection().close());
        context.request().endHandler(ignored -> refuse(context, length));
        context.request().resume();
    }

    /** The portal's page for an upload over the limit; the connection is closed after it (the body may be unread). */
    String render(Long sent) {
        return page.data("limit", getLabel()).data("sent", sent == null ? null : size(sent)).render();
    }

    private void refuse(RoutingContext context, Long sent) {
        if (context.response().ended()) {
            return;
        }
        context.response().setStatusCode(413).putHeader("Content-Type", "text/html;charset=UTF-8")
                .putHeader("Connection", "close").putHeader("Cache-Control", "no-store")
                .endHandler(ignored -> context.request().connection().close())
                .end(render(sent));
    }

    private static long length(String header) {
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String size(long bytes) {
        long mb = 1024L * 1024;
        if (bytes % mb == 0) {
            return bytes / mb + " MB";
        }
        if (bytes >= mb) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (double) mb);
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }
}
