package org.safepolicing.portal.publicpages;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.qute.TemplateData;

/** What the public pages show, read from the services' public answers. */
public final class PublicViews {

    /** An agency credentialed today (credentialing-service's public registry). */
    @TemplateData
    public record CredentialedAgency(String ori, String name, String type, String state, String county, String bodyName,
                                     String bodyStatus, LocalDate validFrom, LocalDate validUntil) {
    }

    /** A credentialing body certified today. */
    @TemplateData
    public record CertifiedBody(String id, String name, List<String> coveredStandards, String standardsVersion,
                                LocalDate termStart, LocalDate termEnd) {
    }

    /** One entry of the statistics release list: a published release, or a scheduled one that was withheld. */
    @TemplateData
    public record ReleaseEntry(String status, Integer version, int year, String kind, String schedule, String title,
                               Double coverage, Double officerCoverage, Instant publishedAt, Integer suppressedCount,
                               Withheld withheld) {

        public boolean isPublished() {
            return "PUBLISHED".equals(status) || (status == null && version != null);
        }

        public String coveragePercent() {
            return percent(coverage);
        }

        public String officerCoveragePercent() {
            return percent(officerCoverage);
        }
    }

    @TemplateData
    public record Withheld(String reason, String detail) {
    }

    /** A published release with its tables. */
    @TemplateData
    public record Release(ReleaseEntry entry, String methodology, List<Table> tables) {
    }

    /** One table of counts: rows by {@code rowDimension}, columns by record category; null counts are suppressed. */
    @TemplateData
    public record Table(String name, String rowDimension, List<String> columns, List<Row> rows, List<Cell> columnTotals,
                        Cell grandTotal, Chart chart) {
    }

    @TemplateData
    public record Row(String label, List<Cell> cells, Cell total) {
    }

    /** A count, or a suppressed one (shown as "suppressed", never as a number or a blank). */
    @TemplateData
    public record Cell(Long value) {

        public boolean isSuppressed() {
            return value == null;
        }
    }

    /** A horizontal bar chart of the row totals, drawn as SVG by the template (no script, no style attribute). */
    @TemplateData
    public record Chart(int width, int height, List<Bar> bars) {

        static final int LABEL_WIDTH = 160;
    }

    /** One bar: its label, y position, length in pixels, and the count (or suppressed). */
    @TemplateData
    public record Bar(String label, int y, int length, Long value) {

        public boolean isSuppressed() {
            return value == null;
        }

        public int barY() {
            return y + 3;
        }

        public int textY() {
            return y + 14;
        }

        public int valueX() {
            return Chart.LABEL_WIDTH + length + 6;
        }
    }

    static String percent(Double ratio) {
        return ratio == null ? "not measured" : String.format("%.1f %%", ratio * 100);
    }

    /** The release's tables from records-service's JSON. */
    static List<Table> tables(JsonNode tables) {
        List<Table> result = new ArrayList<>();
        if (tables == null || !tables.isArray()) {
            return result;
        }
        for (JsonNode t : tables) {
            List<String> columns = new ArrayList<>();
            t.path("columns").forEach(c -> columns.add(c.asText()));
            List<Row> rows = new ArrayList<>();
            for (JsonNode r : t.path("rows")) {
                List<Cell> cells = columns.stream().map(c -> cell(r.path("counts").get(c))).toList();
                rows.add(new Row(r.path("label").asText(), cells, cell(r.get("total"))));
            }
            List<Cell> totals = columns.stream().map(c -> cell(t.path("columnTotals").get(c))).toList();
            result.add(new Table(t.path("name").asText(), t.path("rowDimension").asText(), columns, rows, totals,
                    cell(t.get("grandTotal")), chart(rows)));
        }
        return result;
    }

    static Chart chart(List<Row> rows) {
        long max = rows.stream().map(Row::total).filter(c -> !c.isSuppressed()).mapToLong(Cell::value).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        int y = 0;
        for (Row row : rows) {
            Long value = row.total().value();
            int length = value == null || max == 0 ? 0 : (int) Math.max(1, Math.round(300.0 * value / max));
            bars.add(new Bar(row.label(), y, length, value));
            y += 22;
        }
        return new Chart(Chart.LABEL_WIDTH + 300 + 90, Math.max(y, 22), bars);
    }

    private static Cell cell(JsonNode value) {
        return new Cell(value == null || value.isNull() || !value.canConvertToLong() ? null : value.asLong());
    }

    private PublicViews() {
    }
}
