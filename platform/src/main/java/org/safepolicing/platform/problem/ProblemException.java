package org.safepolicing.platform.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refusal the caller can act on: thrown by services, answered as problem+json with its status.
 * Use the factories; each names a stable problem type.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, null);
    }

    public ProblemException(int status, String slug, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors;
    }

    /** 404: the object does not exist (or the caller may not know that it does). */
    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "not-found", "Not found", what + " " + id + " does not exist");
    }

    /** 409 for a transition that the object's current state does not allow; names the current state. */
    public static ProblemException illegalTransition(String what, Object id, Enum<?> currentState, String attempted) {
        return new ProblemException(409, "illegal-transition", "Not allowed in the current state",
                what + " " + id + " is " + currentState + ": cannot " + attempted)
                .with("currentState", currentState.name());
    }

    /** 409: the object exists already. */
    public static ProblemException alreadyExists(String what, Object id) {
        return new ProblemException(409, "already-exists", "Already exists", what + " " + id + " exists already");
    }

    /** 409 for any other conflict with what is stored. */
    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(409, slug, "Conflict", detail);
    }

    /** 403: authenticated, but this object belongs to another agency, body or officer. */
    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }

    /** 400: the request cannot be understood or breaks a rule of the API. */
    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "bad-request", "Bad request", detail);
    }

    /** 422: well-formed, but a domain rule refuses it. */
    public static ProblemException unprocessable(String slug, String detail) {
        return new ProblemException(422, slug, "Refused by a domain rule", detail);
    }

    public ProblemException with(String member, Object value) {
        extensions.put(member, value);
        return this;
    }

    /** An HTTP header to send with the problem, e.g. {@code Retry-After}. */
    public ProblemException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    /** The problem's short name, the last part of its type (e.g. {@code dispute-not-open}). */
    public String slug() {
        return slug;
    }

    public Problem toProblem(String instance, String requestId) {
        return new Problem(Problem.type(slug), title, status, getMessage(), instance, requestId, errors,
                extensions.isEmpty() ? null : Map.copyOf(extensions));
    }
}
