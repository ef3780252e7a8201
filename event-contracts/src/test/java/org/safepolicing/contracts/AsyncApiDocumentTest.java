package org.safepolicing.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;

/** The AsyncAPI document describes exactly the topics and event types the code has, and points at real schemas. */
class AsyncApiDocumentTest {

    private static final JsonNode DOC = EventJson.resource(EventSchemas.ASYNCAPI);
    private static final String DEAD_LETTER_MESSAGE = "dead-letter";
    /** The heads of a service's audit chains: a plain JSON record, not a CloudEvent. */
    private static final String AUDIT_ANCHOR_MESSAGE = "audit-anchor";
    private static final List<String> CE_HEADERS = List.of("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time",
            "ce_subject", "ce_sequence", "content-type");
    /** Optional: the W3C trace context of the change, when it was made in a trace. */
    private static final List<String> TRACE_HEADERS = List.of("traceparent", "tracestate");

    @Test
    void isAnAsyncApi3DocumentForPartners() {
        assertEquals("3.0.0", DOC.path("asyncapi").asText());
        assertEquals("Safe Policing Platform events", DOC.path("info").path("title").asText());
        assertFalse(DOC.path("info").path("version").asText().isBlank());
        String description = DOC.path("info").path("description").asText();
        for (String header : concat(CE_HEADERS, TRACE_HEADERS)) {
            assertTrue(description.contains("`" + header + "`"), "the description explains " + header);
        }
        for (String rule : List.of("binary mode", "At least once", "de-duplicate on `ce_id`", "Schemas only grow",
                "new topic version", "No officer-level personal data")) {
            assertTrue(description.contains(rule), "the description says: " + rule);
        }
        JsonNode local = DOC.path("servers").path("local");
        assertEquals("127.0.0.1:19092", local.path("host").asText());
        assertEquals("kafka", local.path("protocol").asText());
        JsonNode production = DOC.path("servers").path("production");
        String host = production.path("host").asText();
        assertTrue(host.startsWith("{") && production.path("variables").has(host.substring(1, host.length() - 1)),
                "the production address is a variable: " + host);
    }

    @Test
    void everyTopicIsAChannelWithItsKeyPartitionsRetentionOwnerAndAudience() {
        Map<String, JsonNode> byAddress = new HashMap<>();
        DOC.path("channels").properties().forEach(e -> {
            JsonNode previous = byAddress.put(e.getValue().path("address").asText(), e.getValue());
            assertEquals(null, previous, "two channels for " + e.getValue().path("address").asText());
        });
        assertEquals(Topics.ALL.stream().map(TopicSpec::name).collect(Collectors.toSet()), byAddress.keySet(),
                "the channels are exactly Topics.ALL");
        for (TopicSpec spec : Topics.ALL) {
            JsonNode channel = byAddress.get(spec.name());
            String where = spec.name();
            JsonNode kafka = channel.path("bindings").path("kafka");
            assertEquals(spec.name(), kafka.path("topic").asText(), where);
            assertEquals(spec.partitions(), kafka.path("partitions").asInt(), where + " partitions");
            JsonNode config = kafka.path("topicConfiguration");
            assertEquals(List.of(spec.compacted() ? "compact" : "delete"), texts(config.path("cleanup.policy")), where);
            long retention = spec.retention() == null ? -1 : spec.retention().toMillis();
            assertEquals(retention, config.path("retention.ms").asLong(), where + " retention.ms");
            assertEquals(spec.owner(), channel.path("x-owner").asText(), where + " owner");
            assertEquals(spec.partnerReadable(), channel.path("x-partner-readable").asBoolean(), where + " partner-readable");
            assertFalse(channel.path("x-key").asText().isBlank(), where + " names its key");
            String description = channel.path("description").asText();
            for (String fact : List.of("Key:", spec.partitions() + " partition", spec.owner(),
                    spec.partnerReadable() ? "Partner-readable" : "not partner-readable")) {
                assertTrue(description.contains(fact), where + " description mentions " + fact);
            }
            assertTrue(texts(channel.path("tags"), "name").contains(spec.owner()), where + " is tagged with its owner");
        }
    }

    @Test
    void everyEventTypeIsOneMessageWithCloudEventHeadersAndItsSchemaAsPayload() {
        Map<String, JsonNode> byName = new HashMap<>();
        DOC.path("components").path("messages").properties().forEach(e -> {
            JsonNode previous = byName.put(e.getValue().path("name").asText(), e.getValue());
            assertEquals(null, previous, "two messages named " + e.getValue().path("name").asText());
        });
        Set<String> expected = new HashSet<>(EventTypes.PAYLOADS.keySet());
        expected.add(DEAD_LETTER_MESSAGE);
        expected.add(AUDIT_ANCHOR_MESSAGE);
        assertEquals(expected, byName.keySet(), "the messages are exactly the event types, the dead letter and the audit anchor");

        for (String type : EventTypes.PAYLOADS.keySet()) {
            JsonNode message = byName.get(type);
            assertEquals("application/json", message.path("contentType").asText(), type);
            JsonNode headers = message.path("headers").path("allOf");
            assertEquals("#/components/schemas/cloudEventHeaders", headers.path(0).path("$ref").asText(), type);
            assertEquals(type, headers.path(1).path("properties").path("ce_type").path("const").asText(), type);
            assertEquals("application/schema+json;version=draft-2020-12", message.path("payload").path("schemaFormat").asText(), type);
            String ref = payloadRef(message);
            assertEquals("./" + EventSchemas.schemaFor(type), ref, type + " payload");
            assertNotNull(getClass().getClassLoader().getResource(ref.substring(2)), ref + " exists");
            EventJson.resource(ref.substring(2)); // and parses
            assertFalse(message.path("bindings").path("kafka").path("key").path("$ref").asText().isBlank(), type + " key");
        }
        JsonNode headerSchema = DOC.at("/components/schemas/cloudEventHeaders");
        assertEquals(CE_HEADERS, texts(headerSchema.path("required")));
        Set<String> all = new HashSet<>(CE_HEADERS);
        all.addAll(TRACE_HEADERS);
        assertEquals(all, names(headerSchema.path("properties")));
        assertEquals(Set.of("dead-letter-reason", "dead-letter-cause", "dead-letter-exception-class-name",
                        "dead-letter-cause-class-name", "dead-letter-topic", "dead-letter-partition", "dead-letter-offset"),
                names(DOC.at("/components/schemas/deadLetterHeaders/properties")));
    }

    @Test
    void eachEventTypeIsOnTheChannelOfTheServiceThatPublishesIt() {
        Map<String, List<String>> channelsOfType = new HashMap<>();
        DOC.path("channels").properties().forEach(e -> {
            JsonNode channel = e.getValue();
            String owner = channel.path("x-owner").asText();
            channel.path("messages").properties().forEach(m -> {
                JsonNode message = resolve(m.getValue());
                String name = message.path("name").asText();
                channelsOfType.computeIfAbsent(name, k -> new ArrayList<>()).add(channel.path("address").asText());
                if (!DEAD_LETTER_MESSAGE.equals(name) && !AUDIT_ANCHOR_MESSAGE.equals(name)) {
                    assertEquals("/safe-policing/" + owner,
                            message.at("/headers/allOf/1/properties/ce_source/const").asText(), name + " is published by " + owner);
                }
            });
        });
        for (String type : EventTypes.PAYLOADS.keySet()) {
            assertEquals(1, channelsOfType.getOrDefault(type, List.of()).size(), type + " is on exactly one channel: "
                    + channelsOfType.get(type));
        }
        List<String> deadLetterChannels = Topics.ALL.stream().filter(t -> t.name().contains(".dead-letter.")).map(TopicSpec::name).sorted().toList();
        assertEquals(deadLetterChannels, channelsOfType.get(DEAD_LETTER_MESSAGE).stream().sorted().toList());
        List<String> anchorChannels = Topics.ALL.stream().filter(t -> t.name().contains(".audit-anchors.")).map(TopicSpec::name).sorted().toList();
        assertEquals(4, anchorChannels.size());
        assertEquals(anchorChannels, channelsOfType.get(AUDIT_ANCHOR_MESSAGE).stream().sorted().toList());
    }

    @Test
    void ownersSendAndTheDocumentedConsumersReceive() {
        Map<String, Set<String>> sends = new HashMap<>();
        Map<String, Set<String>> receives = new HashMap<>();
        DOC.path("operations").properties().forEach(e -> {
            String id = e.getKey();
            JsonNode operation = e.getValue();
            String channelRef = operation.path("channel").path("$ref").asText();
            JsonNode channel = resolve(operation.path("channel"));
            String address = channel.path("address").asText();
            String service = operation.path("x-service").asText();
            assertTrue(Set.of(Topics.CREDENTIALING_SERVICE, Topics.RECORDS_SERVICE, Topics.CORESPONDER_SERVICE,
                    Topics.GRANTS_SERVICE).contains(service), id + " names its service");
            assertTrue(texts(operation.path("tags"), "name").contains(service), id + " is tagged with its service");
            assertFalse(operation.path("messages").isEmpty(), id + " lists its messages");
            for (JsonNode message : operation.path("messages")) {
                String ref = message.path("$ref").asText();
                assertTrue(ref.startsWith(channelRef + "/messages/"), id + ": " + ref + " is a message of its channel");
                resolve(message);
            }
            switch (operation.path("action").asText()) {
                case "send" -> {
                    assertEquals(channel.path("x-owner").asText(), service, id + ": only the owner writes " + address);
                    sends.computeIfAbsent(service, k -> new HashSet<>()).add(address);
                }
                case "receive" -> receives.computeIfAbsent(service, k -> new HashSet<>()).add(address);
                default -> throw new AssertionError(id + " has no action send or receive");
            }
        });
        Map<String, Set<String>> owned = Topics.ALL.stream().collect(
                Collectors.groupingBy(TopicSpec::owner, Collectors.mapping(TopicSpec::name, Collectors.toSet())));
        assertEquals(owned, sends, "every service sends to exactly the topics it owns, its dead-letter topic included");
        assertEquals(Map.of(Topics.GRANTS_SERVICE, Set.of(Topics.AGENCY_REGISTRY, Topics.CREDENTIALING_EVENTS,
                Topics.RECORDS_REPORTING, Topics.CORESPONDER_EVENTS)), receives);
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(DOC, refs);
        assertTrue(refs.size() > 50, "the document is built from references: " + refs.size());
        for (String ref : refs) {
            if (ref.startsWith("#/")) {
                assertFalse(DOC.at(ref.substring(1)).isMissingNode(), "dangling " + ref);
            } else {
                assertTrue(ref.startsWith("./" + EventSchemas.DIRECTORY), "only the schema files are external: " + ref);
                assertNotNull(getClass().getClassLoader().getResource(ref.substring(2)), "missing file " + ref);
            }
        }
    }

    @Test
    void everyExampleIsValidAgainstItsSchemasAndKeyedByItsSubject() {
        JsonSchema headers = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(DOC.at("/components/schemas/cloudEventHeaders"));
        Map<String, String> keyField = Map.of("#/components/schemas/oriKey", "ori",
                "#/components/schemas/bodyIdKey", "bodyId", "#/components/schemas/releaseIdKey", "releaseId",
                "#/components/schemas/reportIdKey", "reportId");
        Set<String> schemasWithExample = new HashSet<>();
        for (var entry : DOC.path("components").path("messages").properties()) {
            JsonNode message = entry.getValue();
            for (JsonNode example : message.path("examples")) {
                String where = entry.getKey() + " example " + example.path("name").asText();
                String schemaPath = payloadRef(message).substring(2);
                JsonNode payload = example.path("payload");
                assertEquals(Set.of(), EventJson.errors(EventJson.schema(schemaPath), payload), where + " payload");
                assertEquals(Set.of(), EventJson.errors(headers, example.path("headers")), where + " headers");
                assertEquals(message.path("name").asText(), example.at("/headers/ce_type").asText(), where);
                String key = keyField.get(message.at("/bindings/kafka/key/$ref").asText());
                assertEquals(payload.path(key).asText(), example.at("/headers/ce_subject").asText(), where + " subject = key");
                schemasWithExample.add(schemaPath);
            }
        }
        assertEquals(Set.copyOf(EventSchemas.BY_PAYLOAD.values()), schemasWithExample, "an example for every schema");
    }

    @Test
    void theTraceHeadersAreOptionalAndTraceparentIsW3C() {
        JsonSchema headers = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(DOC.at("/components/schemas/cloudEventHeaders"));
        JsonNode example = DOC.path("components").path("messages").elements().next().path("examples").path(0).path("headers");
        assertTrue(example.isObject() && !example.has("traceparent"), "an example without trace headers");
        assertEquals(Set.of(), EventJson.errors(headers, example), "the trace headers are optional");
        var traced = ((com.fasterxml.jackson.databind.node.ObjectNode) example.deepCopy())
                .put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01").put("tracestate", "vendor=1");
        assertEquals(Set.of(), EventJson.errors(headers, traced));
        traced.put("traceparent", "0af7651916cd43dd8448eb211c80319c");
        assertFalse(EventJson.errors(headers, traced).isEmpty(), "a traceparent that is not W3C is refused");
    }

    private static String payloadRef(JsonNode message) {
        JsonNode payload = message.path("payload");
        return payload.has("schema") ? payload.path("schema").path("$ref").asText() : payload.path("$ref").asText();
    }

    private static JsonNode resolve(JsonNode reference) {
        String ref = reference.path("$ref").asText();
        assertTrue(ref.startsWith("#/"), "a local reference: " + ref);
        JsonNode target = DOC.at(ref.substring(1));
        assertFalse(target.isMissingNode(), "dangling " + ref);
        return target.has("$ref") ? resolve(target) : target;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, refs));
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.path(field).asText()));
        return texts;
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
