package org.safepolicing.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The payload records and the JSON Schemas describe the same contract, so neither may change without the other:
 * same fields, same JSON types and formats, same enum values, and "required" exactly where the value is never null.
 */
class SchemaDriftTest {

    static java.util.stream.Stream<Class<? extends Record>> payloads() {
        return PayloadSchemaTest.payloads();
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void schemaAndRecordHaveTheSameFieldsTypesAndEnums(Class<? extends Record> payload) {
        JsonNode root = EventJson.resource(EventSchemas.schemaForPayload(payload));
        assertRecordMatches(payload, root, root, payload.getSimpleName());
    }

    private static void assertRecordMatches(Class<?> record, JsonNode schema, JsonNode root, String where) {
        JsonNode properties = schema.path("properties");
        Set<String> components = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> inSchema = new LinkedHashSet<>();
        properties.fieldNames().forEachRemaining(inSchema::add);
        Set<String> notInSchema = new HashSet<>(components);
        notInSchema.removeAll(inSchema);
        Set<String> notInRecord = new HashSet<>(inSchema);
        notInRecord.removeAll(components);
        assertEquals(Set.of(), notInSchema, where + ": record components missing from the schema's properties");
        assertEquals(Set.of(), notInRecord, where + ": schema properties missing from the record");

        Set<String> required = new HashSet<>();
        schema.path("required").forEach(n -> required.add(n.asText()));
        assertTrue(components.containsAll(required), where + ": required names a field that does not exist: " + required);
        assertTrue(schema.path("additionalProperties").asBoolean(false), where + ": additionalProperties must be true");

        for (RecordComponent component : record.getRecordComponents()) {
            String name = where + "." + component.getName();
            JsonNode property = properties.path(component.getName());
            assertFalse(property.path("description").asText().isBlank(), name + " is described in plain words");
            boolean nullable = types(property).contains("null");
            if (component.getType().isPrimitive()) {
                assertTrue(required.contains(component.getName()), name + " is a primitive, so always set: make it required");
            }
            // Jackson writes null for an unset field: an optional field must accept null, a required one must not.
            assertEquals(!required.contains(component.getName()), nullable,
                    name + ": required exactly when not nullable (type " + property.path("type") + ")");
            assertTypeMatches(name, component.getType(), component.getGenericType(), property, root, nullable);
        }
    }

    private static void assertTypeMatches(String name, Class<?> type, Type generic, JsonNode property, JsonNode root,
                                          boolean nullable) {
        Set<String> types = new HashSet<>(types(property));
        types.remove("null");
        if (type == String.class) {
            assertEquals(Set.of("string"), types, name);
        } else if (type == UUID.class) {
            assertString(name, types, property, "uuid");
        } else if (type == Instant.class) {
            assertString(name, types, property, "date-time");
        } else if (type == LocalDate.class) {
            assertString(name, types, property, "date");
        } else if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            assertEquals(Set.of("integer"), types, name);
        } else if (type == double.class || type == Double.class) {
            assertEquals(Set.of("number"), types, name);
        } else if (type == boolean.class || type == Boolean.class) {
            assertEquals(Set.of("boolean"), types, name);
        } else if (type.isEnum()) {
            assertEquals(Set.of("string"), types, name);
            List<String> values = java.util.stream.StreamSupport.stream(property.path("enum").spliterator(), false)
                    .filter(n -> !n.isNull()).map(JsonNode::asText).toList();
            List<String> constants = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
            assertEquals(constants, values, name + ": the schema lists exactly the enum's values, in order");
            boolean enumAllowsNull = java.util.stream.StreamSupport.stream(property.path("enum").spliterator(), false)
                    .anyMatch(JsonNode::isNull);
            assertEquals(nullable, enumAllowsNull, name + ": a nullable enum lists null among its values");
        } else if (type == List.class) {
            assertEquals(Set.of("array"), types, name);
            Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
            JsonNode items = resolve(property.path("items"), root);
            if (element instanceof Class<?> c && c.isRecord()) {
                assertEquals("object", items.path("type").asText(), name + " items");
                assertRecordMatches(c, items, root, name + "[]");
            } else {
                assertTypeMatches(name + "[]", (Class<?>) element, element, items, root, false);
            }
        } else {
            fail(name + ": no JSON mapping known for " + type.getName() + "; teach this test one");
        }
    }

    private static void assertString(String name, Set<String> types, JsonNode property, String format) {
        assertEquals(Set.of("string"), types, name);
        assertEquals(format, property.path("format").asText(), name + " format");
    }

    private static Set<String> types(JsonNode property) {
        JsonNode type = property.path("type");
        if (type.isArray()) {
            Set<String> types = new HashSet<>();
            type.forEach(t -> types.add(t.asText()));
            return types;
        }
        return type.isMissingNode() ? Set.of() : Set.of(type.asText());
    }

    private static JsonNode resolve(JsonNode node, JsonNode root) {
        String ref = node.path("$ref").asText(null);
        if (ref == null) {
            return node;
        }
        assertTrue(ref.startsWith("#/"), "only local references: " + ref);
        JsonNode target = root.at(ref.substring(1));
        assertFalse(target.isMissingNode(), "dangling " + ref);
        return target;
    }
}
