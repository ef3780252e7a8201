package org.safepolicing.platform.problem;

import java.lang.reflect.Method;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.inject.Instance;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.safepolicing.platform.audit.AuditTrail;
import org.safepolicing.platform.audit.OfficerLevelData;
import org.safepolicing.platform.web.RequestContext;

/**
 * Every error leaves every service as RFC 9457 problem+json with a stable type, and never with a stack trace.
 * Unexpected failures are logged here with the request id the caller is given.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final UriInfo uri;
    private final RequestContext request;
    private final AuditTrail audit;
    private final Instance<HttpServerRequest> http;

    ProblemMappers(UriInfo uri, RequestContext request, AuditTrail audit, Instance<HttpServerRequest> http) {
        this.uri = uri;
        this.request = request;
        this.audit = audit;
        this.http = http;
    }

    private String method() {
        return http.isResolvable() ? http.get().method().name() : "?";
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, ResourceInfo resource) {
        if ((e.status() == 401 || e.status() == 409 || e.status() == 422) && officerLevel(resource)) {
            try {
                audit.recordRejection(method(), uri.getPath(), e.status(), e.slug());
            } catch (RuntimeException auditFailure) {
                LOG.errorf(auditFailure, "request %s: the refusal could not be audited", request.requestId());
            }
        }
        return respond(e);
    }

    private static boolean officerLevel(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        Class<?> type = resource == null ? null : resource.getResourceClass();
        return (method != null && method.isAnnotationPresent(OfficerLevelData.class))
                || (type != null && type.isAnnotationPresent(OfficerLevelData.class));
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(new ProblemException(400, "invalid-input", "Invalid input",
                "the request has " + errors.size() + " invalid value(s)", errors));
    }

    // Listed one by one: Quarkus ships mappers for some of these subtypes, and the most specific type wins.
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class,
            InvalidFormatException.class, UnrecognizedPropertyException.class, InvalidDefinitionException.class,
            ValueInstantiationException.class})
    public Response unreadableJson(JsonProcessingException e) {
        String detail;
        if (e instanceof UnrecognizedPropertyException u) {
            // the path ends with the unknown field and says where it is, e.g. records[12].clientName
            detail = "unknown or read-only field '" + (u.getPath().isEmpty() ? u.getPropertyName() : path(u)) + "'";
        } else if (e instanceof InvalidFormatException f) {
            detail = "value " + f.getValue() + " is not valid for '" + path(f) + "'";
        } else if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            detail = "invalid value for '" + path(m) + "'";
        } else {
            detail = "the body is not valid JSON";
        }
        return respond(new ProblemException(400, "unreadable-body", "Unreadable request body", detail));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e) {
        try {
            String authorization = http.isResolvable() ? http.get().getHeader("Authorization") : null;
            audit.recordUnauthenticated(method(), uri.getPath(), UnauthenticatedReason.of(authorization, e));
        } catch (RuntimeException auditFailure) {
            LOG.errorf(auditFailure, "request %s: the refusal could not be audited", request.requestId());
        }
        return respond(new ProblemException(401, "unauthorized", "Unauthorized", "a valid bearer token is required"));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(new ProblemException(403, "forbidden", "Forbidden", "the caller's role does not allow this"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return unreadableJson(json);
            }
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        if (status == 404 && e.getCause() != null && !(e.getCause() instanceof WebApplicationException)) {
            // JAX-RS answers a query or path parameter it cannot convert (?page=abc, an id that is not a UUID) with
            // 404, the cause being the conversion's failure: the resource exists, the value is wrong, so 400
            return respond(new ProblemException(400, "bad-request", "Bad Request",
                    "a path or query parameter of " + uri.getPath() + " has a value of the wrong type ("
                            + cut(e.getCause().getMessage()) + ")"));
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        String slug = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> "bad-request";
        };
        String detail = status == 404 ? "no resource at " + uri.getPath()
                : e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : reason;
        return respond(new ProblemException(status, slug, reason, detail));
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        if (DatabaseUnavailable.causedBy(e)) {
            LOG.warnf("request %s %s: the database is unreachable (%s)", request.requestId(), uri.getPath(), e);
            return respond(DatabaseUnavailable.problem());
        }
        LOG.errorf(e, "request %s %s failed", request.requestId(), uri.getPath());
        return respond(new ProblemException(500, "internal-error", "Internal error",
                "the request could not be completed; quote request id " + request.requestId()));
    }

    private Response respond(ProblemException e) {
        if (e.status() == 403) {
            try {
                audit.recordRefusal(method(), uri.getPath());
            } catch (RuntimeException auditFailure) {
                LOG.errorf(auditFailure, "request %s: the refusal could not be audited", request.requestId());
            }
        }
        Response.ResponseBuilder response = Response.status(e.status())
                .type(Problem.MEDIA_TYPE)
                .entity(e.toProblem(uri.getPath(), request.requestId()));
        e.headers().forEach(response::header);
        return response.build();
    }

    private static String cut(String text) {
        if (text == null) {
            return "unreadable";
        }
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    private static String fieldOf(ConstraintViolation<?> v) {
        // "create.arg0.ori" -> "ori"; keeps nested paths below the method argument
        String path = v.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : path;
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
