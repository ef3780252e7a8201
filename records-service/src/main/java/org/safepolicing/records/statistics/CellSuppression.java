package org.safepolicing.records.statistics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Small-cell suppression for tables published with their totals. Primary: every count from 1 to 10 is withheld.
 * Complementary: until no withheld count can be recovered, (a) no published equation ("these cells add up to that
 * total") may have exactly one withheld cell, and (b) no withheld cell may be determined by any combination of the
 * published equations (checked by Gaussian elimination over the withheld cells).
 */
public final class CellSuppression {

    public static final long SMALL_MIN = 1;
    public static final long SMALL_MAX = 10;

    /** The parts add up to the total. Cell ids are free-form. */
    public record Equation(String total, List<String> parts) {
        List<String> cells() {
            List<String> all = new ArrayList<>(parts);
            all.add(total);
            return all;
        }
    }

    private CellSuppression() {
    }

    public static Set<String> suppress(Map<String, Long> values, List<Equation> equations) {
        Set<String> withheld = new LinkedHashSet<>();
        values.forEach((id, v) -> {
            if (v >= SMALL_MIN && v <= SMALL_MAX) {
                withheld.add(id);
            }
        });
        while (true) {
            boolean changed = false;
            for (Equation eq : equations) {
                long inLine = eq.cells().stream().filter(withheld::contains).count();
                if (inLine == 1) {
                    Optional<String> complement = complement(eq, values, withheld);
                    if (complement.isPresent()) {
                        withheld.add(complement.get());
                        changed = true;
                    }
                }
            }
            if (changed) {
                continue;
            }
            List<String> determined = determined(equations, withheld);
            if (determined.isEmpty()) {
                return withheld;
            }
            String cell = determined.get(0);
            for (Equation eq : equations) {
                if (eq.cells().contains(cell)) {
                    Optional<String> complement = complement(eq, values, withheld);
                    if (complement.isPresent()) {
                        withheld.add(complement.get());
                        changed = true;
                        break;
                    }
                }
            }
            if (!changed) { // every cell of every line through it is withheld already: nothing more can hide it
                throw new IllegalStateException("cell " + cell + " cannot be protected");
            }
        }
    }

    /** The cheapest cell to withhold as well: a nonzero one with the smallest count, parts before the total. */
    private static Optional<String> complement(Equation eq, Map<String, Long> values, Set<String> withheld) {
        Comparator<String> cheapest = Comparator.<String, Boolean>comparing(id -> values.getOrDefault(id, 0L) == 0)
                .thenComparing(id -> id.equals(eq.total()))
                .thenComparing(id -> values.getOrDefault(id, 0L))
                .thenComparing(id -> id);
        return eq.cells().stream().filter(id -> !withheld.contains(id)).min(cheapest);
    }

    /**
     * The withheld cells whose value follows from the published equations alone: x_i is determined exactly when the
     * reduced row echelon form of the equations over the withheld cells has a row with a single nonzero at column i.
     */
    public static List<String> determined(List<Equation> equations, Set<String> withheld) {
        List<String> unknowns = new ArrayList<>(withheld);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < unknowns.size(); i++) {
            index.put(unknowns.get(i), i);
        }
        List<double[]> rows = new ArrayList<>();
        for (Equation eq : equations) {
            double[] row = new double[unknowns.size()];
            boolean any = false;
            for (String p : eq.parts()) {
                Integer i = index.get(p);
                if (i != null) {
                    row[i] += 1;
                    any = true;
                }
            }
            Integer t = index.get(eq.total());
            if (t != null) {
                row[t] -= 1;
                any = true;
            }
            if (any) {
                rows.add(row);
            }
        }
        double[][] m = rows.toArray(new double[0][]);
        int rank = 0;
        int[] pivotOf = new int[m.length];
        for (int col = 0; col < unknowns.size() && rank < m.length; col++) {
            int pivot = -1;
            for (int r = rank; r < m.length; r++) {
                if (Math.abs(m[r][col]) > 1e-9 && (pivot < 0 || Math.abs(m[r][col]) > Math.abs(m[pivot][col]))) {
                    pivot = r;
                }
            }
            if (pivot < 0) {
                continue;
            }
            double[] tmp = m[rank];
            m[rank] = m[pivot];
            m[pivot] = tmp;
            double lead = m[rank][col];
            for (int c = 0; c < unknowns.size(); c++) {
                m[rank][c] /= lead;
            }
            for (int r = 0; r < m.length; r++) {
                if (r != rank && Math.abs(m[r][col]) > 1e-9) {
                    double f = m[r][col];
                    for (int c = 0; c < unknowns.size(); c++) {
                        m[r][c] -= f * m[rank][c];
                    }
                }
            }
            pivotOf[rank] = col;
            rank++;
        }
        List<String> out = new ArrayList<>();
        for (int r = 0; r < rank; r++) {
            int nonzero = 0;
            for (int c = 0; c < unknowns.size(); c++) {
                if (Math.abs(m[r][c]) > 1e-9) {
                    nonzero++;
                }
            }
            if (nonzero == 1) {
                out.add(unknowns.get(pivotOf[r]));
            }
        }
        return out;
    }
}
