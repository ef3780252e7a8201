package org.safepolicing.portal.web;

import java.util.List;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every refusal as a page: the status, the title and the detail (a service's own words, or the portal's), and where
 * to go next. Nothing else: no stack trace, no exception text of the portal's own.
 */
public class ProblemPages {

    private static final Logger LOG = Logger.getLogger(ProblemPages.class);

    @CheckedTemplate(basePath = "")
    static class Templates {
        static native TemplateInstance problem(int status, String title, String detail, String service,
                                               List<PortalProblem.FieldError> errors, long errorCount);

        static native TemplateInstance stepUp(String title, String detail, String service, String signIn,
                                              boolean levelHeld);
    }

    /**
     * A service asks for a sign-in with a second factor (RFC 9470). A page that was only read (GET) sends the person
     * straight through Keycloak's sign-in asking for that level and back to the page ({@link StepUpPages}); a form
     * (POST), whose content a sign-in would lose, gets a page that says why and starts that sign-in with one click and
     * returns to the page the form was on, as does a page whose sign-in already holds the level asked for (no loop).
     */
    @ServerExceptionMapper
    public Response stepUp(StepUpRequired stepUp, io.vertx.core.http.HttpServerRequest request) {
        Viewer viewer = io.quarkus.arc.Arc.container().instance(Viewer.class).get();
        boolean levelHeld = viewer.getAcr() != null && stepUp.acrValues().contains(viewer.getAcr());
        boolean read = request.method() == io.vertx.core.http.HttpMethod.GET;
        String back = read ? request.uri() : sameSitePath(request);
        String signIn = StepUpPages.startPath(stepUp.acrValues(), stepUp.maxAge(), back);
        if (read && !levelHeld && !stepUp.acrValues().isEmpty()) {
            return Response.seeOther(java.net.URI.create(signIn)).header("Cache-Control", "no-store").build();
        }
        return stepUpPage(stepUp, signIn, levelHeld, stepUp.detail());
    }

    static Response stepUpPage(StepUpRequired stepUp, String signIn, boolean levelHeld, String detail) {
        return Response.status(401).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Cache-Control", "no-store")
                .entity(Templates.stepUp(stepUp.title(), detail, stepUp.service(), signIn, levelHeld).render())
                .build();
    }

    /** The page a form was sent from (its Referer, when it is this site's), else null. */
    private static String sameSitePath(io.vertx.core.http.HttpServerRequest request) {
        String referer = request.getHeader("Referer");
        if (referer == null) {
            return null;
        }
        try {
            java.net.URI from = java.net.URI.create(referer);
            java.net.URI self = java.net.URI.create(request.absoluteURI());
            if (from.getHost() == null || !from.getHost().equalsIgnoreCase(self.getHost()) || from.getPort() != self.getPort()) {
                return null;
            }
            return from.getRawPath() + (from.getRawQuery() == null ? "" : "?" + from.getRawQuery());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @ServerExceptionMapper
    public Response portalProblem(PortalProblem problem) {
        return Response.status(problem.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.problem(problem.status(), problem.title(), problem.detail(), problem.service(),
                        problem.errors(), problem.errorCount()).render()).build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return page(404, "Not found", "There is no page at this address.", null);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return page(405, "Method not allowed", "This page cannot be used that way.", null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 300 && status < 400) {
            return e.getResponse();
        }
        if (status == 413) {
            return Response.status(413).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Connection", "close")
                    .entity(io.quarkus.arc.Arc.container().instance(UploadLimit.class).get().render(null)).build();
        }
        if (status >= 500) {
            LOG.error("portal request failed", e);
            return page(status, "Portal error", "The portal could not show this page. Nothing was changed.", null);
        }
        return page(status, status == 415 ? "Unsupported form" : "Bad request",
                "The portal could not read what was sent (HTTP " + status + ").", null);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("portal request failed", e);
        return page(500, "Portal error", "The portal could not show this page. Nothing was changed by it.", null);
    }

    static Response page(int status, String title, String detail, String service) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.problem(status, title, detail, service, List.of(), 0).render()).build();
    }
}
