package org.safepolicing.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.safepolicing.contracts.events.EligibilityChanged;

/** Each event type has a schema, and what the producers write is valid against it; what they must not write is not. */
class PayloadSchemaTest {

    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    static Stream<String> eventTypes() {
        return EventTypes.PAYLOADS.keySet().stream().sorted();
    }

    static Stream<Class<? extends Record>> payloads() {
        return EventTypes.PAYLOADS.values().stream().distinct().sorted((a, b) -> a.getName().compareTo(b.getName()));
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void everyEventTypeHasASchemaFileThatIsAValidDraft202012Schema(String type) throws IOException {
        String path = EventSchemas.schemaFor(type);
        assertTrue(path.startsWith(EventSchemas.DIRECTORY) && path.endsWith(".json"), path);
        try (InputStream in = EventSchemas.open(type)) {
            assertNotNull(in);
        }
        JsonNode schema = EventJson.resource(path);
        assertEquals(DRAFT_2020_12, schema.path("$schema").asText(), path + " declares draft 2020-12");
        assertEquals("object", schema.path("type").asText(), path);
        assertTrue(schema.path("additionalProperties").asBoolean(false), path + " must let schemas grow");
        assertFalse(schema.path("description").asText().isBlank(), path + " describes the event");
        assertEquals(Set.of(), EventJson.errors(EventJson.metaSchema(), schema), path + " against the 2020-12 meta-schema");
        EventJson.schema(path); // every $ref resolves
    }

    @Test
    void everyPayloadRecordHasExactlyOneSchemaAndNoSchemaFileIsOrphaned() throws IOException, URISyntaxException {
        assertEquals(Set.copyOf(EventTypes.PAYLOADS.values()), EventSchemas.BY_PAYLOAD.keySet());
        assertEquals(EventSchemas.BY_PAYLOAD.size(), Set.copyOf(EventSchemas.BY_PAYLOAD.values()).size(),
                "one schema file per payload record");
        URL dir = getClass().getClassLoader().getResource(EventSchemas.DIRECTORY);
        assertNotNull(dir);
        if ("file".equals(dir.getProtocol())) {
            try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
                Set<String> onDisk = files.map(p -> EventSchemas.DIRECTORY + p.getFileName()).collect(Collectors.toSet());
                assertEquals(Set.copyOf(EventSchemas.BY_PAYLOAD.values()), onDisk);
            }
        }
    }

    @Test
    void anUnknownEventTypeHasNoSchema() {
        assertThrows(IllegalArgumentException.class, () -> EventSchemas.schemaFor("org.safepolicing.unknown"));
        assertThrows(IllegalArgumentException.class, () -> EventSchemas.schemaForPayload(Record.class));
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void aFullPayloadAsTheServicesWriteItIsValid(Class<? extends Record> payload) {
        assertValid(payload, EventJson.toJson(SamplePayloads.FULL.get(payload)));
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void aPayloadWithEveryOptionalFieldNullIsValid(Class<? extends Record> payload) {
        JsonNode json = EventJson.toJson(SamplePayloads.SPARSE.get(payload));
        List<String> required = requiredOf(payload);
        json.properties().stream().filter(e -> !required.contains(e.getKey())).forEach(e -> assertTrue(e.getValue().isNull(),
                "the sparse sample of " + payload.getSimpleName() + " leaves " + e.getKey() + " null"));
        assertValid(payload, json);
        ObjectNode withoutNulls = (ObjectNode) json.deepCopy();
        json.properties().stream().filter(e -> e.getValue().isNull()).map(e -> e.getKey()).toList()
                .forEach(withoutNulls::remove);
        assertValid(payload, withoutNulls); // absent is as good as null
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void aConsumerReadsBackWhatAProducerWrote(Class<? extends Record> payload) throws IOException {
        for (Record sample : List.of(SamplePayloads.FULL.get(payload), SamplePayloads.SPARSE.get(payload))) {
            String json = EventJson.MAPPER.writeValueAsString(sample);
            assertEquals(sample, EventJson.CONSUMER.readValue(json, payload));
        }
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void aFieldAddedInALaterVersionIsAcceptedBySchemaAndConsumer(Class<? extends Record> payload) throws IOException {
        ObjectNode json = (ObjectNode) EventJson.toJson(SamplePayloads.FULL.get(payload));
        json.put("addedInALaterVersion", "anything");
        json.putObject("anotherAddition").put("nested", 1);
        assertValid(payload, json);
        assertEquals(SamplePayloads.FULL.get(payload), EventJson.CONSUMER.treeToValue(json, payload));
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void leavingOutOrNullingAnyRequiredFieldFails(Class<? extends Record> payload) {
        JsonSchema schema = schemaOf(payload);
        List<String> required = requiredOf(payload);
        assertFalse(required.isEmpty(), payload.getSimpleName() + " has required fields");
        for (String field : required) {
            ObjectNode missing = (ObjectNode) EventJson.toJson(SamplePayloads.FULL.get(payload));
            missing.remove(field);
            assertFalse(EventJson.errors(schema, missing).isEmpty(), "without " + field + " " + payload.getSimpleName() + " must fail");
            ObjectNode nulled = (ObjectNode) EventJson.toJson(SamplePayloads.FULL.get(payload));
            nulled.putNull(field);
            assertFalse(EventJson.errors(schema, nulled).isEmpty(), "null " + field + " in " + payload.getSimpleName() + " must fail");
        }
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void aValueOutsideAnEnumOrAFormatFails(Class<? extends Record> payload) {
        JsonSchema schema = schemaOf(payload);
        JsonNode properties = EventJson.resource(EventSchemas.schemaForPayload(payload)).path("properties");
        int checked = 0;
        for (var property : properties.properties()) {
            JsonNode definition = property.getValue();
            if (definition.has("enum") || definition.has("format")) {
                ObjectNode json = (ObjectNode) EventJson.toJson(SamplePayloads.FULL.get(payload));
                json.put(property.getKey(), "not-a-valid-value");
                assertFalse(EventJson.errors(schema, json).isEmpty(),
                        property.getKey() + "=not-a-valid-value in " + payload.getSimpleName() + " must fail");
                checked++;
            }
        }
        assertTrue(checked > 0, payload.getSimpleName() + " has an enum or a format to check");
    }

    @ParameterizedTest
    @ValueSource(strings = {"va0290100", "VA029010", "VA02901000", "VA-290100", "V40290100", "", " VA0290100"})
    void aPayloadWithABadOriFails(String badOri) {
        List<Class<? extends Record>> withOri = payloads().filter(p -> hasComponent(p, "ori")).toList();
        assertEquals(6, withOri.size(), "every agency-keyed payload carries the ORI");
        for (Class<? extends Record> payload : withOri) {
            ObjectNode json = (ObjectNode) EventJson.toJson(SamplePayloads.FULL.get(payload));
            json.put("ori", badOri);
            assertFalse(EventJson.errors(schemaOf(payload), json).isEmpty(),
                    "ori '" + badOri + "' in " + payload.getSimpleName() + " must fail");
        }
    }

    @Test
    void aRuleOutcomeWithoutItsOutcomeOrWithAnUnknownOneFails() {
        JsonSchema schema = schemaOf(EligibilityChanged.class);
        ObjectNode json = (ObjectNode) EventJson.toJson(SamplePayloads.FULL.get(EligibilityChanged.class));
        ((ObjectNode) ((ArrayNode) json.get("rules")).get(0)).remove("outcome");
        assertFalse(EventJson.errors(schema, json).isEmpty());

        json = (ObjectNode) EventJson.toJson(SamplePayloads.FULL.get(EligibilityChanged.class));
        ((ObjectNode) ((ArrayNode) json.get("rules")).get(1)).put("outcome", "MAYBE");
        assertFalse(EventJson.errors(schema, json).isEmpty());

        json = (ObjectNode) EventJson.toJson(SamplePayloads.FULL.get(EligibilityChanged.class));
        ((ArrayNode) json.get("rules")).add("SEC_2B_CREDENTIAL");
        assertFalse(EventJson.errors(schema, json).isEmpty(), "a rule is an object, not a code");
    }

    @Test
    void coverageOutsideZeroToOneFails() {
        for (String type : List.of(EventTypes.TRAINING_COVERAGE_CHANGED, EventTypes.PUBLIC_RELEASE_PUBLISHED)) {
            Class<? extends Record> payload = EventTypes.PAYLOADS.get(type);
            for (double coverage : new double[] {-0.01, 1.01}) {
                ObjectNode json = (ObjectNode) EventJson.toJson(SamplePayloads.FULL.get(payload));
                json.put("coverage", coverage);
                assertFalse(EventJson.errors(schemaOf(payload), json).isEmpty(), type + " coverage " + coverage);
            }
        }
    }

    private static void assertValid(Class<? extends Record> payload, JsonNode json) {
        assertEquals(Set.of(), EventJson.errors(schemaOf(payload), json), payload.getSimpleName() + ": " + json);
    }

    private static JsonSchema schemaOf(Class<? extends Record> payload) {
        return EventJson.schema(EventSchemas.schemaForPayload(payload));
    }

    static List<String> requiredOf(Class<? extends Record> payload) {
        List<String> required = new ArrayList<>();
        EventJson.resource(EventSchemas.schemaForPayload(payload)).path("required").forEach(n -> required.add(n.asText()));
        return required;
    }

    private static boolean hasComponent(Class<? extends Record> payload, String name) {
        Set<String> names = new HashSet<>();
        for (var c : payload.getRecordComponents()) {
            names.add(c.getName());
        }
        return names.contains(name);
    }
}
