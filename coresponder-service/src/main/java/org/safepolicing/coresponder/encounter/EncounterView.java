package org.safepolicing.coresponder.encounter;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** A stored encounter as the API shows it: the submitted fields and the id. */
public record EncounterView(long id, Instant occurredAt, List<EncounterReason> reasons, boolean clinicianOnScene,
                            Integer responseMinutes, Outcome outcome, boolean forceUsed, List<InjuredParty> injuries,
                            boolean followUp) {

    static EncounterView of(Object[] row) {
        return new EncounterView(((Number) row[0]).longValue(), instant(row[1]),
                split((String) row[2], EncounterReason.class), (Boolean) row[3],
                row[4] == null ? null : ((Number) row[4]).intValue(), Outcome.valueOf((String) row[5]), (Boolean) row[6],
                split((String) row[7], InjuredParty.class), (Boolean) row[8]);
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    private static <E extends Enum<E>> List<E> split(String csv, Class<E> type) {
        if (csv == null || csv.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(s -> Enum.valueOf(type, s)).toList();
    }
}
