package org.safepolicing.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** JSON as the services write and read it, and the schemas as a partner's validator sees them. */
final class EventJson {

    /** Configured like Quarkus' ObjectMapper: java.time as ISO-8601 text, nulls written, unknown fields ignored. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** How EventInbox reads event data: also tolerant of enum values it does not know yet. */
    static final ObjectMapper CONSUMER = MAPPER.copy()
            .configure(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL, true);

    static final ObjectMapper YAML = new YAMLMapper();

    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true) // uuid, date and date-time are checked, as a strict partner would
            .build();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    static JsonNode resource(String path) {
        try (InputStream in = EventJson.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return (path.endsWith(".yaml") ? YAML : MAPPER).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(path, e);
        }
    }

    /** The schema at a classpath path, e.g. {@code schemas/agency-snapshot.v1.json}. */
    static JsonSchema schema(String path) {
        JsonSchema schema = FACTORY.getSchema(SchemaLocation.of("classpath:" + path), CONFIG);
        schema.initializeValidators(); // resolves every $ref now, so a dangling one fails here
        return schema;
    }

    /** The JSON Schema 2020-12 meta-schema, which every schema file must satisfy. */
    static JsonSchema metaSchema() {
        return FACTORY.getSchema(SchemaLocation.of(SchemaId.V202012), CONFIG);
    }

    static JsonNode toJson(Object payload) {
        return MAPPER.valueToTree(payload);
    }

    static Set<String> errors(JsonSchema schema, JsonNode instance) {
        return schema.validate(instance).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }

    private EventJson() {
    }
}
