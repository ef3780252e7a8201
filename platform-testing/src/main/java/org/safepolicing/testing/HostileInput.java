package org.safepolicing.testing;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Generated malformed and hostile input for property tests: from a valid example body, variants with a field
 * replaced by a hostile value, removed, duplicated into an unknown or server-owned field, retyped, nested deeply,
 * or the whole body broken; and hostile strings for path and query parameters. Seeded: the seed is printed, and
 * {@code -Dhostile.seed=<n>} replays a run exactly.
 */
public final class HostileInput {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Values that have broken parsers, queries and templates somewhere. */
    static final List<String> STRINGS = List.of("", " ", "\u0000", "\u0000abc", "' OR '1'='1", "'; drop table x; --",
            "\" onmouseover=alert(1) \"", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "#{7*7}", "{{7*7}}",
            "../../../../etc/passwd", "%00", "%2e%2e%2f", "\\", "\\u0000", "\uFEFF", "\uD800", "\u202Eevil", "NaN",
            "-1", "0", "9223372036854775808", "-9223372036854775809", "1e999", "1.7976931348623157E309", "true", "null",
            "[]", "{}", "2026-02-30", "2026-13-01", "9999-99-99T99:99:99Z", "-0001-01-01", "00000000-0000-0000-0000-000000000000",
            "not-a-uuid", "ZZ", "ZZ12345678901234", "🚓🚓🚓", "ǅ", "a\r\nX-Injected: 1", "\t\t", "x".repeat(5_000));

    private final long seed;
    private final Random random;

    private HostileInput(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** A generator seeded from {@code -Dhostile.seed} or the clock; prints the seed for {@code what}. */
    public static HostileInput seeded(String what) {
        long seed = Long.getLong("hostile.seed", System.nanoTime());
        System.out.println("HostileInput seed for " + what + ": " + seed + " (replay with -Dhostile.seed=" + seed + ")");
        return new HostileInput(seed);
    }

    public long seed() {
        return seed;
    }

    /** A hostile string for a path segment, query value or field. */
    public String string() {
        return switch (random.nextInt(4)) {
            case 0 -> STRINGS.get(random.nextInt(STRINGS.size()));
            case 1 -> randomText(random.nextInt(40));
            case 2 -> STRINGS.get(random.nextInt(STRINGS.size())) + randomText(random.nextInt(8));
            default -> Long.toString(random.nextLong());
        };
    }

    /** A hostile JSON value of any type. */
    public JsonNode value() {
        return switch (random.nextInt(9)) {
            case 0 -> NODES.textNode(string());
            case 1 -> NODES.nullNode();
            case 2 -> NODES.numberNode(random.nextBoolean() ? random.nextLong() : random.nextDouble() * 1e300);
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.arrayNode().add(string()).add(random.nextInt());
            case 5 -> NODES.objectNode().put(string(), string());
            case 6 -> NODES.numberNode(new java.math.BigDecimal("1e400"));
            case 7 -> deep(50 + random.nextInt(200));
            default -> NODES.textNode("x".repeat(1 + random.nextInt(100_000)));
        };
    }

    /**
     * {@code count} bodies derived from {@code validExample}, each broken in one or more ways. {@code serverOwned}
     * names fields a client must not set (ids, states, timestamps): they are injected with plausible values.
     */
    public List<String> bodies(String validExample, int count, String... serverOwned) {
        JsonNode example;
        try {
            example = JSON.readTree(validExample);
        } catch (Exception e) {
            throw new IllegalArgumentException("the example body is not JSON", e);
        }
        List<String> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bodies.add(body(example, serverOwned));
        }
        return bodies;
    }

    private String body(JsonNode example, String[] serverOwned) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return brokenText(example.toString());
        }
        if (kind == 1) {
            return switch (random.nextInt(5)) {
                case 0 -> "";
                case 1 -> "null";
                case 2 -> "[" + example + "]";
                case 3 -> JSON.valueToTree(string()).toString();
                default -> "[".repeat(5_000) + "]".repeat(5_000);
            };
        }
        JsonNode copy = example.deepCopy();
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            mutate(copy, serverOwned);
        }
        return copy.toString();
    }

    private void mutate(JsonNode root, String[] serverOwned) {
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(root, objects);
        if (objects.isEmpty()) {
            return;
        }
        ObjectNode target = objects.get(random.nextInt(objects.size()));
        List<String> fields = new ArrayList<>();
        target.fieldNames().forEachRemaining(fields::add);
        int kind = random.nextInt(6);
        if (kind == 0 && serverOwned.length > 0) {
            String field = serverOwned[random.nextInt(serverOwned.length)];
            target.set(field, random.nextBoolean() ? NODES.textNode(java.util.UUID.randomUUID().toString()) : value());
        } else if (kind == 1 || fields.isEmpty()) {
            target.set(random.nextBoolean() ? string() : "isAdmin", value());
        } else if (kind == 2) {
            target.remove(fields.get(random.nextInt(fields.size())));
        } else {
            target.set(fields.get(random.nextInt(fields.size())), value());
        }
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> into) {
        if (node instanceof ObjectNode o) {
            into.add(o);
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                collectObjects(it.next().getValue(), into);
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(child -> collectObjects(child, into));
        }
    }

    private String brokenText(String json) {
        if (json.isEmpty()) {
            return "{";
        }
        int at = random.nextInt(json.length());
        return switch (random.nextInt(4)) {
            case 0 -> json.substring(0, at);
            case 1 -> json.substring(0, at) + (char) random.nextInt(0x7f) + json.substring(at);
            case 2 -> json.substring(0, at) + json.substring(Math.min(json.length(), at + 1 + random.nextInt(5)));
            default -> json.replace("\"", random.nextBoolean() ? "'" : "");
        };
    }

    private static JsonNode deep(int depth) {
        JsonNode node = NODES.textNode("bottom");
        for (int i = 0; i < depth; i++) {
            node = i % 2 == 0 ? NODES.arrayNode().add(node) : NODES.objectNode().set("a", node);
        }
        return node;
    }

    /**
     * What every answer to hostile input must be: no 5xx; a refusal is problem+json; nothing in the body that looks
     * like a stack trace or an internal class.
     */
    public static void assertSafeAnswer(String what, int status, String contentType, String body) {
        if (status >= 500) {
            throw new AssertionError(what + ": answered " + status + ": " + body);
        }
        // 413, 414 and 431 come from the HTTP server itself, before any of the service's code
        if (status >= 400 && status != 413 && status != 414 && status != 431 && (contentType == null || !contentType.startsWith("application/problem+json"))) {
            throw new AssertionError(what + ": a " + status + " that is not problem+json (" + contentType + "): " + body);
        }
        for (String leak : List.of("Exception", "\tat ", "\n\tat", "org.hibernate", "java.lang.", "io.quarkus",
                "org.postgresql", "SQLState", "jakarta.")) {
            if (body != null && body.contains(leak)) {
                throw new AssertionError(what + ": the answer leaks internals ('" + leak + "'): " + body);
            }
        }
    }

    private String randomText(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int cp = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x20);
                case 1 -> 0x20 + random.nextInt(0x5f);
                case 2 -> 0x80 + random.nextInt(0x780);
                default -> 0x1F300 + random.nextInt(0x300);
            };
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }
}
