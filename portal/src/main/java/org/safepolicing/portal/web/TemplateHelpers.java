package org.safepolicing.portal.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.quarkus.qute.TemplateExtension;

/** Small helpers for templates: {@code {q.url}} percent-encodes a query value. */
@TemplateExtension
public final class TemplateHelpers {

    static String url(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private TemplateHelpers() {
    }
}
