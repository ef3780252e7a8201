package org.safepolicing.platform.idempotency;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Every service's OpenAPI document names the {@code Idempotency-Key} header on each state-changing operation: every
 * resource class with one carries {@link Idempotent}; an operation that may not take a key says why with the
 * extension {@value #NOT_ACCEPTED}.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class IdempotencyKeyDocs implements OASFilter {

    static final String DESCRIPTION = "Optional. A key of the caller's choosing (1-" + IdempotencyInterceptor.MAX_KEY_LENGTH
            + " visible ASCII characters) that makes a retry safe: a request repeated with the same key and the same"
            + " method, path, query and body is answered with the first success (header Idempotent-Replayed: true) and"
            + " changes nothing again, also when the first answer was lost; the key is stored in the transaction of the"
            + " change. The same key with a different request: 422 idempotency-key-reused. Keys are kept 7 days.";

    /** The OpenAPI extension on a state-changing operation that does not take the header, with the reason. */
    public static final String NOT_ACCEPTED = "x-idempotency-key";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : item.getOperations().entrySet()) {
                if (op.getKey() == PathItem.HttpMethod.GET || op.getKey() == PathItem.HttpMethod.HEAD
                        || op.getKey() == PathItem.HttpMethod.OPTIONS) {
                    continue;
                }
                Operation operation = op.getValue();
                if (operation.getExtensions() != null && operation.getExtensions().containsKey(NOT_ACCEPTED)) {
                    continue; // an operation that is not @Idempotent says so with this extension
                }
                boolean named = operation.getParameters() != null && operation.getParameters().stream()
                        .anyMatch(p -> IdempotencyInterceptor.HEADER.equalsIgnoreCase(p.getName()));
                if (!named) {
                    operation.addParameter(OASFactory.createParameter().name(IdempotencyInterceptor.HEADER)
                            .in(Parameter.In.HEADER).required(false).description(DESCRIPTION)
                            .schema(OASFactory.createSchema().addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.STRING)
                                    .maxLength(IdempotencyInterceptor.MAX_KEY_LENGTH)));
                }
            }
        }
    }
}
