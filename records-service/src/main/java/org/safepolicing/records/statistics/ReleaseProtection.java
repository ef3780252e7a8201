package org.safepolicing.records.statistics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Disclosure avoidance across the versions of one year's release (Sec. 3(c): DOJ "shall regularly and periodically
 * make available to the public aggregated and anonymized data"; anonymized across every version published, per the
 * stated policy "Disclosure avoidance across versions" in the records-service README).
 *
 * <p><b>The attacker</b> holds every version of the year and solves integer programs: the unknowns are the withheld
 * counts of every version; each version's tables add up (rows to row totals, categories to category totals, totals to
 * the grand total); counts are non-negative integers; and a count never falls from one version to the next unless it
 * did fall (records amended or expunged), so the attacker assumes growth for every other cell.
 *
 * <p><b>The tables are a circulation.</b> Both tables of a version share the category and grand totals, so each cell
 * is an arc: source → state (state row total), state → category (state cell), category in → category out (category
 * total), category → agency type (type cell), agency type → sink (type row total), sink → source (grand total);
 * every equation of the tables is conservation at a node. A withheld count of a version is <b>not recoverable</b> when
 * another integer solution of the whole system differs there. We exhibit one: a cycle of withheld arcs through the
 * cell (each arc +1 forward or -1 backward), applied to the same cells of a run of consecutive versions [s..e] that
 * all withhold them. It keeps every version's equations; it keeps non-negativity when every arc it lowers is at
 * least 1 in each of those versions; it keeps growth inside the run (both sides move together) and at its ends when
 * an arc it lowers had grown since version s-1 and an arc it raises still grows into version e+1. For a single
 * version (one table pair) a value is unique exactly when no such cycle exists (network matrices are totally
 * unimodular), so the rule is exact there and sound (never claims protection it cannot show) across versions.
 *
 * <p><b>The rule</b>: a new version may be published only when every withheld cell of every version of the year,
 * earlier ones included, has such a cycle (except counts the earlier versions already gave away among themselves,
 * which only versions published before this rule can have done: no new version can take them back). Where one is
 * missing, further cells of the new version are withheld along the cheapest cycle (cost 1 + count per newly
 * withheld cell). Withholding more never removes a cycle.
 */
public final class ReleaseProtection {

    /** A cell as an arc of the circulation. */
    public record Arc(String from, String to) {
    }

    /**
     * One version of the year: each cell's true count (null where it is not known: a version published before counts
     * were kept), the cells it withheld. A cell the version did not have (a row that did not exist yet) is 0, shown.
     */
    public record Version(Map<String, Long> counts, Set<String> withheld) {
        Long count(String cell) {
            return counts.containsKey(cell) ? counts.get(cell) : Long.valueOf(0);
        }
    }

    /** The new version's withheld cells, or the first cell no further withholding can protect. */
    public record Outcome(Set<String> withheld, Optional<String> unprotectable) {
    }

    private ReleaseProtection() {
    }

    /** Node to the arcs that touch it. */
    private static Map<String, List<String>> touching(Map<String, Arc> arcs) {
        Map<String, List<String>> out = new HashMap<>();
        arcs.forEach((id, a) -> {
            out.computeIfAbsent(a.from(), k -> new ArrayList<>()).add(id);
            out.computeIfAbsent(a.to(), k -> new ArrayList<>()).add(id);
        });
        return out;
    }

    /**
     * Withholds further cells of {@code current} (starting from {@code withheld}) until every withheld cell of every
     * version, {@code earlier} ones (oldest first) and this one, has a cycle.
     */
    public static Outcome protect(Map<String, Arc> arcs, List<Version> earlier, Map<String, Long> current,
                                  Set<String> withheld) {
        Set<String> mine = new LinkedHashSet<>(withheld);
        List<Version> versions = new ArrayList<>(earlier);
        versions.add(new Version(current, mine));
        int last = versions.size() - 1;
        Deque<int[]> todo = new ArrayDeque<>();
        List<String> ids = new ArrayList<>(arcs.keySet());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), i);
        }
        // what the earlier versions already gave away among themselves (versions published before this rule) no new
        // version can take back: it does not block the year; everything else must stay protected
        Set<String> givenAway = new HashSet<>(unprotected(arcs, earlier));
        for (int k = 0; k <= last; k++) {
            for (String c : versions.get(k).withheld()) {
                if (index.containsKey(c) && !givenAway.contains("v" + (k + 1) + ":" + c)) {
                    todo.add(new int[] {k, index.get(c)});
                }
            }
        }
        while (!todo.isEmpty()) {
            int[] next = todo.poll();
            String cell = ids.get(next[1]);
            if (isProtected(arcs, versions, next[0], cell)) {
                continue;
            }
            Optional<List<String>> added = cheapestCycle(arcs, versions, next[0], cell);
            boolean grew = false;
            for (String a : added.orElse(List.of())) {
                if (mine.add(a)) {
                    grew = true;
                    todo.add(new int[] {last, index.get(a)});
                }
            }
            if (!grew) {
                return new Outcome(mine, Optional.of("v" + (next[0] + 1) + ":" + cell));
            }
            todo.addFirst(next); // re-checked: the cycle found makes it protected
        }
        return new Outcome(mine, Optional.empty());
    }

    /** The withheld cells of any version (as "v{n}:{cell}", n from 1) that no cycle protects: empty when safe. */
    public static List<String> unprotected(Map<String, Arc> arcs, List<Version> versions) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < versions.size(); k++) {
            for (String c : versions.get(k).withheld()) {
                if (arcs.containsKey(c) && !isProtected(arcs, versions, k, c)) {
                    out.add("v" + (k + 1) + ":" + c);
                }
            }
        }
        return out;
    }

    static boolean isProtected(Map<String, Arc> arcs, List<Version> versions, int k, String cell) {
        for (int s = k; s >= 0 && versions.get(s).withheld().contains(cell); s--) {
            for (int e = k; e < versions.size() && versions.get(e).withheld().contains(cell); e++) {
                if (cycle(arcs, versions, s, e, cell)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean cycle(Map<String, Arc> arcs, List<Version> versions, int s, int e, String cell) {
        Arc c = arcs.get(cell);
        if (usable(arcs, versions, s, e, cell, true, false)
                && reachable(arcs, versions, s, e, cell, c.to(), c.from())) { // raise the cell
            return true;
        }
        return usable(arcs, versions, s, e, cell, false, false) && reachable(arcs, versions, s, e, cell, c.from(), c.to());
    }

    private static boolean reachable(Map<String, Arc> arcs, List<Version> versions, int s, int e, String skip,
                                     String start, String target) {
        Map<String, List<String>> touching = touching(arcs);
        Set<String> seen = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(start);
        seen.add(start);
        while (!queue.isEmpty()) {
            String node = queue.poll();
            if (node.equals(target)) {
                return true;
            }
            for (String id : touching.getOrDefault(node, List.of())) {
                var a = Map.entry(id, arcs.get(id));
                if (a.getKey().equals(skip)) {
                    continue;
                }
                String to = null;
                if (a.getValue().from().equals(node) && usable(arcs, versions, s, e, a.getKey(), true, false)) {
                    to = a.getValue().to();
                } else if (a.getValue().to().equals(node) && usable(arcs, versions, s, e, a.getKey(), false, false)) {
                    to = a.getValue().from();
                }
                if (to != null && seen.add(to)) {
                    queue.add(to);
                }
            }
        }
        return false;
    }

    /**
     * Whether the cell may move by +1 ({@code raise}) or -1 in every version of [s..e] without breaking
     * non-negativity or growth; {@code assumeLastWithheld} counts it as withheld in the newest version.
     */
    static boolean usable(Map<String, Arc> arcs, List<Version> versions, int s, int e, String cell, boolean raise,
                          boolean assumeLastWithheld) {
        int last = versions.size() - 1;
        for (int j = s; j <= e; j++) {
            if (!versions.get(j).withheld().contains(cell) && !(assumeLastWithheld && j == last)) {
                return false;
            }
            if (!raise) {
                Long x = versions.get(j).count(cell);
                if (x == null || x < 1) {
                    return false;
                }
            }
        }
        if (raise && e < last) { // x_e + 1 <= x_(e+1), unless the count fell (growth is not assumed then)
            Long before = versions.get(e).count(cell);
            Long after = versions.get(e + 1).count(cell);
            return before != null && after != null && (after < before || before + 1 <= after);
        }
        if (!raise && s > 0) { // x_(s-1) <= x_s - 1, unless the count fell
            Long before = versions.get(s - 1).count(cell);
            Long after = versions.get(s).count(cell);
            return before != null && after != null && (after < before || before <= after - 1);
        }
        return true;
    }

    /**
     * The cheapest cycle through the cell over a run of versions ending with the newest: the cells of the newest
     * version it needs withheld (empty list when none), or empty when there is none.
     */
    private static Optional<List<String>> cheapestCycle(Map<String, Arc> arcs, List<Version> versions, int k, String cell) {
        int last = versions.size() - 1;
        List<String> best = null;
        long bestCost = Long.MAX_VALUE;
        for (int s = k; s >= 0; s--) {
            boolean earlierWithhold = true;
            for (int j = s; j < last; j++) {
                earlierWithhold &= versions.get(j).withheld().contains(cell);
            }
            if (!earlierWithhold) {
                break;
            }
            for (boolean raise : new boolean[] {true, false}) {
                if (!usable(arcs, versions, s, last, cell, raise, true)) {
                    continue;
                }
                Arc c = arcs.get(cell);
                List<String> path = raise ? path(arcs, versions, s, cell, c.to(), c.from())
                        : path(arcs, versions, s, cell, c.from(), c.to());
                if (path == null) {
                    continue;
                }
                List<String> needed = new ArrayList<>();
                if (!versions.get(last).withheld().contains(cell)) {
                    needed.add(cell);
                }
                for (String a : path) {
                    if (!versions.get(last).withheld().contains(a)) {
                        needed.add(a);
                    }
                }
                long cost = needed.stream().mapToLong(a -> cost(versions.get(last), a)).sum();
                if (cost < bestCost) {
                    bestCost = cost;
                    best = needed;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static long cost(Version v, String cell) {
        Long x = v.count(cell);
        return 1 + (x == null ? 0 : x);
    }

    /** Dijkstra from start to target over arcs usable in [s..last], newly withheld arcs of the newest version costing. */
    private static List<String> path(Map<String, Arc> arcs, List<Version> versions, int s, String skip,
                                     String start, String target) {
        int last = versions.size() - 1;
        Version newest = versions.get(last);
        Map<String, List<String>> touching = touching(arcs);
        Map<String, Long> dist = new HashMap<>();
        Map<String, String> via = new HashMap<>();
        Map<String, String> prev = new HashMap<>();
        PriorityQueue<Map.Entry<String, Long>> queue = new PriorityQueue<>(Map.Entry.comparingByValue());
        dist.put(start, 0L);
        queue.add(Map.entry(start, 0L));
        while (!queue.isEmpty()) {
            var head = queue.poll();
            String node = head.getKey();
            if (head.getValue() > dist.get(node)) {
                continue;
            }
            if (node.equals(target)) {
                List<String> out = new ArrayList<>();
                for (String n = target; !n.equals(start); n = prev.get(n)) {
                    out.add(via.get(n));
                }
                return out;
            }
            for (String id : touching.getOrDefault(node, List.of())) {
                var a = Map.entry(id, arcs.get(id));
                if (a.getKey().equals(skip)) {
                    continue;
                }
                String to = null;
                boolean raise = true;
                if (a.getValue().from().equals(node)) {
                    to = a.getValue().to();
                } else if (a.getValue().to().equals(node)) {
                    to = a.getValue().from();
                    raise = false;
                }
                if (to == null || !usable(arcs, versions, s, last, a.getKey(), raise, true)) {
                    continue;
                }
                long step = newest.withheld().contains(a.getKey()) ? 0 : cost(newest, a.getKey());
                long d = head.getValue() + step;
                if (d < dist.getOrDefault(to, Long.MAX_VALUE)) {
                    dist.put(to, d);
                    via.put(to, a.getKey());
                    prev.put(to, node);
                    queue.add(Map.entry(to, d));
                }
            }
        }
        return null;
    }
}
