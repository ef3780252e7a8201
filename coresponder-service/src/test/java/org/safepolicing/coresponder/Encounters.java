package org.safepolicing.coresponder;

import static org.safepolicing.coresponder.CoresponderApi.as;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;

import org.safepolicing.testing.TestTokens;

/** Encounter payloads for tests: hand-written ones and generated batches. */
public final class Encounters {

    static final String[] OUTCOMES = {"RESOLVED_ON_SCENE", "REFERRED_TO_SERVICES", "VOLUNTARY_TRANSPORT", "INVOLUNTARY_HOLD",
            "ARREST", "NO_CONTACT"};
    static final String[] REASONS = {"MENTAL_HEALTH", "HOMELESSNESS", "SUBSTANCE_USE", "WELFARE_CHECK", "OTHER"};

    /** One encounter as JSON. {@code minutes} null means not recorded. */
    public static String encounter(String outcome, Integer minutes, boolean force, boolean followUp) {
        return """
                {"occurredAt":"2026-10-01T21:14:00Z","reasons":["MENTAL_HEALTH"],"clinicianOnScene":true,\
                "responseMinutes":%s,"outcome":"%s","forceUsed":%s,"injuries":[],"followUp":%s}"""
                .formatted(minutes == null ? "null" : minutes.toString(), outcome, force, followUp);
    }

    /** {@code n} random but valid encounters as a bulk body; the same seed gives the same body. */
    public static String batch(int n, long seed) {
        Random random = new Random(seed);
        Instant start = Instant.parse("2026-09-01T00:00:00Z");
        StringBuilder sb = new StringBuilder(n * 200).append("{\"encounters\":[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",")
                    .append("{\"occurredAt\":\"").append(start.plus(random.nextInt(30 * 24 * 60), ChronoUnit.MINUTES))
                    .append("\",\"reasons\":[\"").append(REASONS[random.nextInt(REASONS.length)]).append("\"]")
                    .append(",\"clinicianOnScene\":").append(random.nextInt(10) < 8)
                    .append(",\"responseMinutes\":").append(random.nextInt(20) == 0 ? "null" : Integer.toString(5 + random.nextInt(40)))
                    .append(",\"outcome\":\"").append(OUTCOMES[random.nextInt(OUTCOMES.length)]).append('"')
                    .append(",\"forceUsed\":").append(random.nextInt(25) == 0)
                    .append(",\"injuries\":").append(random.nextInt(50) == 0 ? "[\"SUBJECT\"]" : "[]")
                    .append(",\"followUp\":").append(random.nextBoolean())
                    .append('}');
        }
        return sb.append("]}").toString();
    }

    public static String bulk(String... encounters) {
        return "{\"encounters\":[" + String.join(",", encounters) + "]}";
    }

    public static io.restassured.response.Response submitBulk(String ori, String programId, String body) {
        return as(TestTokens.agencyUser(ori)).body(body)
                .post("/api/v1/agencies/{ori}/programs/{id}/encounters/bulk", ori, programId);
    }

    private Encounters() {
    }
}
