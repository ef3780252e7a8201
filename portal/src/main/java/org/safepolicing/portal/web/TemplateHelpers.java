package org.safepolicing.portal.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.quarkus.qute.TemplateExtension;

/**
 * Small helpers for templates: {@code {q.url}} percent-encodes a query value; {@code {fmt:when(instant)}} writes a
 * moment as people read it, in UTC to the minute (empty when there is none).
 */
@TemplateExtension
public final class TemplateHelpers {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    static String url(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @TemplateExtension(namespace = "fmt")
    static String when(Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }

    private TemplateHelpers() {
    }
}
