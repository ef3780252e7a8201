package org.safepolicing.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** What {@link OpenApiComparison} calls the same, a compatible change and a breaking one. */
class OpenApiComparisonTest {

    private static final String COMMITTED = """
            openapi: 3.1.0
            info:
              title: example-service
              version: 1.0.0
            paths:
              /api/v1/things:
                get:
                  parameters:
                  - name: page
                    in: query
                    schema:
                      type: integer
                  responses:
                    "200":
                      description: OK
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/Thing"
              /api/v1/things/{id}:
                get:
                  parameters:
                  - name: id
                    in: path
                    required: true
                    schema:
                      type: string
                  responses:
                    "200":
                      description: OK
                    "404":
                      description: no such thing
            components:
              schemas:
                Thing:
                  type: object
                  required:
                  - id
                  properties:
                    id:
                      type: string
                    name:
                      type: string
            """;

    @Test
    void theOrderOfKeysDoesNotCount() {
        String reordered = """
                info:
                  version: 1.0.0
                  title: example-service
                """ + COMMITTED.replace("info:\n  title: example-service\n  version: 1.0.0\n", "");
        OpenApiComparison.Result result = OpenApiComparison.compare(COMMITTED, reordered);
        assertTrue(result.identical(), result::listing);
        assertFalse(result.breaking());
    }

    @Test
    void aRemovedPathIsBreakingAndNamed() {
        String changed = COMMITTED.replace("/api/v1/things/{id}:", "/api/v1/thing/{id}:");
        OpenApiComparison.Result result = OpenApiComparison.compare(COMMITTED, changed);
        assertFalse(result.identical());
        assertTrue(result.breaking());
        assertTrue(result.listing().contains("removed  paths.\"/api/v1/things/{id}\"   [breaking]"), result.listing());
        assertTrue(result.listing().contains("added    paths.\"/api/v1/thing/{id}\""), result.listing());
        assertTrue(result.openApiDiff().contains("/api/v1/things/{id}"), result.openApiDiff());
    }

    @Test
    void aRemovedFieldOfAnAnswerIsBreaking() {
        String changed = COMMITTED.replace("        name:\n          type: string\n", "");
        OpenApiComparison.Result result = OpenApiComparison.compare(COMMITTED, changed);
        assertTrue(result.breaking());
        assertEquals(List.of("removed  components.schemas.Thing.properties.name   [breaking]"),
                result.differences().stream().map(Object::toString).toList());
    }

    @Test
    void aNewRequiredParameterIsBreakingAndANewOptionalOneIsNot() {
        String optional = COMMITTED.replace("""
                      - name: page
                """, """
                      - name: size
                        in: query
                        schema:
                          type: integer
                      - name: page
                """);
        OpenApiComparison.Result compatible = OpenApiComparison.compare(COMMITTED, optional);
        assertFalse(compatible.identical());
        assertFalse(compatible.breaking(), compatible::listing);
        assertTrue(compatible.listing().contains("added    paths.\"/api/v1/things\".get.parameters[name=size,in=query]"
                + "  optional"), compatible.listing());

        String required = optional.replace("""
                      - name: size
                        in: query
                """, """
                      - name: size
                        in: query
                        required: true
                """);
        OpenApiComparison.Result breaking = OpenApiComparison.compare(COMMITTED, required);
        assertTrue(breaking.breaking(), breaking::listing);
    }

    @Test
    void aNewPathOrResponseOrDescriptionIsCompatible() {
        String changed = COMMITTED.replace("""
                        "404":
                          description: no such thing
                """, """
                        "404":
                          description: no thing with this id
                        "410":
                          description: gone
                """).replace("components:", """
                  /api/v1/others:
                    get:
                      responses:
                        "200":
                          description: OK
                components:""");
        OpenApiComparison.Result result = OpenApiComparison.compare(COMMITTED, changed);
        assertEquals(3, result.differences().size(), result::listing);
        assertFalse(result.breaking(), result::listing);
    }

    @Test
    void aChangedTypeOrANewRequiredFieldIsBreaking() {
        OpenApiComparison.Result retyped = OpenApiComparison.compare(COMMITTED,
                COMMITTED.replace("type: integer", "type: string"));
        assertEquals(List.of("changed  paths.\"/api/v1/things\".get.parameters[name=page,in=query].schema.type  "
                + "\"integer\" -> \"string\"   [breaking]"),
                retyped.differences().stream().map(Object::toString).toList());
        OpenApiComparison.Result required = OpenApiComparison.compare(COMMITTED,
                COMMITTED.replace("      - id\n", "      - id\n      - name\n"));
        assertEquals(List.of("added    components.schemas.Thing.required  \"name\"   [breaking]"),
                required.differences().stream().map(Object::toString).toList());
    }
}
