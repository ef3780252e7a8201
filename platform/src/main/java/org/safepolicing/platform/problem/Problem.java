package org.safepolicing.platform.problem;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail. {@code type} is stable per kind of error, so callers can branch on it;
 * {@code extensions} carries extra members such as {@code currentState} or {@code errors}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String requestId,
        List<FieldError> errors,
        @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:safe-policing:problem:";

    public static String type(String slug) {
        return TYPE_PREFIX + slug;
    }

    @JsonAnyGetter
    public Map<String, Object> any() {
        return extensions == null ? Map.of() : extensions;
    }

    /** One invalid input: where it is ({@code body.ori}, {@code query.size}) and what is wrong. */
    public record FieldError(String field, String message) {
    }
}
