package org.safepolicing.portal.publicpages;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.qute.TemplateData;

/**
 * HHS's co-responder survey (coresponder-service, EO 13929 Sec. 4) as the public page shows it: per program model the
 * programs, encounters, and the diversion, arrest and force rates with their 95% intervals, the rank and the
 * recommendation; and a chart of each model's diversion rate with its interval. A rate from too few encounters is
 * shown as such, never as a bare number.
 */
@TemplateData
public record SurveyView(Instant generatedAt, String state, long programs, long encounters, List<Model> models,
                         List<Whisker> chart, int chartHeight) {

    static final int LABEL_WIDTH = 200;
    static final int SCALE = 300;

    @TemplateData
    public record Model(String model, Integer rank, long programs, long encounters, Rate diversion, Rate arrest,
                        Rate force, String action, String reason) {
    }

    /** A rate of {@code count} in {@code of}, with its interval; {@code sufficient} false: too few to say. */
    @TemplateData
    public record Rate(long count, long of, Double value, Double lower, Double upper, boolean sufficient) {

        public String getText() {
            if (value == null) {
                return "no encounters";
            }
            String text = String.format("%.1f %% (%d of %d)", value * 100, count, of);
            return sufficient ? text : text + ", too few to compare";
        }

        public String getInterval() {
            return lower == null || upper == null ? "" : String.format("%.1f–%.1f %%", lower * 100, upper * 100);
        }
    }

    /** One row of the interval chart: a line from the lower to the upper bound and a dot at the rate. */
    @TemplateData
    public record Whisker(String label, int y, Integer x1, Integer x, Integer x2, boolean sufficient) {

        public boolean isDrawn() {
            return x != null;
        }

        public int textY() {
            return y + 4;
        }
    }

    static SurveyView of(JsonNode report, String state) {
        List<Model> models = new ArrayList<>();
        List<Whisker> chart = new ArrayList<>();
        int y = 14;
        for (JsonNode m : report.path("models")) {
            JsonNode metrics = m.path("metrics");
            Rate diversion = rate(metrics.path("diversion"));
            models.add(new Model(m.path("model").asText(), m.hasNonNull("rank") ? m.path("rank").asInt() : null,
                    metrics.path("programs").asLong(), metrics.path("encounters").asLong(), diversion,
                    rate(metrics.path("arrest")), rate(metrics.path("force")),
                    m.path("recommendation").path("action").asText(""), m.path("recommendation").path("reason").asText("")));
            chart.add(new Whisker(m.path("model").asText(), y, px(diversion.lower()), px(diversion.value()),
                    px(diversion.upper()), diversion.sufficient()));
            y += 24;
        }
        JsonNode pooled = report.path("pooled");
        return new SurveyView(report.hasNonNull("generatedAt") ? Instant.parse(report.path("generatedAt").asText()) : null,
                state, pooled.path("programs").asLong(), pooled.path("encounters").asLong(), models, chart, Math.max(y, 24));
    }

    private static Rate rate(JsonNode r) {
        return new Rate(r.path("count").asLong(), r.path("of").asLong(), number(r.get("value")), number(r.get("lower")),
                number(r.get("upper")), r.path("sufficient").asBoolean());
    }

    private static Double number(JsonNode n) {
        return n == null || n.isNull() || !n.isNumber() ? null : n.asDouble();
    }

    private static Integer px(Double ratio) {
        return ratio == null ? null : LABEL_WIDTH + (int) Math.round(Math.max(0, Math.min(1, ratio)) * SCALE);
    }
}
