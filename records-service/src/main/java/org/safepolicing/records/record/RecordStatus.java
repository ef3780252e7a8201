package org.safepolicing.records.record;

import java.util.Set;

/**
 * SUBMITTED → PENDING_FAIR_PROCESS | ACTIVE → DISPUTED → ACTIVE (upheld) | AMENDED | EXPUNGED.
 * ACTIVE, DISPUTED and AMENDED records are disclosed (an AMENDED one as corrected, with the correction and the
 * officer's statement); a held record never, an EXPUNGED one never again. Correcting a record keeps it accurate, it
 * does not remove it (Sec. 3(a): "accounting for applicable privacy and due process rights").
 */
public enum RecordStatus {
    SUBMITTED, PENDING_FAIR_PROCESS, ACTIVE, DISPUTED, AMENDED, EXPUNGED;

    public static final Set<RecordStatus> DISCLOSABLE = Set.of(ACTIVE, DISPUTED, AMENDED);
    /** Final, not vacated: what public statistics count. */
    public static final Set<RecordStatus> COUNTED = Set.of(ACTIVE, DISPUTED, AMENDED);
}
