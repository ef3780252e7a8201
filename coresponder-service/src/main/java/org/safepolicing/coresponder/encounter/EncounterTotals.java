package org.safepolicing.coresponder.encounter;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a batch adds to its program's running totals and response-time distribution. */
final class EncounterTotals {

    final long[] byOutcome = new long[Outcome.values().length];
    long encounters;
    long forceUsed;
    long injuries;
    long followUp;
    long clinicianOnScene;
    long withResponseMinutes;
    /** minutes → encounters, ascending, so concurrent batches lock distribution rows in the same order. */
    final Map<Integer, Long> responseMinutes = new TreeMap<>();
    /** (year, need) → encounters, diverted, arrests, force used, follow-up; sorted, so concurrent batches lock rows in order. */
    final Map<NeedYear, long[]> byNeed = new TreeMap<>();

    /** A calendar year (UTC) of the encounters and their need cell ({@link Need}). */
    record NeedYear(int year, String need) implements Comparable<NeedYear> {
        @Override
        public int compareTo(NeedYear o) {
            return year != o.year ? Integer.compare(year, o.year) : need.compareTo(o.need);
        }
    }

    static EncounterTotals of(List<Encounter> encounters) {
        EncounterTotals t = new EncounterTotals();
        for (Encounter e : encounters) {
            t.encounters++;
            t.byOutcome[e.outcome().ordinal()]++;
            t.forceUsed += e.forceUsed() ? 1 : 0;
            t.injuries += e.injuries().isEmpty() ? 0 : 1;
            t.followUp += e.followUp() ? 1 : 0;
            t.clinicianOnScene += e.clinicianOnScene() ? 1 : 0;
            long[] cell = t.byNeed.computeIfAbsent(
                    new NeedYear(e.occurredAt().atZone(java.time.ZoneOffset.UTC).getYear(), Need.of(e.reasons())),
                    k -> new long[5]);
            cell[0]++;
            cell[1] += e.outcome().diverted() ? 1 : 0;
            cell[2] += e.outcome() == Outcome.ARREST ? 1 : 0;
            cell[3] += e.forceUsed() ? 1 : 0;
            cell[4] += e.followUp() ? 1 : 0;
            if (e.responseMinutes() != null) {
                t.withResponseMinutes++;
                t.responseMinutes.merge(e.responseMinutes(), 1L, Long::sum);
            }
        }
        return t;
    }

    long outcome(Outcome o) {
        return byOutcome[o.ordinal()];
    }
}
