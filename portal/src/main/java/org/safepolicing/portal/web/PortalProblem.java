package org.safepolicing.portal.web;

import java.util.List;

import io.quarkus.qute.TemplateData;

/**
 * A refusal to show as a page: a service's problem+json answer (its status, title and detail, as the service said
 * them), or the portal's own (a service that did not answer, a form whose CSRF token does not match). Rendered by
 * {@link ProblemPages}; never a stack trace.
 */
public class PortalProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final String detail;
    private final String service;
    private final List<FieldError> errors;
    private final long errorCount;

    /** One invalid input as the service named it ({@code encounters[3].outcome}, {@code completions[0].courseCode}). */
    @TemplateData
    public record FieldError(String field, String message) {
    }

    public PortalProblem(int status, String title, String detail, String service) {
        this(status, title, detail, service, List.of(), 0);
    }

    /**
     * A refusal with the inputs it names; {@code errorCount} is how many there are in all (a service lists the first
     * ones only).
     */
    public PortalProblem(int status, String title, String detail, String service, List<FieldError> errors,
                         long errorCount) {
        super(status + " " + title + (detail == null ? "" : ": " + detail), null, false, false);
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.service = service;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.errorCount = Math.max(errorCount, this.errors.size());
    }

    public static PortalProblem badRequest(String detail) {
        return new PortalProblem(400, "Bad request", detail, null);
    }

    public static PortalProblem forbidden(String detail) {
        return new PortalProblem(403, "Forbidden", detail, null);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    /** The inputs the refusal names, in the service's order; empty when it names none. */
    public List<FieldError> errors() {
        return errors;
    }

    /** How many inputs were wrong in all (at least {@code errors().size()}). */
    public long errorCount() {
        return errorCount;
    }

    /** The service that refused, e.g. {@code grants-service}; null for the portal's own refusals. */
    public String service() {
        return service;
    }
}
