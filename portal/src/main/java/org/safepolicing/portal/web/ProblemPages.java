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
