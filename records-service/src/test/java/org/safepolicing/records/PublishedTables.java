package org.safepolicing.records;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An attacker's view of a published release: the equations the published tables imply (rows add up to row totals,
 * columns to category totals, row totals and category totals to the grand total), and which withheld counts those
 * equations pin down. Written independently of the service's suppression code.
 */
final class PublishedTables {

    /** One linear equation: sum of coefficient * cell = constant, over withheld cells only. */
    record Equation(Map<String, Integer> unknowns, long constant) {
    }

    final List<Equation> equations = new ArrayList<>();
    final List<String> withheld = new ArrayList<>();
    final List<Long> shown = new ArrayList<>();

    PublishedTables(JsonNode tables) {
        for (JsonNode t : tables) {
            String name = t.get("name").asText();
            List<String> columns = new ArrayList<>();
            t.get("columns").forEach(c -> columns.add(c.asText()));
            Map<String, List<String[]>> byColumn = new HashMap<>();
            List<String[]> rowTotals = new ArrayList<>();
            for (JsonNode row : t.get("rows")) {
                String label = row.get("label").asText();
                List<String[]> parts = new ArrayList<>();
                for (String c : columns) {
                    String[] cell = cell(name + "/" + label + "/" + c, row.get("counts").get(c));
                    parts.add(cell);
                    byColumn.computeIfAbsent(c, k -> new ArrayList<>()).add(cell);
                }
                String[] total = cell(name + "/" + label + "/TOTAL", row.get("total"));
                rowTotals.add(total);
                add(parts, total);
            }
            List<String[]> categoryTotals = new ArrayList<>();
            for (String c : columns) {
                String[] total = cell("TOTAL/" + c, t.get("columnTotals").get(c));
                categoryTotals.add(total);
                add(byColumn.getOrDefault(c, List.of()), total);
            }
            String[] grand = cell("TOTAL/TOTAL", t.get("grandTotal"));
            add(rowTotals, grand);
            add(categoryTotals, grand);
        }
    }

    /** {id, value-or-null}; registers the cell as withheld or shown. */
    private String[] cell(String id, JsonNode value) {
        if (value == null || value.isNull()) {
            if (!withheld.contains(id)) {
                withheld.add(id);
            }
            return new String[] {id, null};
        }
        shown.add(value.asLong());
        return new String[] {id, value.asText()};
    }

    private void add(List<String[]> parts, String[] total) {
        Map<String, Integer> unknowns = new HashMap<>();
        long constant = 0;
        for (String[] p : parts) {
            if (p[1] == null) {
                unknowns.merge(p[0], 1, Integer::sum);
            } else {
                constant -= Long.parseLong(p[1]);
            }
        }
        if (total[1] == null) {
            unknowns.merge(total[0], -1, Integer::sum);
        } else {
            constant += Long.parseLong(total[1]);
        }
        equations.add(new Equation(unknowns, constant));
    }

    /** Equations with exactly one withheld cell: solving them reveals it at once. */
    List<String> revealedByOneEquation() {
        return equations.stream().filter(e -> e.unknowns().size() == 1).map(e -> e.unknowns().keySet().iterator().next()).toList();
    }

    /** Withheld cells whose unit vector lies in the row space of the equations: rank(A) == rank(A + e_i). */
    List<String> recoverable() {
        List<String> out = new ArrayList<>();
        double[][] a = matrix();
        int base = rank(a);
        for (int i = 0; i < withheld.size(); i++) {
            double[][] extended = new double[a.length + 1][];
            System.arraycopy(a, 0, extended, 0, a.length);
            extended[a.length] = new double[withheld.size()];
            extended[a.length][i] = 1;
            if (rank(extended) == base) {
                out.add(withheld.get(i));
            }
        }
        return out;
    }

    private double[][] matrix() {
        double[][] a = new double[equations.size()][withheld.size()];
        for (int r = 0; r < equations.size(); r++) {
            for (var u : equations.get(r).unknowns().entrySet()) {
                a[r][withheld.indexOf(u.getKey())] += u.getValue();
            }
        }
        return a;
    }

    private static int rank(double[][] source) {
        double[][] m = new double[source.length][];
        for (int i = 0; i < source.length; i++) {
            m[i] = source[i].clone();
        }
        int rank = 0;
        int cols = m.length == 0 ? 0 : m[0].length;
        for (int c = 0; c < cols && rank < m.length; c++) {
            int pivot = rank;
            for (int r = rank; r < m.length; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            if (Math.abs(m[pivot][c]) < 1e-9) {
                continue;
            }
            double[] t = m[pivot];
            m[pivot] = m[rank];
            m[rank] = t;
            for (int r = rank + 1; r < m.length; r++) {
                double f = m[r][c] / m[rank][c];
                for (int k = c; k < cols; k++) {
                    m[r][k] -= f * m[rank][k];
                }
            }
            rank++;
        }
        return rank;
    }
}
