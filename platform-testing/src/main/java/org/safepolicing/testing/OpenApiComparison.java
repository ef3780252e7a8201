package org.safepolicing.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.ConsoleRender;

/**
 * Compares a service's committed OpenAPI document with the one its build generated, and says what differs and
 * whether a client written against the committed one may break.
 * <p>
 * Two documents are the same when they are equal as trees: the order of an object's keys does not count, the order of
 * a list does (SmallRye writes paths, schemas and tags sorted, and lists in declaration order). Each difference is
 * named by its place in the document ({@code paths."/api/v1/agencies".get.parameters[name=page]}). Whether the change
 * is breaking comes from two judges, and either one suffices: openapi-diff (org.openapitools.openapidiff), and this
 * class's own rules, which hold for OpenAPI 3.1 too: a path, an operation, a response, a schema or a schema's property
 * removed, a type or format changed, a name added to a {@code required} list, a parameter added as or made required,
 * a value removed from an {@code enum}.
 */
public final class OpenApiComparison {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
            "trace");
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final int MAX_LISTED = 60;

    /** One difference, committed → generated. */
    public record Difference(String kind, String where, String detail, boolean breaking) {
        @Override
        public String toString() {
            return String.format("%-8s %s%s%s", kind, where, detail.isEmpty() ? "" : "  " + detail,
                    breaking ? "   [breaking]" : "");
        }
    }

    /**
     * What the comparison found.
     *
     * @param differences every difference, committed → generated, in document order
     * @param breaking whether a client of the committed document may break
     * @param openApiDiff openapi-diff's account of the change (empty when the documents are the same)
     */
    public record Result(List<Difference> differences, boolean breaking, String openApiDiff) {

        public boolean identical() {
            return differences.isEmpty();
        }

        /** The differences, one a line (at most 60, then how many more). */
        public String listing() {
            StringBuilder out = new StringBuilder();
            differences.stream().limit(MAX_LISTED).forEach(d -> out.append("  ").append(d).append('\n'));
            if (differences.size() > MAX_LISTED) {
                out.append("  ... and ").append(differences.size() - MAX_LISTED).append(" more\n");
            }
            return out.toString();
        }
    }

    private OpenApiComparison() {
    }

    /** Compares two OpenAPI documents given as YAML (or JSON) text. */
    public static Result compare(String committed, String generated) {
        JsonNode before = read(committed);
        JsonNode after = read(generated);
        if (before.equals(after)) {
            return new Result(List.of(), false, "");
        }
        List<Difference> differences = new ArrayList<>();
        walk(List.of(), before, after, differences);
        boolean breaking = differences.stream().anyMatch(Difference::breaking);
        String account;
        try {
            ChangedOpenApi changed = OpenApiCompare.fromContents(committed, generated);
            breaking |= changed.isIncompatible();
            account = changed.isUnchanged() ? "no change to operations or schemas (only descriptions or metadata)"
                    : new ConsoleRender().render(changed).strip();
        } catch (RuntimeException e) {
            account = "openapi-diff could not compare the two documents (" + e + "); the rules above decided.";
        }
        return new Result(List.copyOf(differences), breaking, account);
    }

    private static JsonNode read(String text) {
        try {
            JsonNode node = YAML.readTree(text);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not an OpenAPI document: " + abbreviate(text));
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("not YAML or JSON: " + e.getMessage(), e);
        }
    }

    private static void walk(List<String> at, JsonNode before, JsonNode after, List<Difference> out) {
        if (before.equals(after)) {
            return;
        }
        if (before.isObject() && after.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            before.fieldNames().forEachRemaining(keys::add);
            after.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                List<String> here = append(at, key);
                if (!after.has(key)) {
                    out.add(new Difference("removed", where(here), "", removalBreaks(here)));
                } else if (!before.has(key)) {
                    out.add(new Difference("added", where(here), abbreviate(after.get(key)), additionBreaks(here,
                            after.get(key))));
                } else {
                    walk(here, before.get(key), after.get(key), out);
                }
            }
        } else if (before.isArray() && after.isArray() && allScalar(before) && allScalar(after)) {
            compareValueLists(at, before, after, out);
        } else if (before.isArray() && after.isArray() && keyed(before) != null && keyed(after) != null) {
            Map<String, JsonNode> was = keyed(before);
            Map<String, JsonNode> is = keyed(after);
            Set<String> keys = new LinkedHashSet<>(was.keySet());
            keys.addAll(is.keySet());
            for (String key : keys) {
                List<String> here = append(at, "[" + key + "]");
                if (!is.containsKey(key)) {
                    out.add(new Difference("removed", where(here), "", true));
                } else if (!was.containsKey(key)) {
                    boolean required = is.get(key).path("required").asBoolean(false);
                    out.add(new Difference("added", where(here), required ? "required" : "optional", required));
                } else {
                    walk(here, was.get(key), is.get(key), out);
                }
            }
        } else if (before.isArray() && after.isArray()) {
            int common = Math.min(before.size(), after.size());
            for (int i = 0; i < common; i++) {
                walk(append(at, "[" + i + "]"), before.get(i), after.get(i), out);
            }
            for (int i = common; i < before.size(); i++) {
                out.add(new Difference("removed", where(append(at, "[" + i + "]")), abbreviate(before.get(i)), true));
            }
            for (int i = common; i < after.size(); i++) {
                out.add(new Difference("added", where(append(at, "[" + i + "]")), abbreviate(after.get(i)), false));
            }
        } else {
            out.add(new Difference("changed", where(at), abbreviate(before) + " -> " + abbreviate(after),
                    changeBreaks(at, before, after)));
        }
    }

    /** Lists of plain values ({@code required}, {@code enum}, {@code tags}): what was taken out, what was put in. */
    private static void compareValueLists(List<String> at, JsonNode before, JsonNode after, List<Difference> out) {
        Set<String> was = values(before);
        Set<String> is = values(after);
        String last = at.isEmpty() ? "" : at.get(at.size() - 1);
        for (String value : was) {
            if (!is.contains(value)) {
                // a value an answer may no longer carry is harmless; one a request may no longer send is not
                out.add(new Difference("removed", where(at), value, "enum".equals(last)));
            }
        }
        for (String value : is) {
            if (!was.contains(value)) {
                out.add(new Difference("added", where(at), value, "required".equals(last)));
            }
        }
        if (was.equals(is)) {
            out.add(new Difference("changed", where(at), "order " + abbreviate(before) + " -> " + abbreviate(after),
                    false));
        }
    }

    private static boolean removalBreaks(List<String> at) {
        String last = at.get(at.size() - 1);
        if (at.size() == 2 && "paths".equals(at.get(0))) {
            return true; // a path
        }
        if (at.size() == 3 && "paths".equals(at.get(0)) && OPERATIONS.contains(last)) {
            return true; // an operation
        }
        if (at.size() >= 2 && "responses".equals(at.get(at.size() - 2))) {
            return true; // a response an operation gave
        }
        if (at.size() == 3 && "components".equals(at.get(0)) && "schemas".equals(at.get(1))) {
            return true; // a schema
        }
        if (at.size() >= 2 && "properties".equals(at.get(at.size() - 2))) {
            return true; // a field of a request or an answer
        }
        if ("content".equals(at.size() >= 2 ? at.get(at.size() - 2) : "")) {
            return true; // a media type
        }
        return "type".equals(last) || "format".equals(last) || "$ref".equals(last) || "items".equals(last);
    }

    private static boolean additionBreaks(List<String> at, JsonNode added) {
        String last = at.get(at.size() - 1);
        if ("requestBody".equals(last)) {
            return added.path("required").asBoolean(false);
        }
        // a limit or a shape that did not exist narrows what a request may send
        return Set.of("required", "type", "format", "pattern", "maxLength", "minLength", "maximum", "minimum",
                "maxItems", "minItems", "enum", "$ref").contains(last);
    }

    private static boolean changeBreaks(List<String> at, JsonNode before, JsonNode after) {
        String last = at.isEmpty() ? "" : at.get(at.size() - 1);
        if ("required".equals(last)) {
            return after.asBoolean(false) && !before.asBoolean(false);
        }
        return Set.of("type", "format", "$ref", "pattern", "maxLength", "minLength", "maximum", "minimum",
                "maxItems", "minItems", "in", "openapi").contains(last);
    }

    /** Parameters and servers keyed by what names them, so an inserted one shows as itself, not as a shift. */
    private static Map<String, JsonNode> keyed(JsonNode list) {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        for (JsonNode item : list) {
            String key;
            if (item.isObject() && item.has("name") && item.has("in")) {
                key = "name=" + item.get("name").asText() + ",in=" + item.get("in").asText();
            } else if (item.isObject() && item.has("url") && item.size() <= 3) {
                key = "url=" + item.get("url").asText();
            } else {
                return null;
            }
            if (byName.put(key, item) != null) {
                return null;
            }
        }
        return byName;
    }

    private static boolean allScalar(JsonNode list) {
        for (JsonNode item : list) {
            if (item.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> values(JsonNode list) {
        Set<String> values = new LinkedHashSet<>();
        for (Iterator<JsonNode> it = list.elements(); it.hasNext();) {
            values.add(it.next().toString());
        }
        return values;
    }

    private static List<String> append(List<String> at, String key) {
        List<String> here = new ArrayList<>(at);
        here.add(key);
        return here;
    }

    private static String where(List<String> at) {
        StringBuilder out = new StringBuilder();
        for (String key : at) {
            if (key.startsWith("[")) {
                out.append(key);
            } else {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(PLAIN_KEY.matcher(key).matches() ? key : '"' + key + '"');
            }
        }
        return out.isEmpty() ? "(the document)" : out.toString();
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value).replace('\n', ' ');
        return text.length() <= 100 ? text : text.substring(0, 97) + "...";
    }
}
