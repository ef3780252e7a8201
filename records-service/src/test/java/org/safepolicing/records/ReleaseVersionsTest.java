package org.safepolicing.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.safepolicing.records.statistics.ReleaseProtection;
import org.safepolicing.records.statistics.StatisticsService;

/**
 * Issue 13, point 15: the versions of a year's release together. The service's tables (the same pure code as the
 * endpoint) are attacked by {@link VersionsAttack}, written independently: every version's equations, non-negative
 * integer counts, counts that only grow.
 */
class ReleaseVersionsTest {

    static Object[] row(String state, String type, String category, long n) {
        return new Object[] {state, type, category, n};
    }

    /** The first release of StatisticsTest. */
    static List<Object[]> base() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(row("VA", "LOCAL_MUNICIPAL", "TERMINATION", 25));
        rows.add(row("VA", "STATE_POST_BOARD", "DECERTIFICATION", 3));
        rows.add(row("VA", "LOCAL_MUNICIPAL", "CIVIL_JUDGMENT", 14));
        rows.add(row("MD", "COUNTY_SHERIFF", "TERMINATION", 12));
        rows.add(row("MD", "STATE_POST_BOARD", "DECERTIFICATION", 15));
        rows.add(row("MD", "COUNTY_SHERIFF", "CIVIL_JUDGMENT", 20));
        rows.add(row("MD", "COUNTY_SHERIFF", "CRIMINAL_CONVICTION", 4));
        rows.add(row("TX", "STATE", "TERMINATION", 30));
        rows.add(row("TX", "STATE_POST_BOARD", "DECERTIFICATION", 18));
        rows.add(row("TX", "STATE", "CIVIL_JUDGMENT", 11));
        rows.add(row("TX", "STATE", "RESIGNED_UNDER_INVESTIGATION", 2));
        return rows;
    }

    static List<Object[]> plus(List<Object[]> rows, Object[] more) {
        List<Object[]> out = new ArrayList<>(rows);
        out.add(more);
        return out;
    }

    static JsonNode json(StatisticsService.Computed c) {
        return RecordsApi.JSON.valueToTree(c.content().tables());
    }

    static ReleaseProtection.Version version(StatisticsService.Computed c) {
        return new ReleaseProtection.Version(c.counts(), new LinkedHashSet<>(c.content().suppressedCells()));
    }

    static List<String> unprotected(List<StatisticsService.Computed> versions) {
        var last = versions.get(versions.size() - 1).content().tables();
        java.util.Set<String> states = new java.util.TreeSet<>();
        java.util.Set<String> types = new java.util.TreeSet<>();
        for (var v : versions) {
            v.content().tables().get(0).rows().forEach(r -> states.add(r.label()));
            v.content().tables().get(1).rows().forEach(r -> types.add(r.label()));
        }
        return ReleaseProtection.unprotected(StatisticsService.arcs(states, types, last.get(0).columns()),
                versions.stream().map(ReleaseVersionsTest::version).toList());
    }

    static void assertNoSmallCountShown(StatisticsService.Computed c) {
        List<Long> counts = new ArrayList<>();
        StatisticsTest.collectCounts(json(c), counts);
        assertTrue(counts.stream().noneMatch(v -> v >= 1 && v <= 10), "a small count is shown: " + counts);
    }

    @Test
    void threeMoreRecordsInASecondVersionRevealNothing() {
        // suppressed on its own, each version is safe; together with the first they gave counts away
        for (Object[] more : List.of(row("MD", "COUNTY_SHERIFF", "TERMINATION", 3),
                row("VA", "LOCAL_MUNICIPAL", "RETIRED_UNDER_INVESTIGATION", 3),
                row("VA", "LOCAL_MUNICIPAL", "CRIMINAL_CONVICTION", 3))) {
            var first = StatisticsService.compute(2026, base(), List.of());
            List<Object[]> later = plus(base(), more);
            var alone = StatisticsService.compute(2026, later, List.of());
            assertEquals(List.of(), new VersionsAttack(List.of(json(alone))).recovered());
            assertFalse(new VersionsAttack(List.of(json(first), json(alone))).recovered().isEmpty(),
                    "suppressed alone, the versions together leak (" + more[2] + ")");
            assertFalse(unprotected(List.of(first, alone)).isEmpty(), "the rule sees the leak too");

            var second = StatisticsService.compute(2026, later, List.of(version(first)));
            assertEquals(List.of(), new VersionsAttack(List.of(json(first), json(second))).recovered());
            assertEquals(List.of(), unprotected(List.of(first, second)));
            assertNoSmallCountShown(second);
            // the second version still tells something new: its grand total
            assertEquals(157L, second.content().tables().get(0).grandTotal());
        }
    }

    @Test
    void aCountThatFellThroughAnExpungementIsNotAssumedToGrow() {
        var first = StatisticsService.compute(2026, base(), List.of());
        List<Object[]> later = new ArrayList<>(base());
        later.set(6, row("MD", "COUNTY_SHERIFF", "CRIMINAL_CONVICTION", 3)); // one conviction expunged
        later.add(row("TX", "STATE", "TERMINATION", 4));
        var second = StatisticsService.compute(2026, later, List.of(version(first)));
        assertEquals(List.of(), unprotected(List.of(first, second)));
        assertNoSmallCountShown(second);
    }

    @Test
    void versionsPublishedBeforeTheRuleDoNotBlockTheYear() {
        // two versions suppressed each on its own, the first without its counts kept: together they gave counts away
        var first = StatisticsService.compute(2026, base(), List.of());
        List<Object[]> later = plus(base(), row("MD", "COUNTY_SHERIFF", "TERMINATION", 3));
        var second = StatisticsService.compute(2026, later, List.of());
        java.util.Map<String, Long> legacyCounts = new java.util.HashMap<>(first.counts());
        first.content().suppressedCells().forEach(c -> legacyCounts.put(c, null));
        var legacy = new ReleaseProtection.Version(legacyCounts, new LinkedHashSet<>(first.content().suppressedCells()));
        assertFalse(ReleaseProtection.unprotected(arcs(second), List.of(legacy, version(second))).isEmpty());
        // a third version is still published, and whatever it withholds itself stays protected
        List<Object[]> third = plus(later, row("TX", "STATE", "CIVIL_JUDGMENT", 2));
        var next = StatisticsService.compute(2026, third, List.of(legacy, version(second)));
        List<String> open = ReleaseProtection.unprotected(arcs(next), List.of(legacy, version(second), version(next)));
        assertTrue(open.stream().noneMatch(c -> c.startsWith("v3:")), open.toString());
        assertNoSmallCountShown(next);
    }

    static java.util.Map<String, ReleaseProtection.Arc> arcs(StatisticsService.Computed c) {
        java.util.Set<String> states = new java.util.TreeSet<>();
        java.util.Set<String> types = new java.util.TreeSet<>();
        c.content().tables().get(0).rows().forEach(r -> states.add(r.label()));
        c.content().tables().get(1).rows().forEach(r -> types.add(r.label()));
        return StatisticsService.arcs(states, types, c.content().tables().get(0).columns());
    }

    @Test
    void randomSequencesOfVersionsRevealNothingTogether() {
        Random random = new Random(15);
        String[] states = {"VA", "MD", "TX", "CA"};
        String[] types = {"LOCAL_MUNICIPAL", "COUNTY_SHERIFF", "STATE"};
        String[] categories = {"TERMINATION", "CIVIL_JUDGMENT", "CRIMINAL_CONVICTION", "RESIGNED_UNDER_INVESTIGATION",
                "RETIRED_UNDER_INVESTIGATION"};
        int withheld = 0;
        for (int round = 0; round < 100; round++) {
            List<Object[]> rows = new ArrayList<>();
            int entries = 3 + random.nextInt(8);
            for (int i = 0; i < entries; i++) {
                rows.add(row(states[random.nextInt(states.length)], types[random.nextInt(types.length)],
                        categories[random.nextInt(categories.length)], random.nextBoolean() ? 1 + random.nextInt(10) : 11 + random.nextInt(40)));
            }
            List<StatisticsService.Computed> versions = new ArrayList<>();
            int count = 2 + random.nextInt(2);
            for (int v = 0; v < count; v++) {
                if (v > 0) {
                    int more = 1 + random.nextInt(4);
                    for (int i = 0; i < more; i++) {
                        rows.add(row(states[random.nextInt(states.length)], types[random.nextInt(types.length)],
                                categories[random.nextInt(categories.length)], 1 + random.nextInt(5)));
                    }
                }
                var c = StatisticsService.compute(2026, rows, versions.stream().map(ReleaseVersionsTest::version).toList());
                assertNoSmallCountShown(c);
                versions.add(c);
                withheld += c.content().suppressedCells().size();
            }
            assertEquals(List.of(), unprotected(versions), "round " + round);
            assertEquals(List.of(), new VersionsAttack(versions.stream().map(ReleaseVersionsTest::json).toList()).recovered(),
                    "round " + round);
        }
        assertTrue(withheld > 100, "the versions had counts to protect");
    }
}
