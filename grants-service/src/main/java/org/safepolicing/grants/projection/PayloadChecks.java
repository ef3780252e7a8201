package org.safepolicing.grants.projection;

import com.fasterxml.jackson.databind.JsonNode;

import org.safepolicing.contracts.Ori;
import org.safepolicing.platform.events.InboundEvent;
import org.safepolicing.platform.events.PoisonEventException;

/** What an upstream event must carry before the projection applies it; anything less is poison. */
final class PayloadChecks {

    private PayloadChecks() {
    }

    /** The producer's outbox sequence: without it the projection cannot tell a late event from a new one. */
    static long sequence(InboundEvent event) {
        if (event.sequence() == null) {
            throw poison(event, "has no ce_sequence, so it cannot be ordered against the agency's other events");
        }
        return event.sequence();
    }

    static String ori(InboundEvent event, String ori) {
        if (!Ori.isValid(ori)) {
            throw poison(event, "carries an invalid ORI '" + ori + "'");
        }
        return ori;
    }

    static <T> T required(InboundEvent event, String field, T value) {
        if (value == null) {
            throw poison(event, "has no " + field);
        }
        return value;
    }

    /**
     * A required text field as the producer wrote it. Enum values added later upstream read as null through the
     * payload record, so the raw text is what the projection keeps.
     */
    static String requiredText(InboundEvent event, String field) {
        JsonNode node = event.data().get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw poison(event, "has no " + field);
        }
        return node.asText();
    }

    /** A required true/false field; a missing one must not read as false. */
    static boolean requiredBoolean(InboundEvent event, String field) {
        JsonNode node = event.data().get(field);
        if (node == null || !node.isBoolean()) {
            throw poison(event, "has no " + field + " (true or false)");
        }
        return node.asBoolean();
    }

    /** A required number; a missing one must not read as 0. */
    static double requiredNumber(InboundEvent event, String field) {
        JsonNode node = event.data().get(field);
        if (node == null || !node.isNumber()) {
            throw poison(event, "has no " + field + " (a number)");
        }
        return node.asDouble();
    }

    /** A required whole number of at least {@code minimum}; a missing one must not read as 0. */
    static int requiredInt(InboundEvent event, JsonNode parent, String field, int minimum) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
            throw poison(event, "has no " + field + " (a whole number)");
        }
        if (node.asInt() < minimum) {
            throw poison(event, "carries a " + field + " of " + node.asInt() + ", below " + minimum);
        }
        return node.asInt();
    }

    /** A required text field of a nested object. */
    static String requiredText(InboundEvent event, JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw poison(event, "has no " + field);
        }
        return node.asText();
    }

    /** Events of one aggregate are keyed by it; a record keyed otherwise would break their order. */
    static void keyIs(InboundEvent event, String expected) {
        if (!expected.equals(event.key())) {
            throw poison(event, "is keyed '" + event.key() + "' but concerns '" + expected + "'");
        }
    }

    static PoisonEventException poison(InboundEvent event, String what) {
        return new PoisonEventException("event " + event.id() + " of type " + event.type() + " " + what);
    }
}
