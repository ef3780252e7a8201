package org.safepolicing.credentialing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.safepolicing.contracts.EventSchemas;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.testing.TopicProbe;

/** Checks an event as a strict partner would: CloudEvents headers, and the data against the published JSON Schema. */
final class EventContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    /** Asserts the headers and the schema; returns the data. */
    static JsonNode check(ConsumerRecord<String, String> record) {
        String type = TopicProbe.header(record, "ce_type");
        assertNotNull(type, "ce_type");
        assertTrue(EventTypes.PAYLOADS.containsKey(type), "known event type " + type);
        assertEquals("1.0", TopicProbe.header(record, "ce_specversion"));
        assertEquals("/safe-policing/credentialing-service", TopicProbe.header(record, "ce_source"));
        assertEquals("application/json", TopicProbe.header(record, "content-type"));
        assertNotNull(TopicProbe.header(record, "ce_id"));
        assertNotNull(Instant.parse(TopicProbe.header(record, "ce_time")));
        JsonNode data = json(record);
        JsonSchema schema = SCHEMAS.computeIfAbsent(type, EventContract::schema);
        Set<String> errors = schema.validate(data).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
        assertTrue(errors.isEmpty(), type + " data breaks its schema " + EventSchemas.schemaFor(type) + ": " + errors + "\n" + data);
        return data;
    }

    static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new AssertionError("event data is not JSON: " + record.value(), e);
        }
    }

    static boolean is(ConsumerRecord<String, String> record, String key, String type) {
        return key.equals(record.key()) && type.equals(TopicProbe.header(record, "ce_type"));
    }

    private static JsonSchema schema(String type) {
        try (InputStream in = EventSchemas.open(type)) {
            JsonSchema schema = FACTORY.getSchema(in, CONFIG);
            schema.initializeValidators();
            return schema;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private EventContract() {
    }
}
