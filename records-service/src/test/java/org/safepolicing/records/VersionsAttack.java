package org.safepolicing.records;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.linear.UnboundedSolutionException;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * An attacker holding every version of a year's release (issue 13, point 15), written independently of the service's
 * suppression code: the unknowns are every version's withheld counts; each version's tables add up (rows to row
 * totals, categories to category totals, both to the grand total); counts are non-negative; a count never falls from
 * one version to the next. For each unknown it solves two linear programs (smallest and largest value) and rounds
 * inwards to integers: when only one integer remains, the count is recovered.
 */
final class VersionsAttack {

    private final List<Map<String, Long>> published = new ArrayList<>();
    private final List<List<List<String>>> equations = new ArrayList<>(); // per version: [total, parts...]
    private final Map<String, Integer> unknowns = new LinkedHashMap<>();

    VersionsAttack(List<JsonNode> versionsTables) {
        for (JsonNode tables : versionsTables) {
            Map<String, Long> cells = new HashMap<>();
            List<List<String>> eqs = new ArrayList<>();
            List<String> categoryTotals = new ArrayList<>();
            boolean first = true;
            for (JsonNode t : tables) {
                String name = t.get("name").asText();
                List<String> columns = new ArrayList<>();
                t.get("columns").forEach(c -> columns.add(c.asText()));
                Map<String, List<String>> byColumn = new HashMap<>();
                List<String> rowTotals = new ArrayList<>();
                for (JsonNode row : t.get("rows")) {
                    String label = row.get("label").asText();
                    List<String> eq = new ArrayList<>();
                    eq.add(put(cells, name + "/" + label + "/TOTAL", row.get("total")));
                    for (String c : columns) {
                        String id = put(cells, name + "/" + label + "/" + c, row.get("counts").get(c));
                        eq.add(id);
                        byColumn.computeIfAbsent(c, k -> new ArrayList<>()).add(id);
                    }
                    rowTotals.add(eq.get(0));
                    eqs.add(eq);
                }
                for (String c : columns) {
                    List<String> eq = new ArrayList<>();
                    eq.add(put(cells, "TOTAL/" + c, t.get("columnTotals").get(c)));
                    eq.addAll(byColumn.getOrDefault(c, List.of()));
                    eqs.add(eq);
                    if (first) {
                        categoryTotals.add(eq.get(0));
                    }
                }
                List<String> grand = new ArrayList<>();
                grand.add(put(cells, "TOTAL/TOTAL", t.get("grandTotal")));
                grand.addAll(rowTotals);
                eqs.add(grand);
                first = false;
            }
            List<String> grand = new ArrayList<>();
            grand.add("TOTAL/TOTAL");
            grand.addAll(categoryTotals);
            eqs.add(grand);
            int v = published.size();
            cells.forEach((id, value) -> {
                if (value == null) {
                    unknowns.put(v + ":" + id, unknowns.size());
                }
            });
            published.add(cells);
            equations.add(eqs);
        }
    }

    private static String put(Map<String, Long> cells, String id, JsonNode value) {
        cells.put(id, value == null || value.isNull() ? null : value.asLong());
        return id;
    }

    /** The withheld counts recovered exactly, as "v{n}:{cell}" with n from 1 (the n-th version given). */
    List<String> recovered() {
        List<LinearConstraint> constraints = constraints();
        List<String> out = new ArrayList<>();
        for (var u : unknowns.entrySet()) {
            double[] objective = new double[unknowns.size()];
            objective[u.getValue()] = 1;
            double min = solve(objective, constraints, GoalType.MINIMIZE);
            double max = solve(objective, constraints, GoalType.MAXIMIZE);
            if (Math.ceil(min - 1e-6) >= Math.floor(max + 1e-6)) {
                String[] part = u.getKey().split(":", 2);
                out.add("v" + (Integer.parseInt(part[0]) + 1) + ":" + part[1]);
            }
        }
        return out;
    }

    private static double solve(double[] objective, List<LinearConstraint> constraints, GoalType goal) {
        try {
            PointValuePair p = new SimplexSolver(1e-9, 10, 1e-12).optimize(new MaxIter(100_000),
                    new LinearObjectiveFunction(objective, 0), new LinearConstraintSet(constraints), goal,
                    new NonNegativeConstraint(true));
            return p.getValue();
        } catch (UnboundedSolutionException e) { // nothing bounds it from above
            return Double.POSITIVE_INFINITY;
        }
    }

    private List<LinearConstraint> constraints() {
        int n = unknowns.size();
        List<LinearConstraint> out = new ArrayList<>();
        for (int v = 0; v < published.size(); v++) {
            for (List<String> eq : equations.get(v)) {
                double[] row = new double[n];
                double constant = 0;
                for (int i = 0; i < eq.size(); i++) {
                    double sign = i == 0 ? -1 : 1; // parts - total = 0
                    String id = eq.get(i);
                    Long value = published.get(v).get(id);
                    if (value == null) {
                        row[unknowns.get(v + ":" + id)] += sign;
                    } else {
                        constant -= sign * value;
                    }
                }
                if (java.util.Arrays.stream(row).anyMatch(x -> x != 0)) {
                    out.add(new LinearConstraint(row, Relationship.EQ, constant));
                }
            }
            if (v > 0) { // growth: x_(v-1) <= x_v for every cell either version has (a missing row is 0)
                Map<String, Long> before = published.get(v - 1);
                Map<String, Long> after = published.get(v);
                for (String id : after.keySet()) {
                    double[] row = new double[n];
                    double constant = 0;
                    if (before.containsKey(id) && before.get(id) == null) {
                        row[unknowns.get((v - 1) + ":" + id)] += 1;
                    } else {
                        constant -= before.getOrDefault(id, 0L);
                    }
                    if (after.get(id) == null) {
                        row[unknowns.get(v + ":" + id)] -= 1;
                    } else {
                        constant += after.get(id);
                    }
                    if (java.util.Arrays.stream(row).anyMatch(x -> x != 0)) {
                        out.add(new LinearConstraint(row, Relationship.LEQ, constant));
                    }
                }
            }
        }
        return out;
    }
}
