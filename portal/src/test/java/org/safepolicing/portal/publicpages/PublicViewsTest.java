package org.safepolicing.portal.publicpages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.safepolicing.portal.web.Paged;
import org.safepolicing.portal.web.Services;

import com.fasterxml.jackson.databind.JsonNode;

/** How a release's tables, as records-service publishes them, become what the release page shows. */
class PublicViewsTest {

    /** Two rows of a release table in records-service's shape: a withheld count is null. */
    private static final String TABLES = """
            [{"name": "Records by state and category", "rowDimension": "state",
              "columns": ["USE_OF_FORCE", "MISCONDUCT"],
              "rows": [{"label": "VA", "counts": {"USE_OF_FORCE": 12, "MISCONDUCT": null}, "total": null},
                       {"label": "MD", "counts": {"USE_OF_FORCE": 0, "MISCONDUCT": 7}, "total": 30}],
              "columnTotals": {"USE_OF_FORCE": 12, "MISCONDUCT": null}, "grandTotal": 45}]
            """;

    @Test
    void aWithheldCountIsSuppressedAndAZeroIsShownAsZero() throws Exception {
        JsonNode json = Services.JSON.readTree(TABLES);
        PublicViews.Table table = PublicViews.tables(json).get(0);

        assertEquals(List.of("USE_OF_FORCE", "MISCONDUCT"), table.columns());
        PublicViews.Row va = table.rows().get(0);
        assertEquals(12L, va.cells().get(0).value());
        assertTrue(va.cells().get(1).isSuppressed(), "null is a suppressed cell");
        assertTrue(va.total().isSuppressed());
        PublicViews.Row md = table.rows().get(1);
        assertFalse(md.cells().get(0).isSuppressed(), "zero is published, not suppressed");
        assertEquals(0L, md.cells().get(0).value());
        assertTrue(table.columnTotals().get(1).isSuppressed());
        assertEquals(45L, table.grandTotal().value());
    }

    @Test
    void theChartDrawsPublishedTotalsToScaleAndNoBarForASuppressedOne() throws Exception {
        PublicViews.Chart chart = PublicViews.tables(Services.JSON.readTree(TABLES)).get(0).chart();

        PublicViews.Bar va = chart.bars().get(0);
        assertTrue(va.isSuppressed());
        assertEquals(0, va.length(), "a suppressed total draws no bar: its size would reveal it");
        assertNull(va.value());
        PublicViews.Bar md = chart.bars().get(1);
        assertEquals(300, md.length(), "the largest published total spans the whole scale");
        assertEquals(22, md.y());
    }

    @Test
    void aReleaseWithoutTablesShowsNone() {
        assertTrue(PublicViews.tables(null).isEmpty());
        assertTrue(PublicViews.tables(Services.JSON.nullNode()).isEmpty());
    }

    @Test
    void thePagerKnowsWhetherThereIsAnotherPage() {
        Paged<String> first = new Paged<>(List.of("a", "b"), 0, 2, 5);
        assertFalse(first.hasPrevious());
        assertTrue(first.hasNext());
        assertEquals(1, first.first());
        assertEquals(2, first.last());
        Paged<String> last = new Paged<>(List.of("e"), 2, 2, 5);
        assertTrue(last.hasPrevious());
        assertFalse(last.hasNext());
        assertEquals(5, last.first());
        Paged<String> none = new Paged<>(null, 0, 20, 0);
        assertEquals(0, none.first());
        assertFalse(none.hasNext());
    }
}
