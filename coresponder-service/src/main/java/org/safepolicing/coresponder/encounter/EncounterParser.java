package org.safepolicing.coresponder.encounter;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.safepolicing.platform.problem.Problem;
import org.safepolicing.platform.problem.ProblemException;

/**
 * Reads encounters field by field, so every refusal names the item and the field: a field that could identify a
 * person (names, dates of birth, addresses, free text), any other unknown field, or a missing or invalid value.
 * Values of refused fields are never echoed or logged. Nothing is returned unless every item is valid.
 */
public final class EncounterParser {

    public static final int MAX_ITEMS = 200_000;
    /** Errors listed in one answer; {@code errorCount} tells how many there were in all. */
    static final int MAX_LISTED_ERRORS = 1_000;
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Set<String> FIELDS = Set.of("occurredAt", "reasons", "clinicianOnScene", "responseMinutes",
            "outcome", "forceUsed", "injuries", "followUp");
    /**
     * Fields that would identify a person, compared without case, '_' or '-'. Any other unknown field is refused too;
     * these get their own problem type because they are the privacy rule of Sec. 4 data.
     */
    private static final Set<String> IDENTIFYING = Set.of("name", "firstname", "lastname", "middlename", "surname",
            "fullname", "clientname", "client", "subjectname", "personname", "patientname", "alias", "dateofbirth", "dob",
            "birthdate", "birthday", "age", "address", "streetaddress", "street", "homeaddress", "addressline1", "city",
            "zip", "zipcode", "postalcode", "location", "latitude", "longitude", "ssn", "socialsecuritynumber", "phone",
            "phonenumber", "email", "medicaidid", "mrn", "notes", "note", "narrative", "comment", "comments", "description",
            "details", "freetext", "text", "remarks", "summary");

    private final ObjectMapper json;

    public EncounterParser(ObjectMapper json) {
        this.json = json;
    }

    /** A body {@code {"encounters": [ ... ]}}. */
    public List<Encounter> parseBatch(InputStream body) {
        Errors errors = new Errors();
        List<Encounter> encounters = new ArrayList<>();
        try (JsonParser p = strict(body)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, "the body must be a JSON object {\"encounters\": [...]}");
            boolean seen = false;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                expect(t, JsonToken.FIELD_NAME, "the body must be a JSON object {\"encounters\": [...]}");
                String field = p.currentName();
                if (!"encounters".equals(field)) {
                    errors.field(field, "");
                    p.nextToken();
                    p.skipChildren();
                    continue;
                }
                seen = true;
                expect(p.nextToken(), JsonToken.START_ARRAY, "encounters must be an array");
                int index = 0;
                for (JsonToken item = p.nextToken(); item != JsonToken.END_ARRAY; item = p.nextToken()) {
                    if (index >= MAX_ITEMS) {
                        throw ProblemException.badRequest("a request carries at most " + MAX_ITEMS + " encounters; split the batch")
                                .with("maxItems", MAX_ITEMS);
                    }
                    JsonNode node = p.readValueAsTree();
                    Encounter e = read(node, "encounters[" + index + "]", errors);
                    if (e != null) {
                        encounters.add(e);
                    }
                    index++;
                }
            }
            if (p.nextToken() != null) {
                throw ProblemException.badRequest("the body has content after the JSON object");
            }
            if (!seen && errors.isEmpty()) {
                errors.add("encounters", "is required");
            }
        } catch (JsonProcessingException e) {
            throw unreadable(e);
        } catch (IOException e) {
            throw ProblemException.badRequest("the body could not be read");
        }
        errors.throwIfAny();
        if (encounters.isEmpty()) {
            throw new ProblemException(400, "invalid-input", "Invalid input", "encounters must not be empty",
                    List.of(new Problem.FieldError("encounters", "must not be empty")));
        }
        return encounters;
    }

    /** A body that is one encounter. */
    public Encounter parseOne(InputStream body) {
        Errors errors = new Errors();
        JsonNode node;
        try (JsonParser p = strict(body)) {
            node = p.readValueAsTree();
            if (p.nextToken() != null) {
                throw ProblemException.badRequest("the body has content after the JSON object");
            }
        } catch (JsonProcessingException e) {
            throw unreadable(e);
        } catch (IOException e) {
            throw ProblemException.badRequest("the body could not be read");
        }
        Encounter e = read(node, "", errors);
        errors.throwIfAny();
        return e;
    }

    /** A field given twice is refused (unreadable-body), never decided by which one comes last. */
    private JsonParser strict(InputStream body) throws IOException {
        return json.getFactory().createParser(body).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    private Encounter read(JsonNode node, String at, Errors errors) {
        if (node == null || !node.isObject()) {
            errors.add(at.isEmpty() ? "body" : at, "must be a JSON object");
            return null;
        }
        int before = errors.count;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String field = it.next().getKey();
            if (!FIELDS.contains(field)) {
                errors.field(field, at);
            }
        }
        Instant occurredAt = null;
        JsonNode time = node.get("occurredAt");
        if (time == null || time.isNull()) {
            errors.add(path(at, "occurredAt"), "is required");
        } else if (!time.isTextual()) {
            errors.add(path(at, "occurredAt"), "must be an ISO-8601 UTC time, e.g. 2026-10-01T21:14:00Z");
        } else {
            try {
                occurredAt = Instant.parse(time.asText());
                if (occurredAt.isBefore(EARLIEST) || occurredAt.isAfter(Instant.now().plus(CLOCK_SKEW))) {
                    errors.add(path(at, "occurredAt"), "must be between 2000-01-01 and now");
                }
            } catch (DateTimeParseException ex) {
                errors.add(path(at, "occurredAt"), "must be an ISO-8601 UTC time, e.g. 2026-10-01T21:14:00Z");
            }
        }
        List<EncounterReason> reasons = enums(node, at, "reasons", EncounterReason.class, true, errors);
        boolean clinician = bool(node, at, "clinicianOnScene", errors);
        Integer minutes = null;
        JsonNode m = node.get("responseMinutes");
        if (m != null && !m.isNull()) {
            if (!m.isIntegralNumber() || !m.canConvertToInt() || m.asInt() < 0 || m.asInt() > 1440) {
                errors.add(path(at, "responseMinutes"), "must be a whole number of minutes from 0 to 1440, or null");
            } else {
                minutes = m.asInt();
            }
        }
        Outcome outcome = null;
        JsonNode o = node.get("outcome");
        if (o == null || o.isNull()) {
            errors.add(path(at, "outcome"), "is required");
        } else {
            outcome = constant(o, Outcome.class);
            if (outcome == null) {
                errors.add(path(at, "outcome"), "must be one of " + List.of(Outcome.values()));
            }
        }
        boolean force = bool(node, at, "forceUsed", errors);
        List<InjuredParty> injuries = enums(node, at, "injuries", InjuredParty.class, false, errors);
        boolean followUp = bool(node, at, "followUp", errors);
        if (errors.count > before) {
            return null;
        }
        return new Encounter(occurredAt, reasons, clinician, minutes, outcome, force, injuries, followUp);
    }

    private static boolean bool(JsonNode node, String at, String field, Errors errors) {
        JsonNode v = node.get(field);
        if (v == null || !v.isBoolean()) {
            errors.add(path(at, field), "is required: true or false");
            return false;
        }
        return v.asBoolean();
    }

    private static <E extends Enum<E>> List<E> enums(JsonNode node, String at, String field, Class<E> type, boolean nonEmpty,
                                                     Errors errors) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            errors.add(path(at, field), "is required: an array of " + List.of(type.getEnumConstants()));
            return List.of();
        }
        EnumSet<E> values = EnumSet.noneOf(type);
        for (int i = 0; i < v.size(); i++) {
            E e = constant(v.get(i), type);
            if (e == null) {
                errors.add(path(at, field) + "[" + i + "]", "must be one of " + List.of(type.getEnumConstants()));
                return List.of();
            }
            values.add(e);
        }
        if (nonEmpty && values.isEmpty()) {
            errors.add(path(at, field), "must name at least one of " + List.of(type.getEnumConstants()));
        }
        return List.copyOf(values);
    }

    private static <E extends Enum<E>> E constant(JsonNode v, Class<E> type) {
        if (v == null || !v.isTextual()) {
            return null;
        }
        try {
            return Enum.valueOf(type, v.asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String path(String at, String field) {
        return at.isEmpty() ? field : at + "." + field;
    }

    private static void expect(JsonToken actual, JsonToken expected, String message) {
        if (actual != expected) {
            throw ProblemException.badRequest(message);
        }
    }

    private static ProblemException unreadable(JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
        String original = e.getOriginalMessage();
        String what = original != null && original.startsWith("Duplicate field ")
                ? "field " + original.substring("Duplicate field ".length()) + " is given twice" : "the body is not valid JSON";
        return new ProblemException(400, "unreadable-body", "Unreadable request body", what + where);
    }

    static boolean identifying(String field) {
        return IDENTIFYING.contains(field.toLowerCase(Locale.ROOT).replace("_", "").replace("-", ""));
    }

    /** Errors of a whole request; the most serious kind decides the problem type. */
    private static final class Errors {
        private final List<Problem.FieldError> listed = new ArrayList<>();
        private final List<String> identifyingFields = new ArrayList<>();
        private final List<String> unknownFields = new ArrayList<>();
        private int count;

        void add(String field, String message) {
            count++;
            if (listed.size() < MAX_LISTED_ERRORS) {
                listed.add(new Problem.FieldError(field, message));
            }
        }

        void field(String name, String at) {
            String where = at.isEmpty() ? name : at + "." + name;
            if (identifying(name)) {
                if (!identifyingFields.contains(name)) {
                    identifyingFields.add(name);
                }
                add(where, "could identify a person: the API takes no names, dates of birth, addresses or free text");
            } else {
                if (!unknownFields.contains(name)) {
                    unknownFields.add(name);
                }
                add(where, "is not a field of an encounter");
            }
        }

        boolean isEmpty() {
            return count == 0;
        }

        void throwIfAny() {
            if (count == 0) {
                return;
            }
            ProblemException problem;
            if (!identifyingFields.isEmpty()) {
                problem = new ProblemException(400, "identifying-field", "Identifying data refused",
                        "field(s) " + identifyingFields + " could identify a person; encounters are de-identified, so nothing was stored",
                        listed).with("fields", List.copyOf(identifyingFields));
            } else if (!unknownFields.isEmpty()) {
                problem = new ProblemException(400, "unknown-field", "Unknown field",
                        "field(s) " + unknownFields + " are not fields of an encounter; nothing was stored", listed)
                        .with("fields", List.copyOf(unknownFields));
            } else {
                problem = new ProblemException(400, "invalid-encounters", "Invalid encounters",
                        count + " invalid value(s); nothing was stored", listed);
            }
            throw problem.with("errorCount", count);
        }
    }
}
