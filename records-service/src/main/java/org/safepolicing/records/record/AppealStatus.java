package org.safepolicing.records.record;

/** Where the officer's appeal stands. Only EXHAUSTED, WAIVED and NONE make the process final. */
public enum AppealStatus {
    EXHAUSTED, WAIVED, PENDING, NONE;

    public boolean isFinal() {
        return this != PENDING;
    }
}
