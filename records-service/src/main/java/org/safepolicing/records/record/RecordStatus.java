package org.safepolicing.records.record;

import java.util.Set;

/**
 * SUBMITTED → PENDING_FAIR_PROCESS | ACTIVE → DISPUTED → ACTIVE (upheld) | AMENDED | EXPUNGED.
 * Only ACTIVE and DISPUTED records are ever disclosed.
 */
public enum RecordStatus {
    SUBMITTED, PENDING_FAIR_PROCESS, ACTIVE, DISPUTED, AMENDED, EXPUNGED;

    public static final Set<RecordStatus> DISCLOSABLE = Set.of(ACTIVE, DISPUTED);
    /** Final, not vacated: what public statistics count. */
    public static final Set<RecordStatus> COUNTED = Set.of(ACTIVE, DISPUTED, AMENDED);
}
