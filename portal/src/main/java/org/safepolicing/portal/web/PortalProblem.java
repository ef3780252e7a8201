package org.safepolicing.portal.web;

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

    public PortalProblem(int status, String title, String detail, String service) {
        super(status + " " + title + (detail == null ? "" : ": " + detail), null, false, false);
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.service = service;
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

    /** The service that refused, e.g. {@code grants-service}; null for the portal's own refusals. */
    public String service() {
        return service;
    }
}
