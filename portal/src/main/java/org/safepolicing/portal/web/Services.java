package org.safepolicing.portal.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The portal's only way to the suite: HTTP calls to the four services' public APIs, with the signed-in user's own
 * access token (or none, for public pages). The services decide what the user may see and do; a refusal comes back
 * as a {@link PortalProblem} with the service's own title and detail, and a service that does not answer in time as
 * a 503 problem. Nothing is cached: every page shows what the service says now.
 */
@ApplicationScoped
public class Services {

    /** The four services. */
    public enum Service {
        CREDENTIALING("credentialing-service"), RECORDS("records-service"), CORESPONDER("coresponder-service"),
        GRANTS("grants-service");

        final String label;

        Service(String label) {
            this.label = label;
        }
    }

    private static final Logger LOG = Logger.getLogger(Services.class);
    /** Reads the services' answers: unknown fields ignored, amounts exact (200000.00 stays 200000.00). */
    public static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build();

    private final Map<Service, String> bases = new LinkedHashMap<>();
    private final Duration timeout;
    private final HttpClient http;

    Services(@ConfigProperty(name = "portal.credentialing-url") String credentialing,
             @ConfigProperty(name = "portal.records-url") String records,
             @ConfigProperty(name = "portal.coresponder-url") String coresponder,
             @ConfigProperty(name = "portal.grants-url") String grants,
             @ConfigProperty(name = "portal.service-timeout", defaultValue = "10s") Duration timeout) {
        bases.put(Service.CREDENTIALING, trim(credentialing));
        bases.put(Service.RECORDS, trim(records));
        bases.put(Service.CORESPONDER, trim(coresponder));
        bases.put(Service.GRANTS, trim(grants));
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** GET {@code path} (with {@code query}, blank values left out) as the user whose token is given (null: none). */
    public JsonNode get(Service service, String path, Map<String, ?> query, String token) {
        return send(service, HttpRequest.newBuilder(uri(service, path, query)).GET(), token, "application/json");
    }

    /** GET of a text document (e.g. CSV), returned as it came. */
    public String getText(Service service, String path, String accept, String token) {
        HttpResponse<String> response = exchange(service, HttpRequest.newBuilder(uri(service, path, Map.of()))
                .header("Accept", accept).GET(), token);
        refuseUnlessOk(service, response);
        return response.body();
    }

    /**
     * POST a JSON body; {@code idempotencyKey} (one per rendered form) makes a resubmitted form have one effect only.
     */
    public JsonNode post(Service service, String path, Object body, String token, String idempotencyKey) {
        return write(service, "POST", path, body, token, idempotencyKey);
    }

    /**
     * POST a document as it was uploaded (e.g. a JSON file of encounters), with its content type; the service reads
     * and checks it, the portal does not.
     */
    public JsonNode postDocument(Service service, String path, byte[] document, String contentType, String token,
                                 String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(service, path, Map.of()))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(document));
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(service, request, token, "application/json");
    }

    /** PUT a JSON body (a finding recorded again replaces the last one). */
    public JsonNode put(Service service, String path, Object body, String token, String idempotencyKey) {
        return write(service, "PUT", path, body, token, idempotencyKey);
    }

    private JsonNode write(Service service, String method, String path, Object body, String token, String idempotencyKey) {
        String json;
        try {
            json = JSON.writeValueAsString(body == null ? Map.of() : body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a request body", e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(service, path, Map.of()))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(service, request, token, "application/json");
    }

    private JsonNode send(Service service, HttpRequest.Builder request, String token, String accept) {
        HttpResponse<String> response = exchange(service, request.header("Accept", accept), token);
        refuseUnlessOk(service, response);
        try {
            return response.body() == null || response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new PortalProblem(502, "Unreadable answer", service.label + " answered with a body that is not JSON",
                    service.label);
        }
    }

    private HttpResponse<String> exchange(Service service, HttpRequest.Builder request, String token) {
        request.timeout(timeout);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.debugf("%s did not answer: %s", service.label, e.toString());
            throw new PortalProblem(503, "Service unavailable", service.label
                    + " did not answer. Nothing was changed by this page; try again in a moment.", service.label);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortalProblem(503, "Service unavailable", "the request was interrupted", service.label);
        }
    }

    private static void refuseUnlessOk(Service service, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        String title = null;
        String detail = null;
        List<PortalProblem.FieldError> errors = new ArrayList<>();
        long errorCount = 0;
        try {
            JsonNode problem = JSON.readTree(response.body());
            title = text(problem, "title");
            detail = text(problem, "detail");
            for (JsonNode error : problem.path("errors")) {
                errors.add(new PortalProblem.FieldError(text(error, "field"), text(error, "message")));
            }
            errorCount = problem.path("errorCount").asLong(errors.size());
        } catch (IOException | RuntimeException e) {
            // not problem+json: the status alone says it
        }
        if (status == 401) {
            StepUpRequired stepUp = StepUpRequired.of(service.label, response.headers().allValues("WWW-Authenticate"));
            if (stepUp != null) {
                throw stepUp;
            }
            title = "Signed out";
            detail = "Your sign-in has ended or was not accepted by " + service.label + ". Sign in again.";
        }
        if (title == null) {
            title = status >= 500 ? "Service error" : "Refused";
        }
        if (status >= 500 && status != 503) {
            // a service's 5xx is its fault, not the user's: say so without passing on what it said
            LOG.warnf("%s answered %d: %s", service.label, status, detail);
            detail = service.label + " could not answer (HTTP " + status + "). Nothing on this page was changed by the portal.";
            errors.clear();
            errorCount = 0;
        }
        throw new PortalProblem(status, title, detail, service.label, errors, errorCount);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private URI uri(Service service, String path, Map<String, ?> query) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> {
            if (value != null && !value.toString().isBlank()) {
                q.add(encode(name) + "=" + encode(value.toString().strip()));
            }
        });
        return URI.create(bases.get(service) + path + q);
    }

    /** One path segment, percent-encoded. */
    public static String segment(String value) {
        return encode(value).replace("+", "%20");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String trim(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
