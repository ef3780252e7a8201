package org.safepolicing.partner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One printed line per change a partner acts on, from the event's data (schemas in the event-contracts jar). */
public final class ChangeLine {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChangeLine() {
    }

    public static String of(PublicEvent event) {
        JsonNode data;
        try {
            data = JSON.readTree(event.data());
        } catch (Exception e) {
            return event.topic() + " " + event.key() + " " + event.type() + " (data is not JSON)";
        }
        if (event.topic().startsWith("grants.eligibility")) {
            StringBuilder line = new StringBuilder("eligibility ").append(event.key())
                    .append(data.path("grantProgramId").isNull() || data.path("grantProgramId").isMissingNode()
                            ? " general" : " program " + data.path("grantProgramId").asText())
                    .append(data.path("eligible").asBoolean() ? " ELIGIBLE" : " NOT ELIGIBLE");
            for (JsonNode rule : data.path("rules")) {
                line.append(" | ").append(rule.path("rule").asText()).append(' ').append(rule.path("outcome").asText())
                        .append(": ").append(rule.path("reason").asText());
            }
            return line.toString();
        }
        if (event.topic().startsWith("agency-registry")) {
            String what = event.type().substring(event.type().lastIndexOf('.') + 1);
            return "registry " + event.key() + " " + what + ": " + data.path("name").asText() + " ("
                    + data.path("type").asText() + ", " + data.path("state").asText() + ", sworn "
                    + data.path("swornOfficers").asText("?") + ", active " + data.path("active").asText() + ")";
        }
        return event.topic() + " " + event.key() + " " + event.type();
    }
}
