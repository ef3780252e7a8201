package org.safepolicing.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.safepolicing.records.statistics.CellSuppression;

/**
 * Many random pairs of tables (rows x 6 categories, sharing category and grand totals), suppressed by the service's
 * algorithm and then attacked with the independent solver: no shown count is 1..10, no withheld count is recoverable.
 */
class CellSuppressionTest {

    static final String[] CATEGORIES = {"A", "B", "C", "D", "E", "F"};

    @Test
    void noSuppressedCountCanBeRecoveredFromRandomTables() {
        Random random = new Random(13929);
        int withheldTotal = 0;
        for (int round = 0; round < 300; round++) {
            int[] rowsPerTable = {1 + random.nextInt(8), 1 + random.nextInt(4)};
            Map<String, Long> values = new LinkedHashMap<>();
            List<CellSuppression.Equation> equations = new ArrayList<>();
            long[] categoryTotals = new long[CATEGORIES.length];
            // table 0 is drawn; table 1 re-splits the same category totals over its rows
            long[][][] cells = new long[2][][];
            cells[0] = new long[rowsPerTable[0]][CATEGORIES.length];
            for (int r = 0; r < rowsPerTable[0]; r++) {
                for (int c = 0; c < CATEGORIES.length; c++) {
                    int kind = random.nextInt(4);
                    cells[0][r][c] = kind == 0 ? 0 : kind == 1 ? 1 + random.nextInt(10) : 11 + random.nextInt(60);
                    categoryTotals[c] += cells[0][r][c];
                }
            }
            cells[1] = new long[rowsPerTable[1]][CATEGORIES.length];
            for (int c = 0; c < CATEGORIES.length; c++) {
                long left = categoryTotals[c];
                for (int r = 0; r < rowsPerTable[1] - 1; r++) {
                    long part = left == 0 ? 0 : random.nextLong(left + 1);
                    cells[1][r][c] = part;
                    left -= part;
                }
                cells[1][rowsPerTable[1] - 1][c] = left;
            }
            long grand = 0;
            for (int c = 0; c < CATEGORIES.length; c++) {
                values.put("TOTAL/" + CATEGORIES[c], categoryTotals[c]);
                grand += categoryTotals[c];
            }
            values.put("TOTAL/TOTAL", grand);
            equations.add(new CellSuppression.Equation("TOTAL/TOTAL", List.of(CATEGORIES).stream().map(c -> "TOTAL/" + c).toList()));
            for (int t = 0; t < 2; t++) {
                List<String> rowTotals = new ArrayList<>();
                for (int r = 0; r < rowsPerTable[t]; r++) {
                    List<String> parts = new ArrayList<>();
                    long sum = 0;
                    for (int c = 0; c < CATEGORIES.length; c++) {
                        String id = "t" + t + "/r" + r + "/" + CATEGORIES[c];
                        values.put(id, cells[t][r][c]);
                        parts.add(id);
                        sum += cells[t][r][c];
                    }
                    values.put("t" + t + "/r" + r + "/TOTAL", sum);
                    rowTotals.add("t" + t + "/r" + r + "/TOTAL");
                    equations.add(new CellSuppression.Equation("t" + t + "/r" + r + "/TOTAL", parts));
                }
                for (String c : CATEGORIES) {
                    List<String> column = new ArrayList<>();
                    for (int r = 0; r < rowsPerTable[t]; r++) {
                        column.add("t" + t + "/r" + r + "/" + c);
                    }
                    equations.add(new CellSuppression.Equation("TOTAL/" + c, column));
                }
                equations.add(new CellSuppression.Equation("TOTAL/TOTAL", rowTotals));
            }
            Set<String> withheld = CellSuppression.suppress(values, equations);
            withheldTotal += withheld.size();

            ArrayNode tables = RecordsApi.JSON.createArrayNode();
            for (int t = 0; t < 2; t++) {
                ObjectNode table = tables.addObject().put("name", "t" + t);
                ArrayNode columns = table.putArray("columns");
                for (String c : CATEGORIES) {
                    columns.add(c);
                }
                ArrayNode rows = table.putArray("rows");
                for (int r = 0; r < rowsPerTable[t]; r++) {
                    ObjectNode row = rows.addObject().put("label", "r" + r);
                    ObjectNode counts = row.putObject("counts");
                    for (String c : CATEGORIES) {
                        put(counts, c, "t" + t + "/r" + r + "/" + c, values, withheld);
                    }
                    put(row, "total", "t" + t + "/r" + r + "/TOTAL", values, withheld);
                }
                ObjectNode totals = table.putObject("columnTotals");
                for (String c : CATEGORIES) {
                    put(totals, c, "TOTAL/" + c, values, withheld);
                }
                put(table, "grandTotal", "TOTAL/TOTAL", values, withheld);
            }
            PublishedTables attack = new PublishedTables(tables);
            assertTrue(attack.shown.stream().noneMatch(v -> v >= 1 && v <= 10), "a small count is shown in round " + round);
            assertEquals(List.of(), attack.revealedByOneEquation(), "round " + round);
            assertEquals(List.of(), attack.recoverable(), "round " + round);
        }
        assertTrue(withheldTotal > 300, "the tables had small cells to protect");
    }

    private static void put(ObjectNode node, String field, String id, Map<String, Long> values, Set<String> withheld) {
        if (withheld.contains(id)) {
            node.putNull(field);
        } else {
            node.put(field, values.get(id));
        }
    }
}
